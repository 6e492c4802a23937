package io.rollcoach.bench.harness;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** Every measured message in arrival order, kept in primitive arrays so the subscriber thread stays light. */
final class LatencySeries {
    private long[] arrivedNanos = new long[4096];
    private long[] micros = new long[4096];
    private int[] rollerAndKind = new int[4096];
    private int size;

    /** Called on the subscriber's one thread. */
    void add(long nanosIntoMeasurement, boolean feedback, int roller, long latencyMicros) {
        if (size == micros.length) {
            arrivedNanos = Arrays.copyOf(arrivedNanos, size * 2);
            micros = Arrays.copyOf(micros, size * 2);
            rollerAndKind = Arrays.copyOf(rollerAndKind, size * 2);
        }
        arrivedNanos[size] = nanosIntoMeasurement;
        micros[size] = latencyMicros;
        rollerAndKind[size] = roller << 1 | (feedback ? 1 : 0);
        size++;
    }

    int size() {
        return size;
    }

    /** CSV: {@code seconds,kind,roller,latency_us}, kind {@code feedback} or {@code telemetry}. */
    void write(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            out.write("seconds,kind,roller,latency_us\n");
            for (int i = 0; i < size; i++) {
                out.write(String.format(Locale.ROOT, "%.6f,%s,%d,%d%n", arrivedNanos[i] / 1e9,
                    (rollerAndKind[i] & 1) == 1 ? "feedback" : "telemetry", rollerAndKind[i] >>> 1, micros[i]));
            }
        }
    }
}
