package io.rollcoach.gateway.technique;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.rollcoach.gateway.command.Command;
import io.rollcoach.gateway.command.CommandResult;
import io.rollcoach.gateway.command.CommandTarget;
import io.rollcoach.gateway.input.RollerListener;
import io.rollcoach.gateway.outbox.MessageSink;
import io.rollcoach.gateway.outbox.OutboxMessageType;
import io.rollcoach.protocol.feedback.FeedbackEvent;
import io.rollcoach.protocol.feedback.JsonWriter;
import io.rollcoach.protocol.feedback.Rule;
import io.rollcoach.protocol.feedback.Severity;
import io.rollcoach.protocol.feedback.Telemetry;
import io.rollcoach.protocol.feedback.TelemetryWriter;
import io.rollcoach.protocol.feedback.Verdict;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Judges one roller's rolling against the guide's rules as the samples arrive, and says what to change through
 * a {@link MessageSink}: feedback events, telemetry about ten times a second, the roller's info and status, and a
 * session summary. Runs on the roller's input thread: allocates nothing per sample, never blocks, never logs.
 * Commands from other threads are queued ({@link #submit}) and carried out on that thread between samples.
 *
 * <p>Time is the roller's clock (wraps handled), so a capture judged later gives the same events as it did live.
 * The rules and their defaults are in docs/rules.md.
 */
public final class TechniqueEngine implements RollerListener, CommandTarget {
    /** A gap longer than this (lost link, dropped burst) credits no rolling time: we do not know what happened. */
    static final double MAX_CREDIT_GAP_S = 0.5;
    /** Time constant of the force average judged for load: long enough to ride over each stroke's swing. */
    static final double LOAD_TAU_S = 1.0;
    /** Load must come this far back inside its band before it is called ok (no flicker at the edge). */
    static final double LOAD_MEND_MARGIN = 0.05;
    static final double SUMMARY_EVERY_S = 5;
    /** Position smoothing: filters sensor noise, and lags a 30-a-minute stroke by a negligible 0.1 mm. */
    static final double POSITION_TAU_S = 0.03;
    /** A press held this long (by the samples' button flag) is a long press, as the firmware counts it. */
    static final double LONG_PRESS_S = 0.6;
    /** How long after a release the EVENT frame may still come before the flag alone decides. */
    static final double EVENT_GRACE_S = 0.25;
    private static final long BACKWARDS_US = 1L << 31;
    private static final int COMMANDS_PER_DRAIN = 16;
    private static final double MICRO = 1e-6;
    private static final double ANGLE_UNIT_RAD = 1e-4;

    private final RollerLink link;
    private final StringBuilder device = new StringBuilder(32);
    private final boolean deviceNamed;
    private final MessageSink sink;
    private final EventEmitter out;
    private final RoutineProgress progress;
    private final StrokeTracker strokes;
    private final SlidingExtent coverage;
    private final SlidingExtent stillness;
    private final TriggerPoint point = new TriggerPoint();
    private final Fault strokeFault = new Fault();
    private final Fault coverageFault = new Fault();
    private final Fault loadFault = new Fault();
    private final Fault cadenceFault = new Fault();
    private final Fault holdFault = new Fault();
    private final Telemetry telemetry = new Telemetry();
    private final TelemetryWriter telemetryWriter = new TelemetryWriter();
    private final SessionSummaryWriter summaryWriter = new SessionSummaryWriter();
    private final JsonWriter json = new JsonWriter();
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[16384]);
    private final ManyToOneConcurrentArrayQueue<PendingCommand> commands = new ManyToOneConcurrentArrayQueue<>(64);

    private TechniqueConfig config;
    private double radiusMm;
    private boolean radiusFromHello;
    private long deviceId;
    private String person = "default";
    /** The device's name for other threads (command routing); changes only at HELLO. */
    private volatile String deviceName;
    private boolean online;
    private int firmwareMajorSeen;
    private int firmwareMinorSeen;
    private int sampleRateSeen = -1;
    private int sensorsSeen = -1;
    private int batteryPercentSeen = -1;
    private int temperatureSeen;
    private int faultFlagsSeen;

    private boolean clockStarted;
    private long lastTimeUs;
    private long rollerMicros;
    private double now;
    private double origin;
    private boolean originPending = true;
    private double lastSampleAt = Double.NaN;

    private boolean loaded;
    private int angleAtContact;
    private double contactAt;
    private double positionMm = Double.NaN;
    private double smoothedMm;
    private double forceNewtons;
    private double loadAverage;
    private double lastLoadedAt;
    private double lastStrokeMm = Double.NaN;
    private boolean markPending;
    private boolean sessionOpen;
    private boolean buttonHeld;
    private double heldSince;
    private boolean eventDuringHold;
    private int pendingPress;
    private double pendingPressAt;
    private double flagPressActedAt = Double.NEGATIVE_INFINITY;

    // Session statistics for the summary.
    long strokeCount;
    double strokeSumMm;
    double loadedSeconds;
    double loadIntegral;
    int cadenceCount;
    double cadenceSum;

    private boolean linkLost;
    private long lostSeen;
    private long rejectedSeen;
    private long lostUnsaid;
    private long rejectedUnsaid;
    private double lostSaidAt = Double.NEGATIVE_INFINITY;
    private double rejectedSaidAt = Double.NEGATIVE_INFINITY;
    private double nextTelemetryAt;
    private double nextSummaryAt;
    private int summarisedChanges = -1;

    /**
     * @param deviceName the name events and topics use, or null for the roller's id in hex (from its HELLO)
     */
    public TechniqueEngine(TechniqueConfig config, Routine routine, MessageSink sink, RollerLink link,
                           SessionLedger ledger, String deviceName) {
        this.config = config;
        this.sink = sink;
        this.link = link;
        this.deviceNamed = deviceName != null;
        device.append(deviceName != null ? deviceName : "unknown");
        this.deviceName = device.toString();
        this.radiusMm = config.radiusMm();
        this.out = new EventEmitter(sink, device);
        this.progress = new RoutineProgress(routine, config, out, link, ledger);
        this.strokes = new StrokeTracker(config.reversalMm());
        this.coverage = new SlidingExtent(config.coverageWindowSeconds());
        this.stillness = new SlidingExtent(config.holdSeconds());
    }

    public TechniqueConfig config() {
        return config;
    }

    /** The name events carry: the configured name, or the roller's id in hex once it has said HELLO. */
    public CharSequence device() {
        return device;
    }

    /** The same name, safe to read from any thread. */
    public String deviceName() {
        return deviceName;
    }

    /** Whose sessions these are until a {@code person} command says otherwise; call before the input starts. */
    public void selectPerson(String name) {
        person = name;
    }

    /** Says the roller is offline on the way out (a clean shutdown), on the roller's thread or after it stopped. */
    public void shutdown() {
        if (online) {
            online = false;
            scratch.putStringWithoutLengthAscii(0, "offline");
            sink.publish(OutboxMessageType.ROLLER_STATUS, device, scratch, 0, 7);
        }
    }

    /** Events said so far: the last {@code n}. */
    public long eventCount() {
        return out.sequence();
    }

    public boolean sessionActive() {
        return progress.active;
    }

    // ---------------------------------------------------------------- input

    @Override
    public void onHello(long id, int firmwareMajor, int firmwareMinor, int sampleRateHz, int radiusTenthMm,
                        int sensors) {
        deviceId = id;
        if (!deviceNamed) {
            device.setLength(0);
            for (int shift = 60; shift >= 0; shift -= 4) {
                device.append(Character.forDigit((int) (id >>> shift) & 0xF, 16));
            }
        }
        if (radiusTenthMm > 0) {
            radiusMm = radiusTenthMm / 10.0;
            radiusFromHello = true;
        }
        // A HELLO mid-stream is a roller that restarted: its angle and clock start afresh.
        endContactSilently();
        clockStarted = false;
        lastSampleAt = Double.NaN;
        firmwareMajorSeen = firmwareMajor;
        firmwareMinorSeen = firmwareMinor;
        sampleRateSeen = sampleRateHz;
        sensorsSeen = sensors;
        deviceName = device.toString();
        markOnline();
        publishInfo();
    }

    @Override
    public void onSample(long timeUs, int forceDeciNewtons, int angleTenthMilliradians, int flags) {
        if (!online) {
            markOnline();
        }
        advanceClock(timeUs);
        if (originPending) {
            origin = now;
            originPending = false;
        }
        double t = now - origin;
        double dt = Double.isNaN(lastSampleAt) ? 0 : now - lastSampleAt;
        lastSampleAt = now;
        double credit = dt <= MAX_CREDIT_GAP_S ? dt : 0;
        trackButton(flags);
        if (!commands.isEmpty()) {
            drainCommands();
        }
        forceNewtons = forceDeciNewtons * 0.1;
        if (!loaded && forceNewtons >= config.contactOnNewtons()) {
            contactOn(angleTenthMilliradians, t);
        } else if (loaded && forceNewtons < config.contactOffNewtons()) {
            contactOff(t);
        }
        t = now - origin; // a session may have started at this sample
        if (loaded) {
            rollLoaded(angleTenthMilliradians, credit, t);
        } else if (progress.active && now - lastLoadedAt >= config.sessionIdleSeconds()) {
            endSession(t);
        }
        if (progress.active) {
            progress.checkLength(t);
        }
        syncSession();
        sayDataQuality(t);
        if (now >= nextTelemetryAt) {
            nextTelemetryAt = now + 1 / config.telemetryHz();
            publishTelemetry(t);
        }
        if (progress.changes != summarisedChanges || (progress.active && now >= nextSummaryAt)) {
            publishSummary(t);
        }
    }

    @Override
    public void onStatus(int batteryPercent, int temperatureCelsius, int faultFlags) {
        batteryPercentSeen = batteryPercent;
        temperatureSeen = temperatureCelsius;
        faultFlagsSeen = faultFlags;
        publishInfo();
    }

    /** The retained info: what the roller said of itself in HELLO and its latest STATUS. Rare: not per sample. */
    private void publishInfo() {
        json.wrap(scratch, 0).beginObject();
        json.name("device").string(device);
        json.name("deviceId").string(deviceId == 0 ? null : hex(deviceId));
        if (sampleRateSeen >= 0) {
            json.name("firmware").string(firmwareMajorSeen + "." + firmwareMinorSeen);
            json.name("sampleRateHz").number(sampleRateSeen);
        }
        json.name("radiusMm").number(radiusMm, 1);
        json.name("radiusFrom").string(radiusFromHello ? "roller" : "config");
        json.name("sensors").beginArray();
        String[] names = {"force", "rotation", "button"};
        for (int bit = 0; bit < names.length; bit++) {
            if (sensorsSeen >= 0 && (sensorsSeen & (1 << bit)) != 0) {
                json.item().string(names[bit]);
            }
        }
        json.endArray();
        if (batteryPercentSeen >= 0) {
            json.name("batteryPercent").number(batteryPercentSeen);
            json.name("temperatureC").number(temperatureSeen);
            json.name("faultFlags").number(faultFlagsSeen);
        }
        json.endObject();
        sink.publish(OutboxMessageType.ROLLER_INFO, device, scratch, 0, json.position());
    }

    /** The roller's link is up once data flows: said once, retained on {@code <id>/status}. */
    private void markOnline() {
        if (!online) {
            online = true;
            scratch.putStringWithoutLengthAscii(0, "online");
            sink.publish(OutboxMessageType.ROLLER_STATUS, device, scratch, 0, 6);
        }
    }

    @Override
    public void onButton(int code) {
        // The EVENT frame is the roller's word for a press; the held flag in the samples is a second witness,
        // so a press whose EVENT frame was lost still counts, and one seen both ways counts once.
        if (buttonHeld) {
            eventDuringHold = true;
        } else if (pendingPress != 0) {
            pendingPress = 0;
        } else if (now - flagPressActedAt < EVENT_GRACE_S * 4) {
            return; // already acted on from the flags
        }
        press(code);
    }

    private void trackButton(int flags) {
        boolean held = (flags & 1) != 0;
        if (held && !buttonHeld) {
            buttonHeld = true;
            heldSince = now;
            eventDuringHold = false;
        } else if (!held && buttonHeld) {
            buttonHeld = false;
            if (!eventDuringHold) {
                pendingPress = now - heldSince >= LONG_PRESS_S ? 2 : 1;
                pendingPressAt = now;
            }
        }
        if (pendingPress != 0 && now - pendingPressAt >= EVENT_GRACE_S) {
            int code = pendingPress;
            pendingPress = 0;
            flagPressActedAt = now;
            press(code);
        }
    }

    private void press(int code) {
        double t = eventTime();
        if (code == 2) {
            if (progress.active) {
                progress.next(t);
                syncSession();
            } else {
                startSession();
            }
        } else if (code == 1) {
            RoutineStep step = progress.current();
            if (step != null && step.isHandsOn()) {
                progress.repetition(t); // hands-on work done by hand: each short press is a repetition
                syncSession();
            } else {
                mark(t);
            }
        }
    }

    @Override
    public void onDataQuality(long framesLostTotal, long framesRejectedTotal) {
        // Totals restart when the input does; count only growth.
        if (framesLostTotal > lostSeen) {
            lostUnsaid += framesLostTotal - lostSeen;
        }
        if (framesRejectedTotal > rejectedSeen) {
            rejectedUnsaid += framesRejectedTotal - rejectedSeen;
        }
        lostSeen = framesLostTotal;
        rejectedSeen = framesRejectedTotal;
    }

    @Override
    public void onLinkLost() {
        if (linkLost) {
            return;
        }
        linkLost = true;
        online = false;
        scratch.putStringWithoutLengthAscii(0, "offline");
        sink.publish(OutboxMessageType.ROLLER_STATUS, device, scratch, 0, 7);
        endContactSilently();
        lastSampleAt = Double.NaN;
        FeedbackEvent e = out.begin(Rule.DATA, Verdict.LINK_LOST, Severity.ERROR, eventTime(), progress.stepId());
        e.message.append("Lost the roller: check its cable or power.");
        out.send();
    }

    @Override
    public void onLinkRestored() {
        if (!linkLost) {
            return;
        }
        linkLost = false;
        FeedbackEvent e = out.begin(Rule.DATA, Verdict.LINK_RESTORED, Severity.GOOD, eventTime(), progress.stepId());
        e.message.append("Roller back.");
        out.send();
    }

    @Override
    public void onTick(long nowNanos) {
        if (!commands.isEmpty()) {
            drainCommands();
        }
    }

    // ---------------------------------------------------------------- rules

    private void advanceClock(long timeUs) {
        if (!clockStarted) {
            clockStarted = true;
            lastTimeUs = timeUs;
            return;
        }
        long delta = (timeUs - lastTimeUs) & 0xFFFF_FFFFL;
        lastTimeUs = timeUs;
        if (delta >= BACKWARDS_US) {
            delta = 0; // the roller's clock went back (it restarted): keep our timeline going
        }
        rollerMicros += delta;
        now = rollerMicros * MICRO;
    }

    private double eventTime() {
        return originPending ? 0 : now - origin;
    }

    private void contactOn(int angle, double t) {
        loaded = true;
        angleAtContact = angle;
        contactAt = now;
        positionMm = 0;
        smoothedMm = 0;
        lastLoadedAt = now;
        strokes.restart(0);
        strokes.clearCadence();
        coverage.clear();
        stillness.clear();
        holdFault.clear();
        loadAverage = forceNewtons;
        if (!progress.active) {
            startSession();
            t = eventTime();
        }
        FeedbackEvent e = out.begin(Rule.CONTACT, Verdict.ON, Severity.INFO, t, progress.stepId());
        e.value = forceNewtons;
        e.unit = "N";
        e.message.append("On the roller.");
        out.send();
        if (markPending) {
            markPending = false;
            startPoint(0, 0, t, true);
        }
    }

    private void contactOff(double t) {
        loaded = false;
        FeedbackEvent e = out.begin(Rule.CONTACT, Verdict.OFF, Severity.INFO, t, progress.stepId());
        e.value = forceNewtons;
        e.unit = "N";
        e.message.append("Off the roller.");
        out.send();
        if (point.active && !point.done) {
            leftEarly(t, true);
        }
        point.clear();
        holdFault.clear();
        positionMm = Double.NaN;
    }

    /** The link or the roller restarted mid-contact: nothing was judged wrong, so nothing is said. */
    private void endContactSilently() {
        loaded = false;
        point.clear();
        holdFault.clear();
        positionMm = Double.NaN;
    }

    private void rollLoaded(int angle, double credit, double t) {
        // int subtraction: a cumulative angle that wraps still gives the right difference
        positionMm = (angle - angleAtContact) * ANGLE_UNIT_RAD * radiusMm;
        // A light low-pass before finding extremes: noise would otherwise lengthen every stroke by its peaks.
        smoothedMm += (positionMm - smoothedMm) * (credit <= 0 ? 1 : Math.min(1, credit * (1 / POSITION_TAU_S)));
        lastLoadedAt = now;
        loadedSeconds += credit;
        loadIntegral += forceNewtons * credit;
        progress.credit(credit, t);
        strokes.update(smoothedMm, now);
        coverage.add(now, smoothedMm);
        stillness.add(now, smoothedMm);
        if (strokes.reversed) {
            judgeCadence(t);
            judgeCoverage(t);
        }
        if (strokes.strokeCompleted) {
            onStroke(t);
        }
        if (point.active) {
            point.dwellSeconds += credit;
            if (!point.done && point.dwellSeconds >= config.triggerPointSeconds()) {
                pointDone(t);
            }
        }
        judgeLoad(credit, t);
        judgeHold(t);
    }

    private void onStroke(double t) {
        double length = strokes.strokeLengthMm;
        lastStrokeMm = length;
        strokeCount++;
        strokeSumMm += length;
        progress.repetition(t);
        boolean inches = inches();
        if (length < config.strokeMinMm() || length > config.strokeMaxMm()) {
            Verdict verdict = length < config.strokeMinMm() ? Verdict.TOO_SHORT : Verdict.TOO_LONG;
            if (strokeFault.judge(verdict, now, config.repeatSeconds())) {
                FeedbackEvent e = strokeEvent(verdict, Severity.WARN, length, t);
                Text.length(e.message.append(verdict == Verdict.TOO_SHORT ? "Longer strokes: " : "Shorter strokes: "),
                    length, inches).append(inches ? "; roll 1-2 in on and off the spot." : "; roll 2.5-5 cm on and off the spot.");
                out.send();
                link.cue(RollerLink.CUE_ADJUST, 200);
            }
        } else if (strokeFault.mend()) {
            FeedbackEvent e = strokeEvent(Verdict.OK, Severity.GOOD, length, t);
            Text.length(e.message.append("Stroke length good: "), length, inches).append('.');
            out.send();
        }
        double centre = strokes.strokeCentreMm;
        double workedSoFar = now - strokes.strokeStartTime;
        if (!point.active) {
            startPoint(centre, workedSoFar, t, false);
        } else {
            double distance = Math.abs(centre - point.spotMm);
            if (distance > config.triggerPointOtherMm()) {
                if (!point.done) {
                    leftEarly(t, false);
                }
                startPoint(centre, workedSoFar, t, false);
            } else if (distance <= config.triggerPointSameMm()) {
                point.follow(centre);
            }
            // between the two: still this point, but too far to pull it
        }
    }

    private FeedbackEvent strokeEvent(Verdict verdict, Severity severity, double length, double t) {
        return measured(Rule.STROKE, verdict, severity, t, length, "mm", config.strokeMinMm(), config.strokeMaxMm());
    }

    /** An event about a measured value against its band ({@code NaN}: an open end); its message is written next. */
    private FeedbackEvent measured(Rule rule, Verdict verdict, Severity severity, double t, double value, String unit,
                                   double min, double max) {
        FeedbackEvent e = out.begin(rule, verdict, severity, t, progress.stepId());
        e.value = value;
        e.unit = unit;
        e.min = min;
        e.max = max;
        return e;
    }

    private void judgeCoverage(double t) {
        double extent = coverage.extent();
        boolean inches = inches();
        if (extent > config.coverageMaxMm()) {
            if (coverageFault.judge(Verdict.TOO_WIDE, now, config.repeatSeconds())) {
                FeedbackEvent e = coverageEvent(Verdict.TOO_WIDE, Severity.WARN, extent, t);
                Text.length(e.message.append("Stay on one spot: "), extent, inches)
                    .append(inches ? " covered; keep to about 3 in." : " covered; keep to about 7.5 cm.");
                out.send();
                link.cue(RollerLink.CUE_ADJUST, 200);
            }
        } else if (coverageFault.mend()) {
            FeedbackEvent e = coverageEvent(Verdict.OK, Severity.GOOD, extent, t);
            Text.length(e.message.append("Good: working "), extent, inches).append(" of tissue.");
            out.send();
        }
    }

    private FeedbackEvent coverageEvent(Verdict verdict, Severity severity, double extent, double t) {
        return measured(Rule.COVERAGE, verdict, severity, t, extent, "mm", Double.NaN, config.coverageMaxMm());
    }

    private void judgeCadence(double t) {
        double perMinute = strokes.cadencePerMinute(now);
        if (Double.isNaN(perMinute)) {
            return;
        }
        cadenceCount++;
        cadenceSum += perMinute;
        if (perMinute > config.cadenceMaxPerMinute() || perMinute < config.cadenceMinPerMinute()) {
            Verdict verdict = perMinute > config.cadenceMaxPerMinute() ? Verdict.TOO_FAST : Verdict.TOO_SLOW;
            if (cadenceFault.judge(verdict, now, config.repeatSeconds())) {
                FeedbackEvent e = cadenceEvent(verdict, Severity.WARN, perMinute, t);
                e.message.append(verdict == Verdict.TOO_FAST ? "Slow down: " : "Keep it moving: ");
                Text.whole(e.message, perMinute).append(" strokes a minute; aim for ");
                Text.whole(e.message, config.cadenceMinPerMinute()).append('-');
                Text.whole(e.message, config.cadenceMaxPerMinute()).append('.');
                out.send();
            }
        } else if (cadenceFault.mend()) {
            FeedbackEvent e = cadenceEvent(Verdict.OK, Severity.GOOD, perMinute, t);
            Text.whole(e.message.append("Pace good: "), perMinute).append(" strokes a minute.");
            out.send();
        }
    }

    private FeedbackEvent cadenceEvent(Verdict verdict, Severity severity, double perMinute, double t) {
        return measured(Rule.CADENCE, verdict, severity, t, perMinute, "/min", config.cadenceMinPerMinute(),
            config.cadenceMaxPerMinute());
    }

    private void judgeLoad(double credit, double t) {
        loadAverage += (forceNewtons - loadAverage) * Math.min(1, credit * (1 / LOAD_TAU_S)); // constant folded: no divide
        if (now - contactAt < config.loadSettleSeconds()) {
            return;
        }
        double min = config.loadMinBandNewtons();
        double max = config.loadMaxBandNewtons();
        if (loadAverage < min || loadAverage > max) {
            Verdict verdict = loadAverage < min ? Verdict.TOO_LIGHT : Verdict.TOO_HEAVY;
            if (loadFault.judge(verdict, now, config.repeatSeconds())) {
                FeedbackEvent e = loadEvent(verdict, Severity.WARN, t);
                e.message.append(verdict == Verdict.TOO_LIGHT ? "More weight on the roller: " : "Ease off: ");
                describeLoad(e.message);
                out.send();
                link.cue(RollerLink.CUE_ADJUST, 200);
            }
        } else if (loadFault.isActive() && loadAverage >= min * (1 + LOAD_MEND_MARGIN)
            && loadAverage <= max * (1 - LOAD_MEND_MARGIN)) {
            loadFault.mend();
            FeedbackEvent e = loadEvent(Verdict.OK, Severity.GOOD, t);
            describeLoad(e.message.append("Pressure good: "));
            out.send();
        }
    }

    private void describeLoad(StringBuilder m) {
        if (config.bodyWeightKg() > 0) {
            Text.whole(m, 100 * loadAverage / (config.bodyWeightKg() * 9.81)).append("% of your weight; aim for ");
            Text.whole(m, 100 * config.loadMinFraction()).append('-');
            Text.whole(m, 100 * config.loadMaxFraction()).append("%.");
        } else {
            Text.whole(m, loadAverage).append(" N; aim for ");
            Text.whole(m, config.loadMinNewtons()).append('-');
            Text.whole(m, config.loadMaxNewtons()).append(" N.");
        }
    }

    private FeedbackEvent loadEvent(Verdict verdict, Severity severity, double t) {
        return measured(Rule.LOAD, verdict, severity, t, loadAverage, "N", config.loadMinBandNewtons(),
            config.loadMaxBandNewtons());
    }

    private void judgeHold(double t) {
        if (now - contactAt < config.holdSeconds() || stillness.spanSeconds(now) < config.holdSeconds()) {
            return;
        }
        if (stillness.extent() < config.holdToleranceMm()) {
            if (holdFault.judge(Verdict.STILL, now, config.repeatSeconds())) {
                FeedbackEvent e = out.begin(Rule.HOLD, Verdict.STILL, Severity.WARN, t, progress.stepId());
                e.value = stillness.extent();
                e.unit = "mm";
                e.min = config.holdToleranceMm();
                e.message.append(inches() ? "Don't just hold: oscillate 1-2 in on and off the spot."
                    : "Don't just hold: oscillate 2.5-5 cm on and off the spot.");
                out.send();
                link.cue(RollerLink.CUE_ADJUST, 200);
            }
        } else {
            holdFault.clear(); // moving again; the vocabulary has no "hold ok"
        }
    }

    private void startPoint(double spotMm, double workedSeconds, double t, boolean marked) {
        point.start(spotMm, workedSeconds);
        FeedbackEvent e = out.begin(Rule.TRIGGER_POINT, Verdict.STARTED, Severity.INFO, t, progress.stepId());
        e.value = spotMm;
        e.unit = "mm";
        e.min = config.triggerPointSeconds();
        e.message.append(marked ? "Point marked: work it " : "On a point: work it ");
        Text.whole(e.message, config.triggerPointSeconds()).append(" s.");
        out.send();
    }

    private void pointDone(double t) {
        point.done = true;
        point.doneCount++;
        FeedbackEvent e = out.begin(Rule.TRIGGER_POINT, Verdict.DONE, Severity.GOOD, t, progress.stepId());
        e.value = point.dwellSeconds;
        e.unit = "s";
        e.min = config.triggerPointSeconds();
        Text.whole(e.message.append("Point done: "), point.dwellSeconds).append(" s. On to the next tender spot.");
        out.send();
        link.cue(RollerLink.CUE_GOOD, 150);
    }

    private void leftEarly(double t, boolean lifted) {
        point.leftEarlyCount++;
        FeedbackEvent e = out.begin(Rule.TRIGGER_POINT, Verdict.LEFT_EARLY, Severity.WARN, t, progress.stepId());
        e.value = point.dwellSeconds;
        e.unit = "s";
        e.min = config.triggerPointSeconds();
        e.message.append(lifted ? "Lifted off the point after " : "Left the point after ");
        Text.whole(e.message, point.dwellSeconds).append(" s; give each point ");
        Text.whole(e.message, config.triggerPointSeconds()).append(" s.");
        out.send();
    }

    private void mark(double t) {
        if (!loaded) {
            markPending = true; // the point starts where the roller next lands
            return;
        }
        if (point.active && !point.done && Math.abs(positionMm - point.spotMm) <= config.triggerPointSameMm()) {
            return; // already on it
        }
        if (point.active && !point.done) {
            leftEarly(t, false);
        }
        startPoint(positionMm, 0, t, true);
    }

    private void sayDataQuality(double t) {
        if (lostUnsaid > 0 && now - lostSaidAt >= config.repeatSeconds()) {
            lostSaidAt = now;
            FeedbackEvent e = out.begin(Rule.DATA, Verdict.FRAMES_LOST, Severity.WARN, t, progress.stepId());
            e.value = lostUnsaid;
            e.unit = "frames";
            e.message.append(lostUnsaid).append(lostUnsaid == 1 ? " frame" : " frames")
                .append(" lost on the way from the roller.");
            out.send();
            lostUnsaid = 0;
        }
        if (rejectedUnsaid > 0 && now - rejectedSaidAt >= config.repeatSeconds()) {
            rejectedSaidAt = now;
            FeedbackEvent e = out.begin(Rule.DATA, Verdict.FRAMES_CORRUPT, Severity.WARN, t, progress.stepId());
            e.value = rejectedUnsaid;
            e.unit = "frames";
            e.message.append(rejectedUnsaid).append(rejectedUnsaid == 1 ? " corrupt frame" : " corrupt frames")
                .append(" from the roller; check the cable.");
            out.send();
            rejectedUnsaid = 0;
        }
    }

    // ---------------------------------------------------------------- session

    /** Starts a session now: its events count t from here. */
    private void startSession() {
        origin = now;
        originPending = false;
        double t = 0;
        strokeCount = 0;
        strokeSumMm = 0;
        loadedSeconds = 0;
        loadIntegral = 0;
        cadenceCount = 0;
        cadenceSum = 0;
        point.resetCounts();
        progress.start(t, person);
        sessionOpen = true;
    }

    private void endSession(double t) {
        progress.end(t);
        syncSession();
    }

    /** After anything that may end the session (last step left, auto-advance, command, idle). */
    private void syncSession() {
        if (sessionOpen && !progress.active) {
            point.clear();
            publishSummary(eventTime());
        }
        sessionOpen = progress.active;
    }

    // ---------------------------------------------------------------- output

    private void publishTelemetry(double t) {
        telemetry.timeSeconds = t;
        telemetry.device = device;
        telemetry.step = progress.stepId();
        telemetry.positionMm = positionMm;
        telemetry.forceNewtons = forceNewtons;
        telemetry.contact = loaded;
        telemetry.lastStrokeMm = lastStrokeMm;
        telemetry.cadencePerMinute = loaded ? strokes.cadencePerMinute(now) : Double.NaN;
        telemetry.coverageMm = loaded ? coverage.extent() : Double.NaN;
        telemetry.dwellSeconds = point.active ? point.dwellSeconds : 0;
        telemetry.stepSeconds = progress.active ? progress.stepSeconds[progress.step] : 0;
        telemetry.sessionSeconds = progress.active ? progress.sessionSeconds(t) : 0;
        int tissue = progress.currentTissue();
        telemetry.tissueSeconds = tissue >= 0 ? progress.tissueSeconds[tissue] : Double.NaN;
        telemetry.tissueTargetSeconds = tissue >= 0 ? progress.tissueTarget(tissue) : Double.NaN;
        int length = telemetryWriter.write(telemetry, scratch, 0);
        sink.publish(OutboxMessageType.TELEMETRY, device, scratch, 0, length);
    }

    private void publishSummary(double t) {
        summarisedChanges = progress.changes;
        nextSummaryAt = now + SUMMARY_EVERY_S;
        int length = summaryWriter.write(json, scratch, 0, this, progress, point, out, t);
        sink.publish(OutboxMessageType.SESSION, device, scratch, 0, length);
    }

    String person() {
        return person;
    }

    private boolean inches() {
        return "in".equals(config.units());
    }

    private static String hex(long id) {
        String digits = Long.toHexString(id);
        return "0".repeat(16 - digits.length()) + digits;
    }

    // ---------------------------------------------------------------- commands

    private record PendingCommand(Command command, CompletableFuture<CommandResult> result) {
    }

    @Override
    public CompletableFuture<CommandResult> submit(Command command) {
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        if (!commands.offer(new PendingCommand(command, result))) {
            result.complete(CommandResult.error("the roller's command queue is full; try again in a moment"));
        }
        return result;
    }

    private void drainCommands() {
        for (int i = 0; i < COMMANDS_PER_DRAIN; i++) {
            PendingCommand pending = commands.poll();
            if (pending == null) {
                return;
            }
            CommandResult result;
            try {
                result = execute(pending.command());
            } catch (RuntimeException e) {
                result = CommandResult.error(pending.command().name().path() + " failed: " + e.getMessage());
            }
            pending.result().complete(result);
        }
    }

    /** Carries out one command on the roller's thread. Package-visible so analyze and tests can drive it. */
    CommandResult execute(Command command) {
        double t = eventTime();
        Map<String, Object> args = command.arguments();
        switch (command.name()) {
            case STEP_NEXT:
                if (!progress.active) {
                    return CommandResult.error("no session is running: start one with session/start or by rolling");
                }
                progress.next(t);
                syncSession();
                return CommandResult.ok(progress.active ? "now: " + progress.current().title() : "session done");
            case STEP_PREVIOUS:
                if (!progress.active) {
                    return CommandResult.error("no session is running");
                }
                if (progress.step == 0) {
                    return CommandResult.error("already at the first step, " + progress.current().title());
                }
                progress.previous(t);
                return CommandResult.ok("back to: " + progress.current().title());
            case SESSION_START:
                if (progress.active) {
                    return CommandResult.error("a session is already running (" + progress.current().title()
                        + "); end it first with session/end");
                }
                if (args.containsKey("person")) {
                    person = (String) args.get("person");
                }
                startSession();
                return CommandResult.ok("session started for " + person + ": " + progress.current().title());
            case SESSION_END:
                if (!progress.active) {
                    return CommandResult.error("no session is running");
                }
                endSession(t);
                return CommandResult.ok("session ended");
            case MARK:
                mark(t);
                return CommandResult.ok(loaded ? "point marked" : "point marked where the roller next lands");
            case CUE:
                int pattern = ((Number) args.get("pattern")).intValue();
                int duration = ((Number) args.get("durationMs")).intValue();
                return link.cue(pattern, duration) ? CommandResult.ok("cue sent")
                    : CommandResult.error("the roller is not connected; cue not sent");
            case CONFIG:
                return configure(args);
            case PERSON:
                TechniqueConfig next = config;
                try {
                    if (args.containsKey("bodyWeightKg")) {
                        next = next.with("person.bodyWeightKg", args.get("bodyWeightKg"));
                    }
                    if (args.containsKey("units")) {
                        next = next.with("person.units", args.get("units"));
                    }
                } catch (IllegalArgumentException e) {
                    return CommandResult.error(e.getMessage());
                }
                person = (String) args.get("name");
                apply(next);
                return CommandResult.ok("person " + person + (config.bodyWeightKg() > 0
                    ? ", " + TechniqueConfig.fmt(config.bodyWeightKg()) + " kg" : "") + ", units " + config.units());
            default:
                return CommandResult.error("unsupported command " + command.name().path());
        }
    }

    private CommandResult configure(Map<String, Object> args) {
        if (args.isEmpty()) {
            return CommandResult.error("config needs at least one threshold, e.g. {\"stroke.maxMm\": 60}; known: "
                + String.join(", ", TechniqueConfig.keys().keySet()));
        }
        TechniqueConfig next = config;
        List<String> changed = new ArrayList<>();
        try {
            for (Map.Entry<String, Object> entry : new java.util.TreeMap<>(args).entrySet()) {
                next = next.with(entry.getKey(), entry.getValue());
                Object value = TechniqueConfig.keys().get(entry.getKey()).apply(next);
                changed.add(entry.getKey() + "=" + (value instanceof Double ? TechniqueConfig.fmt((Double) value) : value));
            }
        } catch (IllegalArgumentException e) {
            return CommandResult.error(e.getMessage() + " (nothing changed)");
        }
        apply(next);
        return CommandResult.ok("set " + String.join(", ", changed));
    }

    /** Swaps in new thresholds between samples. */
    public void apply(TechniqueConfig next) {
        config = next;
        strokes.reversalMm(next.reversalMm());
        coverage.windowSeconds(next.coverageWindowSeconds());
        stillness.windowSeconds(next.holdSeconds());
        progress.config(next);
        if (!radiusFromHello) {
            radiusMm = next.radiusMm();
        }
    }

    /** Strokes measured this session, and the last one's length: for tests and the summary. */
    long strokeCount() {
        return strokeCount;
    }

    double lastStrokeMm() {
        return lastStrokeMm;
    }

    double radiusMm() {
        return radiusMm;
    }

    long deviceId() {
        return deviceId;
    }
}
