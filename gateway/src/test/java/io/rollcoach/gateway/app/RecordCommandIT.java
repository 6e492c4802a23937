package io.rollcoach.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import io.rollcoach.gateway.serial.Frames;
import io.rollcoach.gateway.serial.PtyWriter;
import io.rollcoach.gateway.input.RecordingListener;
import io.rollcoach.gateway.serial.SocatPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rollcoach record} end to end: the simulator's frames over a socat pair into a capture file. */
class RecordCommandIT {
    @TempDir
    Path dir;

    @Test
    void theRawStreamIsRecordedForTheGivenSecondsAsAnUnbrokenRun() throws Exception {
        List<byte[]> frames = Frames.split(Frames.goodTechnique());
        Path out = dir.resolve("session.rcap");
        AtomicBoolean stop = new AtomicBoolean();
        try (SocatPair pair = SocatPair.start("record")) {
            Thread roller = new Thread(() -> {
                // Five times real time: about 1,000 frames in the 2 s recorded.
                try (PtyWriter writer = new PtyWriter(pair.a())) {
                    for (int i = 0; i < frames.size() && !stop.get(); i++) {
                        writer.write(frames.get(i));
                        LockSupport.parkNanos(2_000_000);
                    }
                }
            }, "test-roller");
            roller.start();

            StringWriter err = new StringWriter();
            CommandLine cli = new CommandLine(new RollCoachMain());
            cli.setErr(new PrintWriter(err));
            long started = System.nanoTime();
            int exit = cli.execute("record", "--port", pair.b(), "--out", out.toString(), "--seconds", "2");
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            stop.set(true);
            roller.join(5_000);

            assertEquals(0, exit, err.toString());
            assertTrue(tookMs >= 1_900 && tookMs < 5_000, "recorded for about 2 s, took " + tookMs + " ms");
            assertTrue(err.toString().contains("decoded="), err.toString());
            assertTrue(err.toString().contains("rejected=0"), err.toString());
        }

        byte[] capture = Files.readAllBytes(out);
        Frames.Decoded decoded = Frames.decode(capture);
        assertTrue(decoded.samples().size() > 300, "samples recorded: " + decoded.samples().size());
        assertEquals(0, decoded.rejected());
        assertEquals(0, decoded.lost());
        // The capture is an unbroken run of what the roller sent: its samples sit in the scenario's in order.
        List<RecordingListener.Sample> all = Frames.decode(Frames.join(frames)).samples();
        assertTrue(Collections.indexOfSubList(all, decoded.samples()) >= 0,
            "capture is a contiguous run of the sent samples");
    }

    @Test
    void aWrongPortLeavesAnEarlierCaptureAsItWas() throws Exception {
        Path out = dir.resolve("keep.rcap");
        byte[] earlier = Frames.join(Frames.split(Frames.goodTechnique()).subList(0, 100));
        Files.write(out, earlier);
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new RollCoachMain());
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("record", "--port", dir.resolve("ttyNOPE").toString(), "--out", out.toString(),
            "--seconds", "1");

        assertEquals(RecordCommand.EXIT_USAGE, exit, err.toString());
        assertTrue(Arrays.equals(earlier, Files.readAllBytes(out)), "the earlier capture is untouched");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList(), "nothing else left behind");
        }
    }

    @Test
    void aSilentPortWritesNothingAndLeavesAnEarlierCaptureAsItWas() throws Exception {
        Path out = dir.resolve("keep.rcap");
        byte[] earlier = Frames.join(Frames.split(Frames.goodTechnique()).subList(0, 100));
        Files.write(out, earlier);
        try (SocatPair pair = SocatPair.start("record-silent")) { // a port that opens, with no roller on it
            StringWriter err = new StringWriter();
            CommandLine cli = new CommandLine(new RollCoachMain());
            cli.setErr(new PrintWriter(err));

            int exit = cli.execute("record", "--port", pair.b(), "--out", out.toString(), "--seconds", "1");

            assertEquals(RecordCommand.EXIT_NOTHING_ARRIVED, exit, err.toString());
            assertTrue(err.toString().contains("nothing arrived from " + pair.b()), err.toString());
        }
        assertTrue(Arrays.equals(earlier, Files.readAllBytes(out)), "the earlier capture is untouched");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList(), "no .part left behind");
        }
    }
}
