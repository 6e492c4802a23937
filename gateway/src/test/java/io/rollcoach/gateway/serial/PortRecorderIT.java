package io.rollcoach.gateway.serial;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A capture recorded over a socat pair replaces the target only when bytes arrived; the target is never half made. */
class PortRecorderIT {
    @TempDir
    Path dir;

    private List<Path> files() throws Exception {
        try (var files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void whatThePortSentReplacesTheTargetOnlyAtTheFinish() throws Exception {
        byte[] sent = Frames.join(Frames.split(Frames.goodTechnique()).subList(0, 200));
        Path out = dir.resolve("session.rcap");
        Files.writeString(out, "an earlier capture");
        try (SocatPair pair = SocatPair.start("recorder")) {
            PortRecorder recorder = PortRecorder.start(SerialLinkConfig.of(pair.b()), out);
            try (PtyWriter roller = new PtyWriter(pair.a())) {
                roller.write(sent);
                // the roller's end stays open until all of it is through: socat ends the pair when one side closes
                await().atMost(Duration.ofSeconds(10)).until(() -> recorder.bytesRecorded() == sent.length);
            }
            assertEquals("an earlier capture", Files.readString(out), "replaced only at the finish");

            recorder.finish();

            assertArrayEquals(sent, Files.readAllBytes(out));
            assertEquals(200, recorder.stats().framesDecoded());
            assertEquals(List.of(out), files(), "no .part left behind");
        }
    }

    @Test
    void aSilentPortLeavesTheTargetAsItWasAndNoPartialFile() throws Exception {
        Path out = dir.resolve("keep.rcap");
        Files.writeString(out, "an earlier capture");
        try (SocatPair pair = SocatPair.start("recorder-silent")) {
            PortRecorder recorder = PortRecorder.start(SerialLinkConfig.of(pair.b()), out);
            assertEquals(List.of(out, dir.resolve("keep.rcap.part")), files(), "recording beside the target");

            recorder.finish();

            assertEquals(0, recorder.bytesRecorded());
            assertEquals("an earlier capture", Files.readString(out));
            assertEquals(List.of(out), files());
        }
    }

    @Test
    void aPortThatCannotBeOpenedLeavesNothingBehind() throws Exception {
        Path out = dir.resolve("never.rcap");
        assertThrows(SerialLinkException.class,
            () -> PortRecorder.start(SerialLinkConfig.of(dir.resolve("ttyNOPE").toString()), out));
        assertEquals(List.of(), files());
    }
}
