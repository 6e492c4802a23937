package io.rollcoach.gateway.technique;

import io.rollcoach.protocol.feedback.JsonWriter;
import io.rollcoach.protocol.feedback.Rule;
import io.rollcoach.protocol.feedback.Verdict;
import org.agrona.MutableDirectBuffer;

/**
 * Writes where the session stands as one JSON object (the {@code session} topic): every step and tissue with its
 * time, what is done or skipped, trigger points, warnings by rule and the stroke, load and cadence averages.
 * Published on every change and every few seconds; allocates nothing. Fields are listed in docs/mqtt.md.
 */
final class SessionSummaryWriter {

    int write(JsonWriter json, MutableDirectBuffer buffer, int offset, TechniqueEngine engine,
              RoutineProgress progress, TriggerPoint point, EventEmitter out, SessionScore score, double t) {
        Routine routine = progress.routine();
        json.wrap(buffer, offset).beginObject();
        json.name("device").string(engine.device());
        json.name("t").number(t, 3);
        json.name("active").bool(progress.active);
        json.name("session").number(progress.sessionNumber);
        json.name("startedAtMs").number(progress.startedAtMillis);
        json.name("person").string(progress.person);
        TechniqueConfig config = engine.config();
        json.name("bodyWeightKg").number(config.bodyWeightKg() > 0 ? config.bodyWeightKg() : Double.NaN, 1);
        json.name("units").string(config.units());
        json.name("routine").string(routine.name());
        json.name("seconds").number(Math.max(0, progress.sessionSeconds(t)), 1);
        json.name("minSeconds").number(routine.sessionMinSeconds(), 0);
        json.name("maxSeconds").number(routine.sessionMaxSeconds(), 0);
        json.name("step").string(progress.stepId());
        json.name("stepIndex").number(progress.step);
        json.name("steps").beginArray();
        for (int i = 0; i < routine.steps().size(); i++) {
            RoutineStep step = routine.steps().get(i);
            json.item().beginObject();
            json.name("id").string(step.id());
            json.name("title").string(step.title());
            json.name("kind").string(step.kind());
            json.name("seconds").number(progress.stepSeconds[i], 1);
            json.name("target").number(step.targetSeconds(), 1);
            if (step.isHandsOn()) {
                json.name("reps").number(progress.stepRepetitions[i]);
                json.name("minReps").number(step.minRepetitions());
                json.name("maxReps").number(step.maxRepetitions());
            }
            json.name("done").bool(progress.stepDone[i]);
            json.name("skipped").bool(progress.stepSkipped[i]);
            json.endObject();
        }
        json.endArray();
        json.name("tissues").beginArray();
        for (int i = 0; i < progress.tissueCount(); i++) {
            json.item().beginObject();
            json.name("id").string(progress.tissueIds[i]);
            json.name("title").string(progress.tissueTitle(i));
            json.name("seconds").number(progress.tissueSeconds[i], 1);
            json.name("target").number(progress.tissueTarget(i), 1);
            json.name("done").bool(progress.tissueDone[i]);
            json.endObject();
        }
        json.endArray();
        json.name("triggerPoints").beginObject();
        json.name("done").number(point.doneCount);
        json.name("leftEarly").number(point.leftEarlyCount);
        json.endObject();
        json.name("warnings").beginObject();
        json.name("stroke").number(out.warnings(Rule.STROKE));
        json.name("coverage").number(out.warnings(Rule.COVERAGE));
        json.name("load").number(out.warnings(Rule.LOAD));
        json.name("cadence").number(out.warnings(Rule.CADENCE));
        json.name("hold").number(out.warnings(Rule.HOLD));
        json.name("oneWay").number(out.count(Rule.STROKE, Verdict.ONE_WAY));
        json.name("triggerPoint").number(out.count(Rule.TRIGGER_POINT, Verdict.LEFT_EARLY));
        json.name("step").number(out.warnings(Rule.STEP));
        json.endObject();
        json.name("strokes").number(engine.strokeCount);
        json.name("meanStrokeMm").number(engine.strokeCount == 0 ? Double.NaN
            : engine.strokeSumMm / engine.strokeCount, 1);
        json.name("loadedSeconds").number(score.loadedSeconds, 1);
        json.name("meanLoadN").number(score.loadedSeconds == 0 ? Double.NaN
            : engine.loadIntegral / score.loadedSeconds, 1);
        json.name("meanCadence").number(engine.cadenceCount == 0 ? Double.NaN
            : engine.cadenceSum / engine.cadenceCount, 1);
        score.write(json, progress);
        json.name("thresholds").beginObject();
        json.name("strokeMinMm").number(config.strokeMinMm(), 1);
        json.name("strokeMaxMm").number(config.strokeMaxMm(), 1);
        json.name("coverageMaxMm").number(config.coverageMaxMm(), 1);
        json.name("coverageWindowS").number(config.coverageWindowSeconds(), 1);
        json.name("triggerPointSeconds").number(config.triggerPointSeconds(), 1);
        json.name("loadMinN").number(config.loadMinBandNewtons(), 1);
        json.name("loadMaxN").number(config.loadMaxBandNewtons(), 1);
        json.name("cadenceMinPerMin").number(config.cadenceMinPerMinute(), 1);
        json.name("cadenceMaxPerMin").number(config.cadenceMaxPerMinute(), 1);
        json.endObject();
        json.endObject();
        return json.position() - offset;
    }
}
