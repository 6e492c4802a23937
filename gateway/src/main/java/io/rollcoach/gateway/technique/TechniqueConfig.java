package io.rollcoach.gateway.technique;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.rollcoach.gateway.command.Command.SetPerson;

/**
 * Every threshold the engine judges by, in millimetres, newtons and seconds. Immutable; checked when built, so
 * the engine never checks again. {@link #with(String, Object)} changes one key (from the config file, the command
 * line or a live {@code config} command) and says in words what was wrong when it cannot. Defaults and the reason
 * for each are in docs/rules.md.
 */
public record TechniqueConfig(
    double contactOnNewtons, double contactOffNewtons, double contactMinOffSeconds,
    double reversalMm, double strokeMinMm, double strokeMaxMm,
    double coverageWindowSeconds, double coverageMaxMm,
    double triggerPointSameMm, double triggerPointOtherMm, double triggerPointSeconds,
    double tissueSeconds,
    double bodyWeightKg, double loadMinFraction, double loadMaxFraction, double loadMinNewtons,
    double loadMaxNewtons, double loadSettleSeconds,
    double cadenceMinPerMinute, double cadenceMaxPerMinute,
    double holdSeconds, double holdToleranceMm,
    double repeatSeconds, int steadyFaultStrokes, double steadyFaultSeconds, int steadyMendStrokes,
    double steadyMendSeconds, double telemetryHz, double radiusMm, boolean autoAdvance, int dailyLimit,
    double sessionIdleSeconds, String units) {

    public static final double INCH_MM = 25.4;

    public static TechniqueConfig defaults() {
        return new TechniqueConfig(
            20, 10, 0.5,
            3, 20, 58,
            8, 95,
            25, 40, 15,
            90,
            0, 0.15, 0.60, 80, 450, 1.5,
            15, 60,
            4, 5,
            5, 2, 2, 3, 6, 10, 75, false, 3,
            180, "in");
    }

    public TechniqueConfig {
        // The contract bounds: every default must keep them, and so must anything a user sets.
        range("contact.onN", contactOnNewtons, 5, 40);
        range("contact.offN", contactOffNewtons, 5, 40);
        // The contract: an unload of 0.2 s or less never ends contact, one of 1 s or more always does.
        range("contact.minOffS", contactMinOffSeconds, 0.25, 1);
        if (contactOffNewtons > contactOnNewtons) {
            throw new IllegalArgumentException("contact.offN must not exceed contact.onN (" + fmt(contactOnNewtons)
                + "), was " + fmt(contactOffNewtons));
        }
        range("stroke.reversalMm", reversalMm, 0.5, 10);
        range("stroke.minMm", strokeMinMm, 15, 25);
        range("stroke.maxMm", strokeMaxMm, 51, 65);
        range("coverage.windowS", coverageWindowSeconds, 2, 30);
        range("coverage.maxMm", coverageMaxMm, 76, 110);
        range("triggerPoint.sameMm", triggerPointSameMm, 5, 25);
        range("triggerPoint.otherMm", triggerPointOtherMm, 25, 50);
        if (triggerPointOtherMm < triggerPointSameMm) {
            throw new IllegalArgumentException("triggerPoint.otherMm must be at least triggerPoint.sameMm ("
                + fmt(triggerPointSameMm) + "), was " + fmt(triggerPointOtherMm));
        }
        range("triggerPoint.seconds", triggerPointSeconds, 15, 120);
        range("tissue.seconds", tissueSeconds, 90, 600);
        if (bodyWeightKg != 0) {
            range("person.bodyWeightKg", bodyWeightKg, SetPerson.MIN_BODY_WEIGHT_KG, SetPerson.MAX_BODY_WEIGHT_KG);
        }
        range("load.minFraction", loadMinFraction, 0, 1);
        range("load.maxFraction", loadMaxFraction, loadMinFraction, 1.5);
        range("load.minN", loadMinNewtons, 0, 2000);
        range("load.maxN", loadMaxNewtons, loadMinNewtons, 3000);
        range("load.settleS", loadSettleSeconds, 0, 10);
        range("cadence.minPerMin", cadenceMinPerMinute, 1, 120);
        range("cadence.maxPerMin", cadenceMaxPerMinute, cadenceMinPerMinute, 300);
        range("hold.seconds", holdSeconds, 1, 60);
        range("hold.toleranceMm", holdToleranceMm, 1, 30);
        range("feedback.repeatS", repeatSeconds, 1, 60);
        whole("steady.faultStrokes", steadyFaultStrokes, 1, 10);
        range("steady.faultS", steadyFaultSeconds, 0.5, 30);
        whole("steady.mendStrokes", steadyMendStrokes, 1, 10);
        range("steady.mendS", steadyMendSeconds, 0.5, 60);
        range("telemetry.hz", telemetryHz, 0.5, 50);
        range("roller.radiusMm", radiusMm, 10, 200);
        if (dailyLimit < 1 || dailyLimit > 20) {
            throw new IllegalArgumentException("session.dailyLimit must be from 1 to 20, was " + dailyLimit);
        }
        range("session.idleEndS", sessionIdleSeconds, 30, 3600);
        if (units == null || !SetPerson.UNITS.contains(units)) {
            throw new IllegalArgumentException("person.units must be \"in\" or \"cm\", was \"" + units + "\"");
        }
    }

    /** The keys {@link #with} takes, in the order docs/rules.md lists them. */
    public static Map<String, Function<TechniqueConfig, Object>> keys() {
        Map<String, Function<TechniqueConfig, Object>> keys = new LinkedHashMap<>();
        keys.put("contact.onN", TechniqueConfig::contactOnNewtons);
        keys.put("contact.offN", TechniqueConfig::contactOffNewtons);
        keys.put("contact.minOffS", TechniqueConfig::contactMinOffSeconds);
        keys.put("stroke.reversalMm", TechniqueConfig::reversalMm);
        keys.put("stroke.minMm", TechniqueConfig::strokeMinMm);
        keys.put("stroke.maxMm", TechniqueConfig::strokeMaxMm);
        keys.put("coverage.windowS", TechniqueConfig::coverageWindowSeconds);
        keys.put("coverage.maxMm", TechniqueConfig::coverageMaxMm);
        keys.put("triggerPoint.sameMm", TechniqueConfig::triggerPointSameMm);
        keys.put("triggerPoint.otherMm", TechniqueConfig::triggerPointOtherMm);
        keys.put("triggerPoint.seconds", TechniqueConfig::triggerPointSeconds);
        keys.put("tissue.seconds", TechniqueConfig::tissueSeconds);
        keys.put("person.bodyWeightKg", TechniqueConfig::bodyWeightKg);
        keys.put("load.minFraction", TechniqueConfig::loadMinFraction);
        keys.put("load.maxFraction", TechniqueConfig::loadMaxFraction);
        keys.put("load.minN", TechniqueConfig::loadMinNewtons);
        keys.put("load.maxN", TechniqueConfig::loadMaxNewtons);
        keys.put("load.settleS", TechniqueConfig::loadSettleSeconds);
        keys.put("cadence.minPerMin", TechniqueConfig::cadenceMinPerMinute);
        keys.put("cadence.maxPerMin", TechniqueConfig::cadenceMaxPerMinute);
        keys.put("hold.seconds", TechniqueConfig::holdSeconds);
        keys.put("hold.toleranceMm", TechniqueConfig::holdToleranceMm);
        keys.put("feedback.repeatS", TechniqueConfig::repeatSeconds);
        keys.put("steady.faultStrokes", TechniqueConfig::steadyFaultStrokes);
        keys.put("steady.faultS", TechniqueConfig::steadyFaultSeconds);
        keys.put("steady.mendStrokes", TechniqueConfig::steadyMendStrokes);
        keys.put("steady.mendS", TechniqueConfig::steadyMendSeconds);
        keys.put("telemetry.hz", TechniqueConfig::telemetryHz);
        keys.put("roller.radiusMm", TechniqueConfig::radiusMm);
        keys.put("routine.autoAdvance", TechniqueConfig::autoAdvance);
        keys.put("session.dailyLimit", TechniqueConfig::dailyLimit);
        keys.put("session.idleEndS", TechniqueConfig::sessionIdleSeconds);
        keys.put("person.units", TechniqueConfig::units);
        return keys;
    }

    /** This config with one key changed; throws IllegalArgumentException naming the key, rule and value. */
    public TechniqueConfig with(String key, Object value) {
        if (!keys().containsKey(key)) {
            throw new IllegalArgumentException("unknown threshold \"" + key + "\"; known: "
                + String.join(", ", keys().keySet()));
        }
        if (key.equals("person.units")) {
            return copy(key, 0, value instanceof String ? (String) value : String.valueOf(value));
        }
        if (key.equals("routine.autoAdvance")) {
            if (!(value instanceof Boolean)) {
                throw new IllegalArgumentException("routine.autoAdvance must be true or false, was " + value);
            }
            return copy(key, (Boolean) value ? 1 : 0, null);
        }
        double number;
        if (value instanceof Number) {
            number = ((Number) value).doubleValue();
        } else {
            try {
                number = Double.parseDouble(String.valueOf(value).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a number, was \"" + value + "\"");
            }
        }
        if (Double.isNaN(number) || Double.isInfinite(number)) {
            throw new IllegalArgumentException(key + " must be a finite number, was " + value);
        }
        return copy(key, number, null);
    }

    private TechniqueConfig copy(String key, double n, String text) {
        double[] v = {contactOnNewtons, contactOffNewtons, contactMinOffSeconds, reversalMm, strokeMinMm, strokeMaxMm,
            coverageWindowSeconds, coverageMaxMm, triggerPointSameMm, triggerPointOtherMm, triggerPointSeconds,
            tissueSeconds, bodyWeightKg, loadMinFraction, loadMaxFraction, loadMinNewtons, loadMaxNewtons,
            loadSettleSeconds, cadenceMinPerMinute, cadenceMaxPerMinute, holdSeconds, holdToleranceMm, repeatSeconds,
            steadyFaultStrokes, steadyFaultSeconds, steadyMendStrokes, steadyMendSeconds, telemetryHz, radiusMm,
            autoAdvance ? 1 : 0, dailyLimit, sessionIdleSeconds};
        String u = units;
        int index = 0;
        for (String k : keys().keySet()) {
            if (k.equals(key)) {
                if (k.equals("person.units")) {
                    u = text;
                } else {
                    v[index] = n;
                }
            }
            index++;
        }
        if (WHOLE_KEYS.contains(key) && n != Math.rint(n)) {
            throw new IllegalArgumentException(key + " must be a whole number, was " + fmt(n));
        }
        int i = 0;
        return new TechniqueConfig(v[i++], v[i++], v[i++], v[i++], v[i++], v[i++], v[i++], v[i++], v[i++], v[i++],
            v[i++], v[i++], v[i++], v[i++], v[i++], v[i++], v[i++], v[i++], v[i++], v[i++], v[i++], v[i++], v[i++],
            (int) v[i++], v[i++], (int) v[i++], v[i++], v[i++], v[i++], v[i++] != 0, (int) v[i++], v[i++], u);
    }

    private static final Set<String> WHOLE_KEYS = Set.of("session.dailyLimit",
        "steady.faultStrokes", "steady.mendStrokes");

    /** The load band in newtons: a fraction of body weight when it is known, else the absolute band. */
    public double loadMinBandNewtons() {
        return bodyWeightKg > 0 ? loadMinFraction * bodyWeightKg * 9.81 : loadMinNewtons;
    }

    public double loadMaxBandNewtons() {
        return bodyWeightKg > 0 ? loadMaxFraction * bodyWeightKg * 9.81 : loadMaxNewtons;
    }

    private static void whole(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be a whole number from " + min + " to " + max + ", was "
                + value);
        }
    }

    private static void range(String key, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(key + " must be from " + fmt(min) + " to " + fmt(max) + ", was "
                + fmt(value));
        }
    }

    public static String fmt(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
            : Double.toString(value);
    }
}
