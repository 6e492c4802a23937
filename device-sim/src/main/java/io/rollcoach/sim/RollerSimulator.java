package io.rollcoach.sim;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import io.rollcoach.protocol.ConfigureDecoder;
import io.rollcoach.protocol.CueDecoder;
import io.rollcoach.protocol.EventDecoder;
import io.rollcoach.protocol.EventEncoder;
import io.rollcoach.protocol.FrameDecoder;
import io.rollcoach.protocol.FrameEncoder;
import io.rollcoach.protocol.HelloDecoder;
import io.rollcoach.protocol.HelloEncoder;
import io.rollcoach.protocol.MessageType;
import io.rollcoach.protocol.ProtocolV1;
import io.rollcoach.protocol.SampleDecoder;
import io.rollcoach.protocol.SampleEncoder;
import io.rollcoach.protocol.StatusDecoder;
import io.rollcoach.protocol.StatusEncoder;
import io.rollcoach.sim.scenario.Scenario;

/**
 * A simulated roller's firmware: plays a {@link Scenario} and hands out its protocol v1 frames one at a time, with
 * sensor noise, a wrapping clock and the link faults asked for. Generating a frame allocates nothing, so a bench
 * can run many at a high rate. Not thread-safe, except that {@link #onGatewayBytes} may be called from a reader
 * thread while another thread takes frames (a rate change is handed over through an atomic and applied by the
 * thread taking frames).
 */
public final class RollerSimulator {
    static final double STATUS_PERIOD_S = 5.0;
    /** Force sensor noise, newtons (one sigma): a load cell through a 24-bit ADC on a moving roller. */
    static final double FORCE_NOISE_N = 2.0;
    /** Rotation noise expressed as position along the leg, millimetres (one sigma). */
    static final double POSITION_NOISE_MM = 0.3;

    private final Scenario scenario;
    private final SimOptions options;
    private final Random random;
    private final Motion motion;
    private final FrameEncoder encoder = new FrameEncoder();
    private final SampleEncoder sample = new SampleEncoder();
    private final HelloEncoder hello = new HelloEncoder();
    private final StatusEncoder status = new StatusEncoder();
    private final EventEncoder event = new EventEncoder();
    private final FrameDecoder fromGateway = new FrameDecoder();
    private final CueDecoder cue = new CueDecoder();
    private final ConfigureDecoder configure = new ConfigureDecoder();
    private final double corruptRate;
    private final double dropRate;

    private volatile int sampleRateHz;
    /** A CONFIGURE's rate waiting for the frame thread; 0 when none. */
    private final AtomicInteger requestedRateHz = new AtomicInteger();
    private int seq;
    private long samplesAtRate;
    private double rateStartSeconds;
    private double nextSampleSeconds;
    private double nextStatusSeconds;
    private boolean helloPending;
    private int pendingEvent;
    private double angleOffsetRad;
    private double lastPositionMm;
    private boolean wasLoaded;
    /** When the scenario was over and the force had died away (NaN before). */
    private double standingSince = Double.NaN;
    /** Unloaded samples sent after the scenario, as a roller goes on sending when nobody is on it. */
    private double trailingUnloadedSeconds;
    private double angleRad;
    private int batteryPercent = 97;
    private boolean ended;
    /** Scenario times, s, at which the roller reboots, in order; from the segments' restartAtSeconds. */
    private final double[] restartSeconds;
    private int nextRestart;
    /** The roller clock reads clockZeroUs at scenario time clockZeroSeconds: moved by a reboot. */
    private long clockZeroUs;
    private double clockZeroSeconds;

    public RollerSimulator(Scenario scenario, SimOptions options) {
        this.scenario = scenario;
        this.options = options;
        this.random = new Random(options.seed());
        this.motion = new Motion(scenario, options.bodyWeightKg(), random);
        this.sampleRateHz = options.sampleRateHz();
        this.corruptRate = Double.isNaN(options.corruptRate()) ? scenario.corruptRate() : options.corruptRate();
        this.dropRate = Double.isNaN(options.dropRate()) ? scenario.dropRate() : options.dropRate();
        this.helloPending = options.sendHello();
        this.nextStatusSeconds = 0.5;
        this.clockZeroUs = options.clockStartUs();
        this.restartSeconds = restartTimes(scenario);
    }

    private static double[] restartTimes(Scenario scenario) {
        double[] times = new double[scenario.segments().size()];
        int count = 0;
        double segmentStart = 0;
        for (var segment : scenario.segments()) {
            if (segment.restartAtSeconds() >= 0) {
                times[count++] = segmentStart + segment.restartAtSeconds();
            }
            segmentStart += segment.durationSeconds() + segment.restSeconds();
        }
        return Arrays.copyOf(times, count);
    }

    public long deviceId() {
        return options.deviceId();
    }

    public Scenario scenario() {
        return scenario;
    }

    /** The rate of the samples being sent; a CONFIGURE takes effect from the next frame taken. */
    public int sampleRateHz() {
        return sampleRateHz;
    }

    /** When the next frame is due, in nanoseconds since the start, for real-time pacing. */
    public long nextFrameDueNanos() {
        return (long) (nextSampleSeconds * 1e9);
    }

    /**
     * Goes on sending unloaded samples for this long once the scenario is over, as a real roller does while nobody
     * is on it, so a gateway sees the last lift for what it is (the CLI sends a second; renders for tests none).
     */
    public RollerSimulator trailUnloaded(double seconds) {
        trailingUnloadedSeconds = Math.max(0, seconds);
        return this;
    }

    /**
     * Writes the next frame into {@code dst} (it needs {@link ProtocolV1#MAX_FRAME_LENGTH} bytes of room).
     *
     * @return its length with the delimiter, or -1 once the scenario has ended
     */
    public int nextFrame(byte[] dst, int offset) {
        while (!ended) {
            int length = buildFrame(dst, offset);
            if (length < 0) {
                ended = true;
                return -1;
            }
            if (dropRate > 0 && random.nextDouble() < dropRate) {
                continue; // lost on the wire: its seq is used up, so the gateway can count it
            }
            if (corruptRate > 0) {
                corrupt(dst, offset, length);
            }
            return length;
        }
        return -1;
    }

    private int buildFrame(byte[] dst, int offset) {
        int requested = requestedRateHz.getAndSet(0);
        if (requested != 0) {
            changeRate(requested);
        }
        double now = nextSampleSeconds;
        if (nextRestart < restartSeconds.length && now >= restartSeconds[nextRestart]) {
            nextRestart++;
            reboot(now);
        }
        if (helloPending) {
            helloPending = false;
            hello.wrap(encoder.payloadBuffer(), ProtocolV1.PAYLOAD_OFFSET)
                .deviceId(options.deviceId()).firmware(1, 0).sampleRateHz(sampleRateHz)
                .radiusTenthMillimetres((int) Math.round(options.radiusMm() * 10))
                .sensors(HelloDecoder.SENSOR_FORCE | HelloDecoder.SENSOR_ROTATION | HelloDecoder.SENSOR_BUTTON);
            return encoder.encode(MessageType.HELLO, nextSeq(), HelloDecoder.LENGTH, dst, offset);
        }
        if (pendingEvent != 0) {
            event.wrap(encoder.payloadBuffer(), ProtocolV1.PAYLOAD_OFFSET).code(pendingEvent);
            pendingEvent = 0;
            return encoder.encode(MessageType.EVENT, nextSeq(), EventDecoder.LENGTH, dst, offset);
        }
        if (now >= nextStatusSeconds) {
            nextStatusSeconds += STATUS_PERIOD_S;
            if (random.nextDouble() < 0.05 && batteryPercent > 5) {
                batteryPercent--;
            }
            status.wrap(encoder.payloadBuffer(), ProtocolV1.PAYLOAD_OFFSET)
                .batteryPercent(batteryPercent).temperatureCelsius(24).faultFlags(0);
            return encoder.encode(MessageType.STATUS, nextSeq(), StatusDecoder.LENGTH, dst, offset);
        }
        motion.advanceTo(now);
        // a press released on this step still owes its EVENT, which goes out after this sample
        if (motion.finished && motion.forceNewtons < 1 && motion.pressReleased == 0) {
            // The person has stood up. A roller goes on sending while unloaded; it sends a second more before the
            // scenario ends, so the gateway sees a real lift (a shorter unload is a bounce: docs/rules.md).
            if (Double.isNaN(standingSince)) {
                standingSince = now;
            }
            if (now - standingSince >= trailingUnloadedSeconds) {
                return -1;
            }
        }
        if (motion.loaded) {
            // The roller turns only while the leg rests on it: rolling without slipping, angle = travel / radius.
            angleRad += (motion.positionMm - (wasLoaded ? lastPositionMm : motion.positionMm)) / options.radiusMm();
            lastPositionMm = motion.positionMm;
        }
        wasLoaded = motion.loaded;
        if (motion.pressReleased != 0) {
            pendingEvent = motion.pressReleased;
        }
        double noisyAngle = angleRad + angleOffsetRad + random.nextGaussian() * POSITION_NOISE_MM / options.radiusMm();
        double force = Math.max(0, motion.forceNewtons + random.nextGaussian() * FORCE_NOISE_N);
        long timeUs = (clockZeroUs + Math.round((now - clockZeroSeconds) * 1e6)) & 0xFFFF_FFFFL;
        sample.wrap(encoder.payloadBuffer(), ProtocolV1.PAYLOAD_OFFSET)
            .timeUs(timeUs)
            .forceDeciNewtons((int) Math.min(Short.MAX_VALUE, Math.round(force * 10)))
            .angleTenthMilliradians((int) Math.round(noisyAngle * 1e4))
            .flags(motion.buttonHeld ? SampleDecoder.FLAG_BUTTON_HELD : 0);
        advanceClock();
        return encoder.encode(MessageType.SAMPLE, nextSeq(), SampleDecoder.LENGTH, dst, offset);
    }

    /**
     * The firmware starts afresh mid-rolling, as after a brown-out: a HELLO (even with --no-hello: a booting roller
     * always says it), seq from 0 (the protocol's HELLO restarts the gateway's count, so no frame shows as lost),
     * clock from 0 µs at this sample, angle from 0, the boot sample rate, STATUS 0.5 s after boot. The person, and
     * so the motion, carries on as if nothing happened.
     */
    private void reboot(double now) {
        seq = 0;
        helloPending = true;
        clockZeroUs = 0;
        clockZeroSeconds = now;
        angleRad = 0; // the encoder count starts at 0; travel from here on still adds to it
        nextStatusSeconds = now + 0.5;
        pendingEvent = 0; // a release not yet reported is lost with the RAM it was in
        if (sampleRateHz != options.sampleRateHz()) {
            changeRate(options.sampleRateHz()); // a CONFIGURE is forgotten; the gateway must send it again
        }
    }

    private void advanceClock() {
        samplesAtRate++;
        nextSampleSeconds = rateStartSeconds + samplesAtRate / (double) sampleRateHz;
    }

    private int nextSeq() {
        int current = seq;
        seq = (seq + 1) & 0xFFFF;
        return current;
    }

    private void corrupt(byte[] dst, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            if (random.nextDouble() < corruptRate) {
                dst[i] ^= (byte) (1 << random.nextInt(8));
            }
        }
    }

    /** Bytes from the gateway: CUE frames are logged as one line, CONFIGURE changes the sample rate. */
    public void onGatewayBytes(byte[] src, int offset, int length) {
        fromGateway.decode(src, offset, length, (type, frameSeq, buffer, payloadOffset, payloadLength) -> {
            if (type == MessageType.CUE) {
                cue.wrap(buffer, payloadOffset);
                System.err.println("sim: cue " + CueDecoder.patternName(cue.pattern()) + " " + cue.durationMs()
                    + " ms");
            } else if (type == MessageType.CONFIGURE) {
                configure.wrap(buffer, payloadOffset);
                int rate = configure.sampleRateHz();
                if (rate >= 1 && rate <= 5000) {
                    requestedRateHz.set(rate); // applied on the frame thread: the clock fields are its own
                    System.err.println("sim: sample rate now " + rate + " Hz");
                } else {
                    System.err.println("sim: ignored CONFIGURE with sample rate " + rate + " Hz (allowed 1..5000)");
                }
            }
        });
    }

    private void changeRate(int rate) {
        rateStartSeconds = nextSampleSeconds;
        samplesAtRate = 0;
        sampleRateHz = rate;
        helloPending = true; // firmware announces its new rate
    }

    /** Renders a whole scenario as it would arrive on the wire: for tests and capture files. */
    public static byte[] renderAll(Scenario scenario, SimOptions options) {
        RollerSimulator simulator = new RollerSimulator(scenario, options);
        ByteArrayOutputStream out = new ByteArrayOutputStream(
            (int) Math.min(Integer.MAX_VALUE - 8, scenario.durationSeconds() * options.sampleRateHz() * 20 + 1024));
        byte[] frame = new byte[ProtocolV1.MAX_FRAME_LENGTH];
        int length;
        while ((length = simulator.nextFrame(frame, 0)) > 0) {
            out.write(frame, 0, length);
        }
        return out.toByteArray();
    }
}
