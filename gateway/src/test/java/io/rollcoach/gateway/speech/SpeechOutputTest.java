package io.rollcoach.gateway.speech;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.rollcoach.gateway.outbox.Outbox;
import io.rollcoach.gateway.outbox.OutboxMessageType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The speech output with the real espeak-ng, writing WAV files instead of playing them. */
class SpeechOutputTest {
    private static final String ESPEAK = "/usr/bin/espeak-ng";
    private static final String ROLLER = "00c0ffee00000001";

    @TempDir
    Path dir;

    private static void publish(Outbox outbox, int type, String json) {
        byte[] body = json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
        outbox.publish(type, ROLLER, new UnsafeBuffer(body), 0, body.length);
    }

    @Test
    void theFocusAndGoodNewsAreWrittenAsWavFilesAndTheTaskUpdatesAreNot() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(ESPEAK)),
            "no " + ESPEAK + ": apt-get install espeak-ng to run the speech test");
        Outbox outbox = new Outbox(1 << 16);
        SpeechSettings settings = new SpeechSettings(true, "en-us", 2, 175, ESPEAK, dir);
        try (SpeechOutput speech = new SpeechOutput(settings, outbox.subscribe("speech", SpeechOutput.messageTypes()))
            .start()) {
            publish(outbox, OutboxMessageType.COACH, "{'device':'" + ROLLER + "','kind':'task','step':'soleus-left',"
                + "'severity':'info','message':'Soleus, left: 1 s of 15 on this point','speech':'Soleus, left leg.'}");
            for (int s = 2; s < 5; s++) { // updates of the same task: not said again
                publish(outbox, OutboxMessageType.COACH, "{'device':'" + ROLLER + "','kind':'task',"
                    + "'step':'soleus-left','severity':'info','message':'Soleus, left: " + s
                    + " s of 15 on this point'}");
            }
            publish(outbox, OutboxMessageType.COACH, "{'device':'" + ROLLER + "','kind':'focus','rule':'stroke',"
                + "'verdict':'too-long','severity':'warn',"
                + "'message':'Shorter strokes: 3.9 in; roll 1-2 in on and off the spot.',"
                + "'speech':'Shorter strokes. Roll one to two inches on and off the spot.','since':30.2}");
            publish(outbox, OutboxMessageType.FEEDBACK, "{'t':31.0,'n':7,'device':'" + ROLLER + "',"
                + "'rule':'triggerPoint','verdict':'done','severity':'good','message':'Point done: 15 s.',"
                + "'speech':'Point done.'}");
            publish(outbox, OutboxMessageType.FEEDBACK, "{'t':31.5,'n':8,'device':'" + ROLLER + "','rule':'contact',"
                + "'verdict':'on','severity':'info','message':'On the roller.'}");

            await().atMost(Duration.ofSeconds(30)).until(() -> speech.said().size() >= 3);
            assertEquals(List.of("Soleus, left leg.", "Shorter strokes. Roll one to two inches on and off the spot.",
                "Point done."), speech.said().subList(0, 3));
            // the focus lasts: said again after repeatSeconds (2 s here), no sooner
            await().atMost(Duration.ofSeconds(30)).until(() -> speech.said().size() >= 4);
            assertEquals("Shorter strokes. Roll one to two inches on and off the spot.", speech.said().get(3));
        }
        List<Path> wavs;
        try (Stream<Path> files = Files.list(dir)) {
            wavs = files.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
        }
        assertTrue(wavs.size() >= 4, "a WAV per utterance: " + wavs);
        for (Path wav : wavs) {
            double seconds = wavSeconds(Files.readAllBytes(wav));
            assertTrue(seconds > 0.3 && seconds < 15, wav + " holds speech: " + seconds + " s");
        }
        // the warning is longer than "Point done."
        assertTrue(wavSeconds(Files.readAllBytes(wavs.get(1))) > wavSeconds(Files.readAllBytes(wavs.get(2))));
    }

    @Test
    void aMissingEspeakNgTurnsSpeechOffWithAMessageNamingThePackage() throws Exception {
        Outbox outbox = new Outbox(1 << 16);
        SpeechSettings settings = new SpeechSettings(true, null, 2, 160, dir.resolve("no-such-espeak-ng").toString(),
            dir);
        try (SpeechOutput speech = new SpeechOutput(settings, outbox.subscribe("speech", SpeechOutput.messageTypes()))
            .start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> speech.problem() != null);
            assertTrue(speech.problem().contains("no-such-espeak-ng"), speech.problem());
            publish(outbox, OutboxMessageType.FEEDBACK, "{'t':1,'n':1,'device':'" + ROLLER + "','rule':'stroke',"
                + "'verdict':'too-long','severity':'warn','message':'Shorter strokes.'}");
            Thread.sleep(300);
            assertEquals(0, speech.spoken());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "nothing written");
        }
    }

    /** Seconds of sound in a PCM WAV file, from its RIFF header. */
    static double wavSeconds(byte[] wav) {
        assertEquals("RIFF", new String(wav, 0, 4, StandardCharsets.US_ASCII));
        assertEquals("WAVE", new String(wav, 8, 4, StandardCharsets.US_ASCII));
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int byteRate = 0;
        int at = 12;
        while (at + 8 <= wav.length) {
            String id = new String(wav, at, 4, StandardCharsets.US_ASCII);
            int size = b.getInt(at + 4);
            if (id.equals("fmt ")) {
                assertEquals(1, b.getShort(at + 8), "PCM");
                byteRate = b.getInt(at + 16);
            } else if (id.equals("data")) {
                assertTrue(byteRate > 0, "fmt before data");
                // espeak-ng writing to a file may leave the size at its maximum when it cannot seek: use the file
                int data = size <= 0 || at + 8 + (long) size > wav.length ? wav.length - at - 8 : size;
                return data / (double) byteRate;
            }
            at += 8 + size + (size & 1);
        }
        assertNotNull(null, "no data chunk");
        return 0;
    }
}
