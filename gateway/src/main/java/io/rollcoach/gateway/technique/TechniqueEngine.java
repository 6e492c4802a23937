package io.rollcoach.gateway.technique;

import java.util.List;
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
 * Judges one roller's rolling against the guide's rules as the samples arrive, and coaches through a
 * {@link MessageSink}: feedback events, the coach's focus, telemetry about ten times a second, the roller's info
 * and status, and a session summary. Runs on the roller's input thread: allocates nothing per sample, never
 * blocks, never logs. Commands from other threads are queued ({@link #submit}) and carried out on that thread.
 *
 * <p>The engine orchestrates; each rule judges in a class of its own ({@link StrokeRule}, {@link CoverageRule},
 * {@link LoadRule}, {@link CadenceRule}, {@link HoldRule}, {@link OneWayRule}), the {@link Coach} picks the one
 * thing to say, and time is credited to points, steps and tissues only while the roller bears weight and no rule
 * fails. Time is the roller's clock, so a capture judged later gives the same events as it did live. The rules and
 * their defaults are in docs/rules.md.
 */
public final class TechniqueEngine implements RollerListener, CommandTarget {
    /** A gap longer than this (lost link, dropped burst) credits no rolling time: we do not know what happened. */
    static final double MAX_CREDIT_GAP_S = 0.5;
    static final double SUMMARY_EVERY_S = 5;
    /** Position smoothing: filters sensor noise, and lags a 30-a-minute stroke by a negligible 0.1 mm. */
    static final double POSITION_TAU_S = 0.03;
    /** A long stroke followed by one under this share of it was a glide to another spot, not a stroke. */
    static final double MOVE_RETURN_SHARE = 0.6;
    /** No turn for this many of the slowest pace's stroke times, while moving, is judged too slow. */
    static final double STALL_STROKES = 1.5;
    private static final int COMMANDS_PER_DRAIN = 16;
    private static final double ANGLE_UNIT_RAD = 1e-4;

    private final MessageSink sink;
    private final RollerLink link;
    /** The rules' cues, sent at the start of the next sample or tick: never beside the event they go with. */
    private final CuesAfterTheSample cues;
    private final SessionLedger ledger;
    private final RollerIdentity identity;
    private final EventEmitter out;
    private final RoutineProgress progress;
    private final Judging judging;
    private final RollerClock clock = new RollerClock();
    private final ButtonPresses buttons = new ButtonPresses();
    private final DataQuality dataQuality;
    private final EngineCommands commandHandler;
    private final StrokeTracker strokes;
    private final SlidingExtent coverage;
    private final SlidingExtent stillness;
    private final TriggerPoint point;
    private final Coach coach;
    private final StrokeRule strokeRule;
    private final CoverageRule coverageRule;
    private final LoadRule loadRule;
    private final CadenceRule cadenceRule;
    private final HoldRule holdRule;
    private final OneWayRule oneWayRule;
    private final SessionScore score;
    private final Telemetry telemetry = new Telemetry();
    private final TelemetryWriter telemetryWriter = new TelemetryWriter();
    private final SessionSummaryWriter summaryWriter = new SessionSummaryWriter();
    private final JsonWriter json = new JsonWriter();
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[16384]);
    private final ManyToOneConcurrentArrayQueue<PendingCommand> commands = new ManyToOneConcurrentArrayQueue<>(64);

    private TechniqueConfig config;
    private String person = "default";

    private double now;
    private double origin;
    private boolean originPending = true;
    private double lastSampleAt = Double.NaN;

    /** In contact: the leg rests on the roller (short unloads of up to contact.minOffS included). */
    private boolean loaded;
    /** Force under contact.offN since this time (NaN: bearing weight). */
    private double unloadedSince = Double.NaN;
    /** The roller restarted mid-contact: the next sample's angle is a new baseline for the same position. */
    private boolean rebasePending;
    private int angleAtContact;
    private double contactAt;
    private double positionMm = Double.NaN;
    private double smoothedMm;
    private double forceNewtons;
    private double lastLoadedAt;
    private double lastStrokeMm = Double.NaN;
    private boolean markPending;
    private boolean sessionOpen;

    /** Loaded, fault-free time since the last judged stroke: credited when the stroke is judged good. */
    private double pendingCredit;
    /** A stroke over stroke.maxMm waits for the next: a glide to another spot, or a stroke too long. */
    private double longStrokeMm = Double.NaN;
    /** The coverage span at the previous judged stroke. */
    private double lastSpanMm = Double.NaN;
    private double nextStallJudgeAt;
    private double halfForceSum;
    private double halfSeconds;
    private double lastHalfForce = Double.NaN;
    private double previousHalfForce = Double.NaN;

    // Session statistics for the summary.
    long strokeCount;
    double strokeSumMm;
    double loadIntegral;
    int cadenceCount;
    double cadenceSum;

    private boolean linkLost;
    private double nextTelemetryAt;
    private double nextSummaryAt;
    private int summarisedChanges = -1;
    /** A summary due on a sample that said something waited for the next sample: it waits once at most. */
    private boolean summaryWaited;

    /**
     * @param deviceName the name events and topics use, or null for the roller's id in hex (from its HELLO)
     */
    public TechniqueEngine(TechniqueConfig config, Routine routine, MessageSink sink, RollerLink link,
                           SessionLedger ledger, String deviceName) {
        this.config = config;
        this.sink = sink;
        this.link = link;
        this.cues = new CuesAfterTheSample(link);
        this.ledger = ledger;
        this.identity = new RollerIdentity(sink, deviceName, config.radiusMm());
        this.out = new EventEmitter(sink, identity.device);
        this.progress = new RoutineProgress(routine, config, out, cues, ledger);
        this.judging = new Judging(config, out, cues, progress);
        this.dataQuality = new DataQuality(judging);
        this.point = new TriggerPoint(judging);
        this.commandHandler = new EngineCommands(this, progress, link);
        this.strokes = new StrokeTracker(config.reversalMm());
        this.coverage = new SlidingExtent(config.coverageWindowSeconds());
        this.stillness = new SlidingExtent(config.holdSeconds());
        this.coach = new Coach(sink, identity.device, judging, point);
        this.strokeRule = new StrokeRule(judging, coach);
        this.coverageRule = new CoverageRule(judging, coach);
        this.loadRule = new LoadRule(judging, coach);
        this.cadenceRule = new CadenceRule(judging, coach);
        this.holdRule = new HoldRule(judging, coach);
        this.oneWayRule = new OneWayRule(judging, coach);
        this.score = new SessionScore(strokeRule, coverageRule, loadRule, cadenceRule, holdRule, oneWayRule);
        coach.reviewFrom(score);
    }

    public TechniqueConfig config() {
        return config;
    }

    /** The name events carry: the configured name, or the roller's id in hex once it has said HELLO. */
    public CharSequence device() {
        return identity.device;
    }

    /** The same name, safe to read from any thread. */
    public String deviceName() {
        return identity.deviceName();
    }

    /** Whose sessions these are until a {@code person} command says otherwise; call before the input starts. */
    public void selectPerson(String name) {
        person = name;
    }

    String person() {
        return person;
    }

    /** Says the roller is offline on the way out (a clean shutdown), on the roller's thread or after it stopped. */
    public void shutdown() {
        identity.markOffline();
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
        // A HELLO mid-stream is a roller that restarted: its angle and clock start afresh, the person rolls on.
        clock.restart();
        lastSampleAt = Double.NaN;
        if (loaded) {
            rebasePending = true;
        }
        identity.onHello(id, firmwareMajor, firmwareMinor, sampleRateHz, radiusTenthMm, sensors);
    }

    @Override
    public void onSample(long timeUs, int forceDeciNewtons, int angleTenthMilliradians, int flags) {
        cues.send();
        long eventsBefore = out.sequence();
        identity.markOnline();
        now = clock.advance(timeUs);
        if (originPending) {
            origin = now;
            originPending = false;
        }
        double dt = Double.isNaN(lastSampleAt) ? 0 : now - lastSampleAt;
        lastSampleAt = now;
        double credit = dt <= MAX_CREDIT_GAP_S ? dt : 0;
        int press = buttons.onFlags(flags, now);
        if (press != 0) {
            press(press);
        }
        if (!commands.isEmpty()) {
            drainCommands();
        }
        forceNewtons = forceDeciNewtons * 0.1;
        double t = now - origin;
        if (!loaded) {
            if (forceNewtons >= config.contactOnNewtons()) {
                contactOn(angleTenthMilliradians, t);
            }
        } else if (forceNewtons < config.contactOffNewtons()) {
            if (Double.isNaN(unloadedSince)) {
                unloadedSince = now;
            }
            // unloaded across a break in the roller's time (a replay from the start, a gap): it was no bounce
            if (now - unloadedSince >= config.contactMinOffSeconds() || clock.broke() || dt > MAX_CREDIT_GAP_S) {
                contactOff(t);
            }
        } else {
            unloadedSince = Double.NaN; // a bounce, not a lift: the leg never left
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
        dataQuality.say(t, now);
        coach.update(t, now, loaded);
        if (now >= nextTelemetryAt) {
            nextTelemetryAt = now + 1 / config.telemetryHz();
            publishTelemetry(t);
        }
        if (progress.changes != summarisedChanges || (progress.active && now >= nextSummaryAt)) {
            // An event on its way out shares two cores with this thread: the summary, the longest message the engine
            // writes, waits for the next sample (10 ms at 100 Hz) rather than compete with it.
            if (out.sequence() == eventsBefore || summaryWaited) {
                publishSummary(t);
            } else {
                summaryWaited = true;
            }
        }
    }

    @Override
    public void onStatus(int batteryPercent, int temperatureCelsius, int faultFlags) {
        identity.onStatus(batteryPercent, temperatureCelsius, faultFlags);
    }

    @Override
    public void onButton(int code) {
        int press = buttons.onEvent(code, now);
        if (press != 0) {
            press(press);
        }
    }

    private void press(int code) {
        double t = eventTime();
        if (code == 2) {
            if (progress.active) {
                nextStep(t);
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
        dataQuality.onTotals(framesLostTotal, framesRejectedTotal);
    }

    @Override
    public void onLinkLost() {
        if (linkLost) {
            return;
        }
        linkLost = true;
        identity.markOffline();
        endContactSilently();
        lastSampleAt = Double.NaN;
        FeedbackEvent e = judging.begin(Rule.DATA, Verdict.LINK_LOST, Severity.ERROR, eventTime());
        e.message.append("Lost the roller: check its cable or power.");
        e.speech.append("Lost the roller. Check its cable or power.");
        coach.linkLost(e);
        out.send();
        coach.update(eventTime(), now, false);
    }

    @Override
    public void onLinkRestored() {
        if (!linkLost) {
            return;
        }
        linkLost = false;
        FeedbackEvent e = judging.begin(Rule.DATA, Verdict.LINK_RESTORED, Severity.GOOD, eventTime());
        e.message.append("Roller back.");
        e.speech.append("Roller back.");
        out.send();
        coach.linkRestored();
        coach.update(eventTime(), now, loaded);
    }

    @Override
    public void onTick(long nowNanos) {
        cues.send();
        if (!commands.isEmpty()) {
            drainCommands();
        }
        if (summaryWaited) {
            publishSummary(eventTime()); // the roller went quiet right after an event: the summary goes out anyway
        }
    }

    // ---------------------------------------------------------------- contact

    private double eventTime() {
        return originPending ? 0 : now - origin;
    }

    private void contactOn(int angle, double t) {
        loaded = true;
        unloadedSince = Double.NaN;
        rebasePending = false;
        angleAtContact = angle;
        contactAt = now;
        positionMm = 0;
        smoothedMm = 0;
        lastLoadedAt = now;
        strokes.restart(0);
        strokes.clearCadence();
        coverage.clear();
        stillness.clear();
        clearRulesButHabit();
        pendingCredit = 0;
        longStrokeMm = Double.NaN;
        lastSpanMm = Double.NaN;
        nextStallJudgeAt = now + stallSeconds();
        resetHalves();
        loadRule.start(forceNewtons);
        if (!progress.active) {
            startSession();
            t = eventTime();
        }
        FeedbackEvent e = judging.begin(Rule.CONTACT, Verdict.ON, Severity.INFO, t);
        e.value = forceNewtons;
        e.unit = "N";
        e.message.append("On the roller.");
        e.speech.append("On the roller.");
        out.send();
        if (markPending) {
            markPending = false;
            point.begin(0, t, true);
        }
    }

    private void contactOff(double t) {
        // A contact that travelled a stroke's length one way and never turned: pushed, then lifted to come back.
        if (strokes.moving() && !strokes.hasTurned() && strokes.travelMm() >= config.strokeMinMm()) {
            oneWayRule.judgeLift(strokes.travelMm(), t, now);
        }
        loaded = false;
        unloadedSince = Double.NaN;
        FeedbackEvent e = judging.begin(Rule.CONTACT, Verdict.OFF, Severity.INFO, t);
        e.value = forceNewtons;
        e.unit = "N";
        e.message.append("Off the roller.");
        e.speech.append("Off the roller.");
        out.send();
        point.lifted(t);
        pendingCredit = 0;
        clearRulesButHabit();
        positionMm = Double.NaN;
    }

    /** The link was lost mid-contact: nothing was judged wrong, so nothing is said. */
    private void endContactSilently() {
        loaded = false;
        unloadedSince = Double.NaN;
        point.clear();
        pendingCredit = 0;
        clearRules();
        positionMm = Double.NaN;
    }

    private void clearRules() {
        clearRulesButHabit();
        oneWayRule.clear();
    }

    /** A lift ends what a contact measures; the one-way habit is judged across lifts, so it stays. */
    private void clearRulesButHabit() {
        strokeRule.clear();
        coverageRule.clear();
        loadRule.clear();
        cadenceRule.clear();
        holdRule.clear();
    }

    // ---------------------------------------------------------------- rolling

    private void rollLoaded(int angle, double credit, double t) {
        if (rebasePending) {
            // the roller restarted: its new angle counter means the same place on the calf
            rebasePending = false;
            angleAtContact = angle - (int) Math.round(positionMm / (ANGLE_UNIT_RAD * identity.radiusMm));
        }
        // int subtraction: a cumulative angle that wraps still gives the right difference
        positionMm = (angle - angleAtContact) * ANGLE_UNIT_RAD * identity.radiusMm;
        // A light low-pass before finding extremes: noise would otherwise lengthen every stroke by its peaks.
        smoothedMm += (positionMm - smoothedMm) * (credit <= 0 ? 1 : Math.min(1, credit * (1 / POSITION_TAU_S)));
        lastLoadedAt = now;
        boolean bearing = Double.isNaN(unloadedSince);
        if (bearing) {
            loadRule.judge(forceNewtons, credit, now - contactAt, t, now);
            loadIntegral += forceNewtons * credit;
            halfForceSum += forceNewtons * credit;
            halfSeconds += credit;
            score.loaded(credit);
            if (!loadRule.failing() && !holdRule.failing()) {
                pendingCredit += credit;
            }
        }
        strokes.update(smoothedMm, now);
        coverage.add(now, smoothedMm);
        stillness.add(now, smoothedMm);
        if (strokes.reversed) {
            onReversal(t);
        } else if (now >= nextStallJudgeAt && now - strokes.lastTurnTime() >= stallSeconds()
            && strokes.progressing(now, config.holdSeconds())) {
            // still going one way after more than the slowest stroke's time: too slow, said before a slow turn
            // could look like a hold
            nextStallJudgeAt = now + 60 / config.cadenceMinPerMinute();
            // The pace said is that of the last whole stroke until this one has taken longer: a steady 4 a minute
            // reads 4 throughout, not 7 early in each stroke and 3 late in it. Never above the stall's own bound,
            // so the verdict is the same.
            double sinceTurn = now - strokes.lastTurnTime();
            double lastStroke = strokes.lastStrokeSeconds();
            cadenceRule.judge(60 / (Double.isNaN(lastStroke) ? sinceTurn : Math.max(lastStroke, sinceTurn)), t, now);
        }
        boolean wasHolding = holdRule.failing();
        holdRule.judge(stillness.extent(), now - contactAt >= config.holdSeconds()
            && stillness.spanSeconds(now) >= config.holdSeconds(), cadenceRule.tooSlow(), t, now);
        if (holdRule.failing() && !wasHolding) {
            // a hold is found only once hold.seconds of it have passed, and those seconds were held, not rolled:
            // the stroke it cut short earns nothing either
            pendingCredit = 0;
        }
    }

    private double stallSeconds() {
        return STALL_STROKES * 60 / config.cadenceMinPerMinute();
    }

    private void onReversal(double t) {
        nextStallJudgeAt = now + stallSeconds();
        previousHalfForce = lastHalfForce;
        lastHalfForce = halfSeconds > 0 ? halfForceSum / halfSeconds : Double.NaN;
        halfForceSum = 0;
        halfSeconds = 0;
        double perMinute = strokes.cadencePerMinute(now);
        if (!Double.isNaN(perMinute)) {
            cadenceCount++;
            cadenceSum += perMinute;
            cadenceRule.judge(perMinute, t, now);
        }
        if (!strokes.strokeCompleted) {
            return;
        }
        double length = strokes.strokeLengthMm;
        if (!Double.isNaN(longStrokeMm)) {
            double previous = longStrokeMm;
            longStrokeMm = Double.NaN;
            if (length < MOVE_RETURN_SHARE * previous) {
                // the long one was a glide to another spot: a move, not a stroke; this spot starts here
                coverage.clear();
                coverage.add(now, smoothedMm);
                lastSpanMm = Double.NaN;
            } else {
                stroke(previous, false, t); // it was a stroke, and too long
            }
        }
        if (length > config.strokeMaxMm()) {
            longStrokeMm = length; // judged at the next stroke
            pendingCredit = 0;
            return;
        }
        stroke(length, true, t);
    }

    private void resetHalves() {
        halfForceSum = 0;
        halfSeconds = 0;
        lastHalfForce = Double.NaN;
        previousHalfForce = Double.NaN;
    }

    /** A stroke judged: its length, the span worked, both ways loaded; credits the time it took when all is well. */
    private void stroke(double length, boolean current, double t) {
        lastStrokeMm = length;
        strokeCount++;
        strokeSumMm += length;
        boolean good = strokeRule.judge(length, t, now);
        if (!current) {
            return; // a stroke found too long one stroke later: its time was not kept, the span is judged next
        }
        // The span at a top and at a bottom turn differ when the person creeps along the calf: judge the larger of
        // the last two, so a wandering roller is not found fine at every other turn.
        double span = Double.isNaN(lastSpanMm) ? coverage.extent() : Math.max(coverage.extent(), lastSpanMm);
        lastSpanMm = coverage.extent();
        good &= coverageRule.judge(span, t, now);
        if (!Double.isNaN(lastHalfForce) && !Double.isNaN(previousHalfForce)) {
            double share = Math.min(lastHalfForce, previousHalfForce) / Math.max(lastHalfForce, previousHalfForce);
            good &= oneWayRule.judgeStroke(share, t, now);
        }
        good &= !cadenceRule.failing() && !loadRule.failing() && !holdRule.failing();
        if (good) {
            progress.repetition(t);
        }
        if (progress.handsOnStep()) {
            // the guide's 12-15 repetitions "throughout the targeted tissue": no point to stay on, so none is
            // started, done or left early (one carried over from the step before ends without a word)
            point.clear();
        } else {
            point.locate(strokes.strokeCentreMm, t);
        }
        if (good && Double.isNaN(strokes.cadencePerMinute(now))) {
            return; // the pace is not known yet (three turns): the time waits for it, neither earned nor lost
        }
        double earned = good ? pendingCredit : 0;
        pendingCredit = 0;
        if (earned > 0) {
            credit(earned, t);
        }
    }

    private void credit(double seconds, double t) {
        score.credited(seconds);
        progress.credit(seconds, t);
        point.credit(seconds, t);
    }

    /** A short press or {@code mark}: @return whether the roller is loaded, so the point starts here now */
    boolean mark(double t) {
        if (!loaded) {
            markPending = true; // the point starts where the roller next lands
            return false;
        }
        point.mark(positionMm, t);
        return true;
    }

    // ---------------------------------------------------------------- session

    /** Starts a session now: its events count t from here. */
    void startSession() {
        origin = now;
        originPending = false;
        strokeCount = 0;
        strokeSumMm = 0;
        loadIntegral = 0;
        cadenceCount = 0;
        cadenceSum = 0;
        point.resetCounts();
        score.start();
        progress.start(0, person);
        sessionOpen = true;
    }

    void endSession(double t) {
        progress.end(t);
        syncSession();
    }

    void nextStep(double t) {
        progress.next(t);
        syncSession();
    }

    /** After anything that may end the session (last step left, auto-advance, command, idle). */
    private void syncSession() {
        if (sessionOpen && !progress.active) {
            point.clear();
            review(eventTime());
            publishSummary(eventTime());
        }
        sessionOpen = progress.active;
    }

    /** The end of a session: the score, what went well, what to work on, against the person's last sessions. */
    private void review(double t) {
        List<SessionLedger.PastSession> earlier = ledger.recent(progress.person, SessionScore.PREVIOUS);
        score.end(progress, judging.inches(), earlier);
        ledger.sessionEnded(progress.person, new SessionLedger.PastSession(progress.startedAtMillis,
            progress.sessionSeconds(t), score.finalScore()));
        FeedbackEvent e = judging.begin(Rule.SESSION, Verdict.SUMMARY, Severity.INFO, t);
        e.value = score.finalScore();
        e.min = 0;
        e.max = 100;
        score.describeEnd(e.message, e.speech);
        out.send();
    }

    // ---------------------------------------------------------------- output

    private void publishTelemetry(double t) {
        telemetry.timeSeconds = t;
        telemetry.device = identity.device;
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
        sink.publish(OutboxMessageType.TELEMETRY, identity.device, scratch, 0, length);
    }

    private void publishSummary(double t) {
        summaryWaited = false;
        summarisedChanges = progress.changes;
        nextSummaryAt = now + SUMMARY_EVERY_S;
        int length = summaryWriter.write(json, scratch, 0, this, progress, point, out, score, t);
        sink.publish(OutboxMessageType.SESSION, identity.device, scratch, 0, length);
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
                result = CommandResult.error(pending.command().kind().path() + " failed: " + e.getMessage());
            }
            pending.result().complete(result);
        }
    }

    /** Carries out one command on the roller's thread. Package-visible so analyze and tests can drive it. */
    CommandResult execute(Command command) {
        CommandResult result = commandHandler.execute(command, eventTime());
        coach.update(eventTime(), now, loaded);
        return result;
    }

    /** Swaps in new thresholds between samples. */
    public void apply(TechniqueConfig next) {
        config = next;
        judging.config = next;
        strokes.reversalMm(next.reversalMm());
        coverage.windowSeconds(next.coverageWindowSeconds());
        stillness.windowSeconds(next.holdSeconds());
        progress.config(next);
        for (JudgedRule rule : new JudgedRule[] {strokeRule, coverageRule, loadRule, cadenceRule, holdRule,
            oneWayRule}) {
            rule.configure(next);
        }
        if (!identity.radiusFromHello) {
            identity.radiusMm = next.radiusMm();
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
        return identity.radiusMm;
    }

    long deviceId() {
        return identity.deviceId;
    }

    /** Coach messages published so far: for tests. */
    long coachMessages() {
        return coach.published();
    }
}
