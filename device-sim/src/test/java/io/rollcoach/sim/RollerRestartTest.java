package io.rollcoach.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.rollcoach.protocol.ConfigureEncoder;
import io.rollcoach.protocol.FrameEncoder;
import io.rollcoach.protocol.MessageType;
import io.rollcoach.protocol.ProtocolV1;
import io.rollcoach.sim.scenario.Scenario;
import io.rollcoach.sim.scenario.ScenarioLibrary;

/**
 * A roller that reboots mid-rolling, as the gateway sees it: a second HELLO, seq, clock and angle from 0, while the
 * person's rolling carries on. 23 s into good strokes (38 mm, 30 a minute) the roller is at the low end of a
 * stroke, 19 mm below where it started, so the angle's return to 0 shows.
 */
class RollerRestartTest {
    private static final double RADIUS_MM = 75;
    private static final String ROLLING = "segments:\n  - {durationSeconds: 30%s}\n";

    private static Scenario scenario(String extra) {
        return ScenarioLibrary.parse(String.format(ROLLING, extra), "t.yaml");
    }

    private static Capture render(String extra, SimOptions options) {
        return Capture.decode(RollerSimulator.renderAll(scenario(extra), options));
    }

    /** Index in {@code capture.frames} of the second HELLO. */
    private static int secondHello(Capture capture) {
        int seen = 0;
        for (int i = 0; i < capture.frames.size(); i++) {
            if (capture.frames.get(i).type() == MessageType.HELLO && ++seen == 2) {
                return i;
            }
        }
        throw new AssertionError("no second HELLO");
    }

    @Test
    void aRestartSendsHelloAndStartsSeqClockAndAngleFromZero() {
        Capture capture = render(", restartAtSeconds: 23", SimOptions.defaults().withClockStartUs(5_000_000));
        assertEquals(2, capture.hellos.size());
        int hello = secondHello(capture);
        assertEquals(0, capture.frames.get(hello).seq(), "a booting roller counts from 0");
        assertEquals(MessageType.SAMPLE, capture.frames.get(hello + 1).type());
        assertEquals(1, capture.frames.get(hello + 1).seq());
        // the HELLO restarts the gateway's count, so nothing shows as lost or as a reset
        assertEquals(0, capture.stats.framesLost(), capture.stats::toString);
        assertEquals(0, capture.stats.sequenceResets(), capture.stats::toString);
        assertEquals(0, capture.stats.framesRejected(), capture.stats::toString);

        List<Capture.Sample> samples = capture.samples;
        int first = 0;
        while (samples.get(first).hellosBefore() < 2) {
            first++;
        }
        Capture.Sample before = samples.get(first - 1);
        Capture.Sample after = samples.get(first);
        assertEquals(5_000_000 + 22_990_000, before.rawTimeUs(), "the old clock, from --clock-start");
        assertEquals(0, after.rawTimeUs(), "the new clock starts at 0, whatever --clock-start said");
        for (int i = first + 1; i < samples.size(); i++) {
            assertEquals(10_000, samples.get(i).rawTimeUs() - samples.get(i - 1).rawTimeUs(), "sample " + i);
        }
        assertEquals(-19, before.positionMm(RADIUS_MM), 1.5, "the low end of a stroke");
        assertEquals(0, after.positionMm(RADIUS_MM), 1.5, "the angle starts again from 0");
    }

    @Test
    void thePersonRollsOnThroughTheRestart() {
        Capture plain = render("", SimOptions.defaults());
        Capture restarted = render(", restartAtSeconds: 23", SimOptions.defaults());
        assertEquals(plain.samples.size(), restarted.samples.size(), "no sample lost or added");
        int at = 2300; // the first sample after the restart
        assertEquals(2, restarted.samples.get(at).hellosBefore());
        double plainZero = plain.samples.get(at).positionMm(RADIUS_MM);
        double restartedZero = restarted.samples.get(at).positionMm(RADIUS_MM);
        for (int i = 0; i < plain.samples.size(); i++) {
            Capture.Sample p = plain.samples.get(i);
            Capture.Sample r = restarted.samples.get(i);
            // the same movement and force; only the sensor noise differs (the STATUS frames moved, and with them
            // the random numbers), 0.3 mm and 2 N one sigma
            double pMm = p.positionMm(RADIUS_MM) - (i >= at ? plainZero : 0);
            double rMm = r.positionMm(RADIUS_MM) - (i >= at ? restartedZero : 0);
            assertEquals(pMm, rMm, 2.5, "position, sample " + i);
            assertEquals(p.forceN(), r.forceN(), 16, "force, sample " + i);
        }
    }

    @Test
    void aRestartedRollerSendsStatusHalfASecondAfterBooting() {
        Capture capture = render(", restartAtSeconds: 23", SimOptions.defaults());
        int hello = secondHello(capture);
        long samplesBeforeStatus = 0;
        for (int i = hello + 1; capture.frames.get(i).type() != MessageType.STATUS; i++) {
            samplesBeforeStatus++;
        }
        assertEquals(50, samplesBeforeStatus, "0 to 0.49 s of the new clock");
        // before: 0.5, 5.5, ... 20.5 s; after: 23.5 and 28.5 s
        assertEquals(5 + 2, capture.countOf(MessageType.STATUS));
    }

    @Test
    void aRestartSaysHelloEvenWhenTheGatewayJoinedMidStream() {
        Capture capture = render(", restartAtSeconds: 23", SimOptions.defaults().withSendHello(false));
        assertEquals(1, capture.hellos.size());
        assertEquals(0, capture.frames.get(firstHello(capture)).seq());
    }

    private static int firstHello(Capture capture) {
        for (int i = 0; i < capture.frames.size(); i++) {
            if (capture.frames.get(i).type() == MessageType.HELLO) {
                return i;
            }
        }
        throw new AssertionError("no HELLO");
    }

    @Test
    void aRestartForgetsAConfiguredRateAndAnnouncesTheBootRate() {
        RollerSimulator simulator = new RollerSimulator(scenario(", restartAtSeconds: 23"), SimOptions.defaults());
        FrameEncoder encoder = new FrameEncoder();
        new ConfigureEncoder().wrap(encoder.payloadBuffer(), ProtocolV1.PAYLOAD_OFFSET).sampleRateHz(200);
        byte[] configure = new byte[ProtocolV1.MAX_FRAME_LENGTH];
        int configureLength = encoder.encode(MessageType.CONFIGURE, 0, 2, configure, 0);
        PrintStream err = System.err;
        System.setErr(new PrintStream(OutputStream.nullOutputStream())); // "sim: sample rate now"
        try {
            simulator.onGatewayBytes(configure, 0, configureLength);
        } finally {
            System.setErr(err);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] frame = new byte[ProtocolV1.MAX_FRAME_LENGTH];
        for (int length; (length = simulator.nextFrame(frame, 0)) > 0; ) {
            out.write(frame, 0, length);
        }
        Capture capture = Capture.decode(out.toByteArray());
        // the CONFIGURE came before the first frame, so the boot HELLO already announces it
        assertEquals(2, capture.hellos.size(), "boot and the restart");
        assertEquals(200, Capture.hello(capture.hellos.get(0)).sampleRateHz());
        assertEquals(100, Capture.hello(capture.hellos.get(1)).sampleRateHz());
        List<Capture.Sample> samples = capture.samples;
        long last = samples.get(samples.size() - 1).rawTimeUs();
        assertEquals(last - 10_000, samples.get(samples.size() - 2).rawTimeUs(), "100 Hz again after the restart");
    }

    @Test
    void rollerRestartRestartsOnce23SecondsInAtAStrokesEnd() {
        Capture capture = Capture.decode(RollerSimulator.renderAll(ScenarioLibrary.load("roller-restart"),
            SimOptions.defaults()));
        assertEquals(2, capture.hellos.size());
        Capture.Sample firstAfter = capture.samples.stream().filter(s -> s.hellosBefore() == 2).findFirst()
            .orElseThrow();
        assertEquals(0, firstAfter.rawTimeUs());
        assertEquals(2300, capture.samples.indexOf(firstAfter), "23 s of samples before it");
        assertEquals(0, capture.stats.framesLost() + capture.stats.sequenceResets(), capture.stats::toString);
    }
}
