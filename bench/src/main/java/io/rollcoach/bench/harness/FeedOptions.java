package io.rollcoach.bench.harness;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** How {@code latency} and {@code scale} feed the rollers' frames and listen for what comes back. */
final class FeedOptions {
    @Option(names = "--subscriber", paramLabel = "socket|paho|sse",
        description = "How the harness listens: socket (default) stamps each message as its last byte is read on one "
            + "thread; paho is Paho's Java client, which hands each message to a callback thread first; sse (latency "
            + "only) reads the display's event stream as a page does, beside the socket MQTT subscriber in the same "
            + "run, and prints both.")
    String subscriber = "socket";

    @Option(names = "--batch-ms", paramLabel = "MS",
        description = "Write each roller's due frames in one write every MS milliseconds (default 1: one frame at a "
            + "time at 1000 samples/s). A USB-serial adapter delivers bursts of 1 to 16 ms; larger batches also "
            + "spare the harness's writer thread and socat when many rollers share two cores.")
    int batchMs = 1;

    @Option(names = "--warm-up", paramLabel = "S",
        description = "Seconds fed before measuring starts, latency and CPU alike (default 5). Code that runs once per "
            + "message, not per sample, takes minutes to be compiled fully: use 120 or more to measure a gateway that "
            + "has been running.")
    double warmUpSeconds = 5;

    @Option(names = "--series", paramLabel = "FILE",
        description = "Also write every measured message to FILE as CSV (seconds into the measurement, kind, roller, "
            + "latency in microseconds): shows when the slow ones came, not only how many there were.")
    Path series;

    /** The series file of one of several runs ({@code scale}): {@code name-label.csv} beside {@code --series}. */
    Path seriesFile(String label) {
        if (series == null) {
            return null;
        }
        String name = series.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String labelled = dot > 0 ? name.substring(0, dot) + "-" + label + name.substring(dot) : name + "-" + label;
        return series.resolveSibling(labelled);
    }
}
