package io.rollcoach.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.rollcoach.protocol.ConfigureEncoder;
import io.rollcoach.protocol.CueDecoder;
import io.rollcoach.protocol.CueEncoder;
import io.rollcoach.protocol.EventDecoder;
import io.rollcoach.protocol.FrameEncoder;
import io.rollcoach.protocol.HelloDecoder;
import io.rollcoach.protocol.MessageType;
import io.rollcoach.protocol.ProtocolV1;
import io.rollcoach.sim.scenario.Scenario;
import io.rollcoach.sim.scenario.ScenarioLibrary;

class RollerSimulatorTest {
    private static final SimOptions DEFAULTS = SimOptions.defaults();

    static List<String> scenarioNames() {
        return ScenarioLibrary.names();
    }

    private static Capture render(String name, SimOptions options) {
        return Capture.decode(RollerSimulator.renderAll(ScenarioLibrary.load(name), options));
    }

    /** The scenario's own fault rates switched off, so every frame must arrive. */
    private static SimOptions clean() {
        return DEFAULTS.withCorruptRate(0).withDropRate(0);
    }

    @ParameterizedTest
    @MethodSource("scenarioNames")
    void everyScenarioRendersFramesTheGatewayAccepts(String name) {
        Scenario scenario = ScenarioLibrary.load(name);
        Capture capture = render(name, clean().withDeviceId(0x1234_5678_9ABC_DEF0L).withRadiusMm(60));

        assertEquals(0, capture.stats.framesRejected(), capture.stats::toString);
        assertEquals(0, capture.stats.framesLost(), capture.stats::toString);
        assertEquals(0, capture.stats.sequenceResets(), capture.stats::toString);

        Capture.Frame first = capture.frames.get(0);
        assertEquals(MessageType.HELLO, first.type());
        HelloDecoder hello = Capture.hello(first);
        assertEquals(0x1234_5678_9ABC_DEF0L, hello.deviceId());
        assertEquals(100, hello.sampleRateHz());
        assertEquals(600, hello.radiusTenthMillimetres());
        assertEquals(HelloDecoder.SENSOR_FORCE | HelloDecoder.SENSOR_ROTATION | HelloDecoder.SENSOR_BUTTON,
            hello.sensors());
        long restarts = scenario.segments().stream().filter(segment -> segment.restartAtSeconds() >= 0).count();
        assertEquals(1 + restarts, capture.hellos.size(), "one HELLO, and one more each time the roller restarts");

        List<Capture.Sample> samples = capture.samples;
        for (int i = 1; i < samples.size(); i++) {
            if (samples.get(i).hellosBefore() != samples.get(i - 1).hellosBefore()) {
                assertEquals(0, samples.get(i).rawTimeUs(), "a restarted roller's clock starts at 0, sample " + i);
            } else {
                assertEquals(10_000, samples.get(i).timeUs() - samples.get(i - 1).timeUs(), "sample " + i);
            }
        }
        assertEquals(0, samples.get(0).timeUs());
        // The recording is the scenario's length, plus at most the ~0.25 s the force takes to fall from full
        // load to nothing when a scenario ends with the leg still on the roller. Samples are 10 ms apart (a
        // restart sets the clock back, not the person), so the count gives the length.
        double lastSeconds = (samples.size() - 1) / 100.0;
        double duration = scenario.durationSeconds();
        assertTrue(lastSeconds >= duration - 0.01 - 1e-9, name + " ended at " + lastSeconds + " s of " + duration);
        assertTrue(lastSeconds <= duration + 0.5, name + " ended at " + lastSeconds + " s of " + duration);
        assertTrue(samples.get(samples.size() - 1).forceN() < 10, "the leg is off the roller at the end");
    }

    @ParameterizedTest
    @MethodSource("scenarioNames")
    void scenarioEndsExactlyOnTimeWhenItEndsInARest(String name) {
        Scenario scenario = ScenarioLibrary.load(name);
        var last = scenario.segments().get(scenario.segments().size() - 1);
        if (last.restSeconds() < 0.5) {
            return; // covered by the bound above
        }
        Capture capture = render(name, clean());
        double lastSeconds = capture.samples.get(capture.samples.size() - 1).timeUs() / 1e6;
        assertEquals(scenario.durationSeconds() - 0.01, lastSeconds, 1e-6);
    }

    @Test
    void sampleClockStepsByOnePeriodAtOtherRates() {
        for (int rate : new int[] {50, 200, 1000}) {
            Capture capture = render("too-heavy", clean().withSampleRateHz(rate));
            assertEquals(rate, Capture.hello(capture.frames.get(0)).sampleRateHz());
            long period = Math.round(1e6 / rate);
            for (int i = 1; i < capture.samples.size(); i++) {
                long step = capture.samples.get(i).timeUs() - capture.samples.get(i - 1).timeUs();
                assertTrue(Math.abs(step - 1e6 / rate) <= 1, rate + " Hz, sample " + i + " stepped " + step);
            }
            assertEquals(40.0 * rate, capture.samples.size(), 0.5 * rate, rate + " Hz: about 40 s of samples");
            assertTrue(period > 0);
        }
    }

    @Test
    void statusFramesComeEveryFiveSeconds() {
        Capture capture = render("too-heavy", clean());
        assertEquals(8, capture.countOf(MessageType.STATUS), "40 s from 0.5 s: 0.5, 5.5, ... 35.5");
    }

    @Test
    void clockWrapsAt32BitsAndTheUnwrappedTimelineStaysMonotonic() {
        long start = (1L << 32) - 3_000_000; // wraps 3 s in
        Capture capture = render("good-technique", clean().withClockStartUs(start));
        List<Capture.Sample> samples = capture.samples;
        assertEquals(start, samples.get(0).rawTimeUs());
        boolean wrapped = false;
        for (int i = 1; i < samples.size(); i++) {
            assertTrue(samples.get(i).rawTimeUs() <= 0xFFFF_FFFFL);
            wrapped |= samples.get(i).rawTimeUs() < samples.get(i - 1).rawTimeUs();
            assertEquals(10_000, samples.get(i).timeUs() - samples.get(i - 1).timeUs(), "sample " + i);
        }
        assertTrue(wrapped, "the raw clock wrapped");
        assertEquals(start + 3_000_000, samples.get(300).timeUs());
        assertEquals(0, samples.get(300).rawTimeUs());
    }

    @Test
    void corruptedBytesAreRejectedAndTheRestStillDecode() {
        Capture capture = render("good-technique", clean().withCorruptRate(0.05));
        assertTrue(capture.stats.framesRejected() > 0, capture.stats::toString);
        // 17-byte frames with 5% of bytes hit: well over a third still arrive whole
        assertTrue(capture.samples.size() > 10_000 / 3, capture.stats::toString);
        // A frame that passed the crc is a real one: its clock is on the 10 ms grid and its force plausible.
        for (Capture.Sample s : capture.samples) {
            assertEquals(0, s.rawTimeUs() % 10_000, "time " + s.rawTimeUs());
            assertTrue(s.rawTimeUs() <= 101_000_000L, "time " + s.rawTimeUs());
            assertTrue(s.forceN() >= 0 && s.forceN() < 400, "force " + s.forceN());
        }
        // Frames lost to corruption show as gaps in seq.
        assertTrue(capture.stats.framesLost() > 0, capture.stats::toString);
    }

    @Test
    void droppedFramesAreCountedAsLost() {
        Capture clean = render("good-technique", clean());
        Capture capture = render("good-technique", clean().withDropRate(0.05));
        assertEquals(0, capture.stats.framesRejected(), capture.stats::toString);
        long sent = clean.frames.size();
        long lost = capture.stats.framesLost();
        assertEquals(sent, capture.frames.size() + lost, 1, "every frame either arrives or shows as lost");
        assertEquals(0.05, lost / (double) sent, 0.01, capture.stats::toString);
    }

    @Test
    void noisyGoodCarriesItsOwnFaultsUnlessOverridden() {
        Capture noisy = render("noisy-good", DEFAULTS);
        assertTrue(noisy.stats.framesRejected() > 0, noisy.stats::toString);
        assertTrue(noisy.stats.framesLost() > 0, noisy.stats::toString);
        Capture quiet = render("noisy-good", clean());
        assertEquals(0, quiet.stats.framesRejected() + quiet.stats.framesLost(), quiet.stats::toString);
    }

    @Test
    void withoutHelloTheStreamStartsMidway() {
        Capture capture = render("good-technique", clean().withSendHello(false));
        assertEquals(0, capture.hellos.size());
        assertTrue(capture.samples.size() > 9_000);
        assertEquals(0, capture.stats.framesRejected() + capture.stats.framesLost());
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() {
        Scenario scenario = ScenarioLibrary.load("noisy-good");
        byte[] a = RollerSimulator.renderAll(scenario, DEFAULTS.withSeed(42));
        byte[] b = RollerSimulator.renderAll(scenario, DEFAULTS.withSeed(42));
        byte[] c = RollerSimulator.renderAll(scenario, DEFAULTS.withSeed(43));
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void buttonPressesArriveAsEventsAfterTheirPress() {
        Scenario scenario = ScenarioLibrary.load("full-session");
        Capture capture = render("full-session", clean());
        // Where each press starts, from the scenario: listed presses, then a long press as each segment ends.
        List<double[]> expected = new ArrayList<>(); // {start s, code}
        double segmentStart = 0;
        for (var segment : scenario.segments()) {
            for (var press : segment.presses()) {
                expected.add(new double[] {segmentStart + press.atSeconds(), press.kind().equals("long") ? 2 : 1});
            }
            if (!segment.endPress().equals("none")) {
                expected.add(new double[] {segmentStart + segment.durationSeconds(),
                    segment.endPress().equals("long") ? 2 : 1});
            }
            segmentStart += segment.durationSeconds() + segment.restSeconds();
        }
        assertEquals(22, expected.size(), "6 short presses and 16 long ones in full-session");
        assertEquals(expected.size(), capture.events.size(),
            capture.events.stream().map(Object::toString).collect(Collectors.joining("\n")));
        for (int i = 0; i < expected.size(); i++) {
            Capture.Event event = capture.events.get(i);
            int code = (int) expected.get(i)[1];
            assertEquals(code, event.code(), "event " + i);
            // The EVENT goes out on release: a short press lasts 0.18-0.22 s, a long one 0.9-1.1 s.
            double held = event.afterTimeUs() / 1e6 - expected.get(i)[0];
            double min = code == EventDecoder.LONG_PRESS ? 0.9 : 0.18;
            double max = code == EventDecoder.LONG_PRESS ? 1.1 : 0.22;
            assertTrue(held >= min - 0.011 && held <= max + 0.011, "event " + i + " after " + held + " s");
        }
    }

    @Test
    void buttonHeldFlagCoversEachPress() {
        Capture capture = render("good-technique", clean());
        long held = capture.samples.stream().filter(s -> (s.flags() & 1) != 0).count();
        assertEquals(1, capture.events.size());
        assertEquals(EventDecoder.SHORT_PRESS, capture.events.get(0).code());
        assertTrue(held >= 18 && held <= 23, "a short press is held 0.18-0.22 s, was " + held + " samples");
        long firstHeld = capture.samples.stream().filter(s -> (s.flags() & 1) != 0).findFirst().orElseThrow()
            .timeUs();
        assertEquals(3_000_000, firstHeld, 10_000, "pressed 3 s in");
    }

    private static byte[] gatewayFrame(int type, int payloadLength, Consumer<FrameEncoder> fill) {
        FrameEncoder encoder = new FrameEncoder();
        fill.accept(encoder);
        byte[] out = new byte[ProtocolV1.MAX_FRAME_LENGTH];
        return Arrays.copyOf(out, encoder.encode(type, 7, payloadLength, out, 0));
    }

    @Test
    void configureChangesTheRateOfLaterSamplesAndAnnouncesIt() {
        RollerSimulator simulator = new RollerSimulator(ScenarioLibrary.load("good-technique"), clean());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] frame = new byte[ProtocolV1.MAX_FRAME_LENGTH];
        for (int i = 0; i < 200; i++) {
            out.write(frame, 0, simulator.nextFrame(frame, 0));
        }
        byte[] configure = gatewayFrame(MessageType.CONFIGURE, 2,
            e -> new ConfigureEncoder().wrap(e.payloadBuffer(), ProtocolV1.PAYLOAD_OFFSET).sampleRateHz(250));
        // in two pieces, as a serial read may split it
        simulator.onGatewayBytes(configure, 0, 3);
        simulator.onGatewayBytes(configure, 3, configure.length - 3);
        assertEquals(100, simulator.sampleRateHz(), "applied by the thread taking frames, at its next frame");
        int length = simulator.nextFrame(frame, 0);
        out.write(frame, 0, length);
        assertEquals(250, simulator.sampleRateHz());
        while ((length = simulator.nextFrame(frame, 0)) > 0) {
            out.write(frame, 0, length);
        }
        Capture capture = Capture.decode(out.toByteArray());
        assertEquals(0, capture.stats.framesRejected() + capture.stats.framesLost(), capture.stats::toString);
        assertEquals(2, capture.hellos.size(), "the roller announces its new rate");
        assertEquals(250, Capture.hello(capture.hellos.get(1)).sampleRateHz());
        int helloAt = capture.frames.indexOf(capture.hellos.get(1));
        long samplesBefore = capture.frames.subList(0, helloAt).stream()
            .filter(f -> f.type() == MessageType.SAMPLE).count();
        List<Capture.Sample> samples = capture.samples;
        for (int i = 1; i < samples.size(); i++) {
            long step = samples.get(i).timeUs() - samples.get(i - 1).timeUs();
            // the first sample after the change was already due at the old period; later ones follow the new one
            assertEquals(i <= samplesBefore ? 10_000 : 4_000, step, "sample " + i);
        }
        // the scenario still lasts 100 s (plus the release), now mostly at 250 Hz
        assertEquals(100.0, samples.get(samples.size() - 1).timeUs() / 1e6, 0.5);
    }

    @Test
    void configureWithAnImpossibleRateIsIgnored() {
        RollerSimulator simulator = new RollerSimulator(ScenarioLibrary.load("good-technique"), clean());
        byte[] configure = gatewayFrame(MessageType.CONFIGURE, 2,
            e -> new ConfigureEncoder().wrap(e.payloadBuffer(), ProtocolV1.PAYLOAD_OFFSET).sampleRateHz(0));
        simulator.onGatewayBytes(configure, 0, configure.length);
        simulator.nextFrame(new byte[ProtocolV1.MAX_FRAME_LENGTH], 0);
        assertEquals(100, simulator.sampleRateHz());
    }

    @Test
    void cueIsAcceptedAndChangesNothing() {
        RollerSimulator simulator = new RollerSimulator(ScenarioLibrary.load("good-technique"), clean());
        byte[] cue = gatewayFrame(MessageType.CUE, CueDecoder.LENGTH, e -> new CueEncoder()
            .wrap(e.payloadBuffer(), ProtocolV1.PAYLOAD_OFFSET).pattern(CueDecoder.PATTERN_GOOD).durationMs(300));
        assertDoesNotThrow(() -> simulator.onGatewayBytes(cue, 0, cue.length));
        byte[] garbage = {1, 2, 3, 0, (byte) 0xFF, 0};
        assertDoesNotThrow(() -> simulator.onGatewayBytes(garbage, 0, garbage.length));
        assertEquals(100, simulator.sampleRateHz());
    }

    @Test
    void endPressHappensEvenWithoutARestAfterTheSegment() {
        // A step change straight into the next step, and a press as the scenario ends: both must reach the gateway.
        Scenario scenario = ScenarioLibrary.parse("segments:\n"
            + "  - {durationSeconds: 5, endPress: long}\n"
            + "  - {durationSeconds: 5, endPress: short}\n", "test");
        Capture capture = Capture.decode(RollerSimulator.renderAll(scenario, clean()));
        assertEquals(List.of(EventDecoder.LONG_PRESS, EventDecoder.SHORT_PRESS),
            capture.events.stream().map(Capture.Event::code).toList());
        assertEquals(6.0, capture.events.get(0).afterTimeUs() / 1e6, 0.11);
        assertEquals(10.2, capture.events.get(1).afterTimeUs() / 1e6, 0.03);
        Capture.Sample last = capture.samples.get(capture.samples.size() - 1);
        assertEquals(0, last.flags(), "the button is up at the end");
    }

    @Test
    void aPressStillHeldWhenTheScenarioEndsIsReleased() {
        Scenario scenario = ScenarioLibrary.parse("segments:\n"
            + "  - {durationSeconds: 5, presses: [{atSeconds: 4.5, kind: long}]}\n", "test");
        Capture capture = Capture.decode(RollerSimulator.renderAll(scenario, clean()));
        assertEquals(List.of(EventDecoder.LONG_PRESS), capture.events.stream().map(Capture.Event::code).toList());
        assertEquals(0, capture.samples.get(capture.samples.size() - 1).flags());
    }

    @Test
    void configureFromAReaderThreadNeverBreaksTheClock() throws Exception {
        // As over serial or TCP: the reader thread delivers CONFIGUREs while the main thread takes frames.
        RollerSimulator simulator = new RollerSimulator(ScenarioLibrary.load("good-technique"), clean());
        byte[][] configures = new byte[2][];
        int[] rates = {200, 100};
        for (int i = 0; i < 2; i++) {
            int rate = rates[i];
            configures[i] = gatewayFrame(MessageType.CONFIGURE, 2,
                e -> new ConfigureEncoder().wrap(e.payloadBuffer(), ProtocolV1.PAYLOAD_OFFSET).sampleRateHz(rate));
        }
        AtomicBoolean done = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            for (int i = 0; !done.get(); i++) {
                simulator.onGatewayBytes(configures[i & 1], 0, configures[i & 1].length);
                LockSupport.parkNanos(20_000);
            }
        });
        PrintStream err = System.err;
        System.setErr(new PrintStream(OutputStream.nullOutputStream())); // one line per change
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            reader.start();
            byte[] frame = new byte[ProtocolV1.MAX_FRAME_LENGTH];
            int length;
            for (int frames = 0; (length = simulator.nextFrame(frame, 0)) > 0; frames++) {
                out.write(frame, 0, length);
                if (frames % 200 == 0) {
                    Thread.sleep(1); // a real sender waits for its next frame: give the reader its turns
                }
            }
        } finally {
            done.set(true);
            reader.join();
            System.setErr(err);
        }
        Capture capture = Capture.decode(out.toByteArray());
        assertTrue(capture.hellos.size() > 3, "the rate changed several times: " + capture.hellos.size());
        List<Capture.Sample> samples = capture.samples;
        for (int i = 1; i < samples.size(); i++) {
            long step = samples.get(i).timeUs() - samples.get(i - 1).timeUs();
            assertTrue(step == 5_000 || step == 10_000, "sample " + i + " stepped " + step + " us");
        }
        assertEquals(100.0, samples.get(samples.size() - 1).timeUs() / 1e6, 0.5);
    }
}
