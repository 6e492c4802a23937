package io.rollcoach.gateway.serial;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.rollcoach.gateway.input.RecordingListener;
import io.rollcoach.gateway.input.RollerListener;
import io.rollcoach.protocol.CueDecoder;
import io.rollcoach.protocol.CueEncoder;
import io.rollcoach.protocol.FrameDecoder;
import io.rollcoach.protocol.FrameEncoder;
import io.rollcoach.protocol.MessageType;
import io.rollcoach.protocol.ProtocolV1;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The serial link over a socat pseudo-terminal pair: the simulator's bytes on end A, the link on end B. */
class SerialLinkIT {
    private SocatPair pair;
    private SerialLink link;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void startPair() throws Exception {
        pair = SocatPair.start("link");
    }

    @AfterEach
    void stop() throws Exception {
        if (link != null) {
            link.close();
        }
        pair.close();
    }

    private void openLink() throws SerialLinkException {
        link = new SerialLink(SerialLinkConfig.of(pair.b()), listener);
        link.start(false);
    }

    @Test
    void everySimulatedSampleArrivesIntactAndInOrder() throws Exception {
        byte[] stream = Frames.goodTechnique();
        Frames.Decoded expected = Frames.decode(stream);
        openLink();
        try (PtyWriter roller = new PtyWriter(pair.a())) {
            // Uneven chunks, as a UART driver hands them over, so frames straddle reads.
            for (int offset = 0, step = 1; offset < stream.length; offset += step, step = step % 700 + 37) {
                roller.write(stream, offset, Math.min(step, stream.length - offset));
            }
            await().atMost(Duration.ofSeconds(20))
                .until(() -> listener.sampleCount() >= expected.samples().size());
        }
        assertTrue(expected.samples().size() > 5_000, "the scenario has its samples: " + expected.samples().size());
        assertEquals(expected.samples(), listener.samples());
        assertEquals(0, link.stats().framesRejected(), link.stats().toString());
        assertEquals(0, link.stats().framesLost(), link.stats().toString());
        assertEquals(expected.decoded(), link.stats().framesDecoded());
        assertEquals(stream.length, link.stats().bytesRead());
        assertEquals(1, listener.hellos());
        assertEquals(0, listener.lost());
    }

    @Test
    void garbageAndCutFramesAreCountedAndTheFramesAfterThemArrive() throws Exception {
        List<byte[]> frames = Frames.split(Frames.goodTechnique()).subList(0, 300);
        Random random = new Random(7);
        List<byte[]> parts = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            byte[] frame = frames.get(i);
            if (i % 50 == 10) {
                byte[] garbage = new byte[40];
                random.nextBytes(garbage);
                garbage[39] = 0; // noise that ends in a delimiter, as after a glitch on the line
                parts.add(garbage);
            }
            if (i % 50 == 30) {
                parts.add(Arrays.copyOf(Arrays.copyOf(frame, 7), 8)); // the frame cut short, then a delimiter
                continue;
            }
            if (i % 50 == 40) {
                byte[] noZeros = new byte[25];
                random.nextBytes(noZeros);
                for (int j = 0; j < noZeros.length; j++) {
                    noZeros[j] |= 1; // no delimiter: it runs into the next frame, which is lost with it
                }
                parts.add(noZeros);
            }
            parts.add(frame);
        }
        byte[] stream = Frames.join(parts);
        Frames.Decoded expected = Frames.decode(stream);
        assertTrue(expected.rejected() >= 12, "the damage is counted as rejected: " + expected.rejected());

        openLink();
        try (PtyWriter roller = new PtyWriter(pair.a())) {
            roller.write(stream);
            await().atMost(Duration.ofSeconds(10)).until(() -> link.stats().bytesRead() == stream.length);
        }
        assertEquals(expected.samples(), listener.samples());
        assertEquals(expected.rejected(), link.stats().framesRejected(), link.stats().toString());
        assertEquals(expected.rejected(), listener.framesRejectedTotal());
        // The frames after the last damage still arrive: the last sample on the wire is the last one seen.
        Frames.Decoded lastFrame = Frames.decode(frames.get(frames.size() - 1));
        List<RecordingListener.Sample> seen = listener.samples();
        assertEquals(lastFrame.samples().get(0), seen.get(seen.size() - 1));
    }

    @Test
    void anUnplugIsReportedOnceAndReadingResumesAfterReplug() throws Exception {
        List<byte[]> frames = Frames.split(Frames.goodTechnique());
        byte[] before = Frames.join(frames.subList(0, 200));
        byte[] after = Frames.join(frames.subList(200, 400));
        int samplesBefore = Frames.decode(before).samples().size();
        openLink();
        try (PtyWriter roller = new PtyWriter(pair.a())) {
            roller.write(before);
            await().atMost(Duration.ofSeconds(5)).until(() -> listener.sampleCount() == samplesBefore);
        }

        long unplugged = System.nanoTime();
        pair.kill();
        await().atMost(Duration.ofSeconds(2)).until(() -> listener.lost() == 1);
        assertTrue(listener.lastLostNanos() - unplugged < TimeUnit.SECONDS.toNanos(2));
        // Stays unplugged for a while: retries must not report the loss again.
        Thread.sleep(1_200);
        assertEquals(1, listener.lost());
        assertEquals(0, listener.restored());
        assertFalse(link.isOpen());

        pair.restart();
        await().atMost(Duration.ofSeconds(3)).until(() -> listener.restored() == 1);
        try (PtyWriter roller = new PtyWriter(pair.a())) {
            roller.write(after);
            List<RecordingListener.Sample> expected = new ArrayList<>(Frames.decode(before).samples());
            expected.addAll(Frames.decode(after).samples());
            await().atMost(Duration.ofSeconds(5)).until(() -> listener.sampleCount() == expected.size());
            assertEquals(expected, listener.samples());
        }
        assertEquals(1, listener.lost());
        assertEquals(1, listener.restored());
        assertEquals(0, link.stats().framesRejected(), link.stats().toString());
    }

    @Test
    void aVanishingDeviceNodeIsNoticedWithoutAReadError() throws Exception {
        // A by-id link that udev removes while the tty still answers: only the node check can see it.
        Path real = Path.of(pair.b()).toRealPath();
        Path alias = Path.of(pair.b() + "-by-id");
        Files.createSymbolicLink(alias, real);
        try {
            link = new SerialLink(SerialLinkConfig.of(alias.toString()), listener);
            link.start(false);
            Files.delete(alias);
            await().atMost(Duration.ofSeconds(2)).until(() -> listener.lost() == 1);
            assertFalse(link.isOpen());

            Files.createSymbolicLink(alias, real);
            await().atMost(Duration.ofSeconds(3)).until(() -> listener.restored() == 1);
            byte[] frames = Frames.join(Frames.split(Frames.goodTechnique()).subList(0, 50));
            try (PtyWriter roller = new PtyWriter(pair.a())) {
                roller.write(frames);
                int expected = Frames.decode(frames).samples().size();
                await().atMost(Duration.ofSeconds(5)).until(() -> listener.sampleCount() == expected);
            }
            assertEquals(1, listener.lost());
        } finally {
            Files.deleteIfExists(alias);
        }
    }

    @Test
    void aThrowingListenerIsCountedAndTheFramesAfterItStillArrive() throws Exception {
        List<byte[]> frames = Frames.split(Frames.goodTechnique());
        byte[] first = Frames.join(frames.subList(0, 1_000));
        byte[] later = Frames.join(frames.subList(1_000, 1_200));
        AtomicInteger thrown = new AtomicInteger();
        // An engine with a bug: every 100th sample throws, and so does every tenth tick.
        RollerListener buggy = new RollerListener() {
            private int samples;
            private int ticks;

            @Override
            public void onSample(long timeUs, int force, int angle, int flags) {
                if (++samples % 100 == 0) {
                    thrown.incrementAndGet();
                    throw new IllegalStateException("engine bug at sample " + samples);
                }
                listener.onSample(timeUs, force, angle, flags);
            }

            @Override
            public void onTick(long nowNanos) {
                listener.onTick(nowNanos);
                if (++ticks % 10 == 0) {
                    thrown.incrementAndGet();
                    throw new IllegalStateException("engine bug at tick " + ticks);
                }
            }
        };
        link = new SerialLink(SerialLinkConfig.of(pair.b()), buggy);
        link.start(false);
        List<RecordingListener.Sample> expected = new ArrayList<>();
        List<RecordingListener.Sample> sent = new ArrayList<>(Frames.decode(first).samples());
        sent.addAll(Frames.decode(later).samples());
        for (int i = 0; i < sent.size(); i++) {
            if ((i + 1) % 100 != 0) {
                expected.add(sent.get(i)); // only the calls that threw are lost
            }
        }
        try (PtyWriter roller = new PtyWriter(pair.a())) {
            roller.write(first); // in chunks of many frames: the ones after a throw in the same read still count
            await().atMost(Duration.ofSeconds(10)).until(() -> link.stats().bytesRead() == first.length);
            await().atMost(Duration.ofSeconds(5)).until(() -> listener.ticks().size() >= 25); // ticks go on too
            roller.write(later);
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.sampleCount() == expected.size());
        }
        assertEquals(expected, listener.samples());
        assertEquals(0, link.stats().framesRejected(), "the decoder kept its place: " + link.stats());
        await().atMost(Duration.ofSeconds(2)).until(() -> link.errors().count() == thrown.get());
        assertTrue(thrown.get() >= 12, "samples and ticks threw: " + thrown.get());
        assertEquals("roller-serial-" + pair.b(), link.errors().roleName());
        assertTrue(link.isOpen(), "an engine's exception is no unplug");
        assertEquals(0, listener.lost());
    }

    @Test
    void cueFramesReachTheRoller() throws Exception {
        openLink();
        FrameEncoder encoder = new FrameEncoder();
        new CueEncoder().wrap(encoder.payloadBuffer(), ProtocolV1.PAYLOAD_OFFSET).pattern(1).durationMs(300);
        byte[] frame = new byte[ProtocolV1.MAX_FRAME_LENGTH];
        int length = encoder.encode(MessageType.CUE, 5, CueDecoder.LENGTH, frame, 0);
        try (PtyWriter roller = new PtyWriter(pair.a())) {
            assertTrue(link.send(frame, 0, length));
            byte[] received = new byte[64];
            int read = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (read < length && System.nanoTime() < deadline) {
                byte[] chunk = new byte[64];
                int n = roller.read(chunk, 200);
                if (n > 0) {
                    System.arraycopy(chunk, 0, received, read, n);
                    read += n;
                }
            }
            assertArrayEquals(Arrays.copyOf(frame, length), Arrays.copyOf(received, read));
            int[] cue = new int[2];
            new FrameDecoder().decode(received, 0, read, (type, seq, buffer, off, len) -> {
                CueDecoder decoder = new CueDecoder().wrap(buffer, off);
                cue[0] = decoder.pattern();
                cue[1] = decoder.durationMs();
            });
            assertArrayEquals(new int[] {1, 300}, cue);
        }
    }

    @Test
    void theLinkTicksAtLeastEvery130MsWhileTheRollerIsSilent() throws Exception {
        openLink();
        Thread.sleep(1_000);
        List<Long> ticks = listener.ticks();
        assertTrue(ticks.size() >= 8, "ticks in a silent second: " + ticks.size());
        for (int i = 1; i < ticks.size(); i++) {
            long gapMs = TimeUnit.NANOSECONDS.toMillis(ticks.get(i) - ticks.get(i - 1));
            assertTrue(gapMs <= 130, "ticks at most ~100 ms apart, one gap was " + gapMs + " ms");
        }
    }
}
