package io.rollcoach.gateway.technique;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.rollcoach.gateway.command.Command;
import io.rollcoach.sim.SimOptions;
import io.rollcoach.sim.scenario.ScenarioLibrary;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;

/** What holds for any rolling, not just the scenarios. */
class EngineProperties {
    /** The commands without arguments, any of which may arrive between any two samples. */
    private static final List<Command> SIMPLE_COMMANDS = List.of(new Command.NextStep(), new Command.PreviousStep(),
        new Command.StartSession(null), new Command.EndSession(), new Command.Mark());

    @Property(tries = 60)
    void strokeLengthsAreMeasuredWithinTwoMillimetres(
        @ForAll @DoubleRange(min = 10, max = 120) double strokeMm,
        @ForAll @DoubleRange(min = 12, max = 70) double perMinute,
        @ForAll @DoubleRange(min = 25, max = 100) double radiusMm,
        @ForAll @DoubleRange(min = 0, max = 0.5) double noiseMm) {
        RecordingSink sink = new RecordingSink();
        TechniqueEngine engine = Engines.engine(sink, TechniqueConfig.defaults().with("roller.radiusMm", radiusMm));
        Rolling rolling = new Rolling(engine, radiusMm, 0).noise(noiseMm, 2);
        rolling.roll(60 / perMinute * 2, strokeMm, perMinute, 200); // settle into the rhythm
        for (int i = 0; i < 6; i++) {
            long before = engine.strokeCount();
            rolling.roll(60 / perMinute, strokeMm, perMinute, 200); // one stroke's time
            if (engine.strokeCount() > before) {
                assertEquals(strokeMm, engine.lastStrokeMm(), 2.0);
            }
        }
        assertTrue(engine.strokeCount() >= 5, "strokes: " + engine.strokeCount());
    }

    @Property(tries = 12)
    void eventNumbersAreGaplessForAnyScenarioAndDegradation(
        @ForAll("scenarioNames") String scenario,
        @ForAll @LongRange(min = 1, max = 1000) long seed,
        @ForAll @DoubleRange(min = 0, max = 0.05) @Scale(3) double dropRate,
        @ForAll @DoubleRange(min = 0, max = 0.005) @Scale(4) double corruptRate) {
        SimOptions options = SimOptions.defaults().withSeed(seed).withDropRate(dropRate).withCorruptRate(corruptRate);
        RecordingSink sink = Engines.run(scenario, options);
        for (int i = 0; i < sink.events.size(); i++) {
            assertEquals(i + 1, sink.events.get(i).get("n").asLong(), sink.events.get(i).toString());
        }
    }

    @Provide
    Arbitrary<String> scenarioNames() {
        return Arbitraries.of(ScenarioLibrary.names().stream().filter(n -> !n.equals("full-session")).toList());
    }

    /** Anything a broken roller, a bad cable or a confused person might send. */
    record Input(int kind, long time, int force, int angle, int flags) {
    }

    @Provide
    Arbitrary<List<Input>> inputs() {
        Arbitrary<Input> input = Combinators.combine(
            Arbitraries.integers().between(0, 20),
            Arbitraries.longs().between(0, 0xFFFF_FFFFL),
            Arbitraries.integers().between(Short.MIN_VALUE, Short.MAX_VALUE),
            Arbitraries.integers(),
            Arbitraries.integers().between(0, 255)).as(Input::new);
        return input.list().ofMaxSize(3000);
    }

    @Property(tries = 200)
    void theEngineNeverThrows(@ForAll("inputs") List<Input> inputs, @ForAll @IntRange(min = 1, max = 50) int step) {
        RecordingSink sink = new RecordingSink();
        TechniqueEngine engine = Engines.engine(sink);
        long clock = 0;
        for (Input in : inputs) {
            switch (in.kind()) {
                case 0 -> engine.onHello(in.time(), in.flags(), in.flags(), in.force() & 0xFFFF, in.force() & 0xFFFF,
                    in.flags());
                case 1 -> engine.onButton(in.flags() % 4);
                case 2 -> engine.onLinkLost();
                case 3 -> engine.onLinkRestored();
                case 4 -> engine.onDataQuality(in.time(), in.time() / 2);
                case 5 -> engine.onStatus(in.flags(), in.force() % 128, in.force() & 0xFFFF);
                case 6 -> engine.execute(SIMPLE_COMMANDS.get(in.flags() % SIMPLE_COMMANDS.size()));
                case 7 -> engine.onSample(in.time(), in.force(), in.angle(), in.flags()); // any time at all
                default -> {
                    clock += step * 1000L;
                    engine.onSample(clock & 0xFFFF_FFFFL, in.force(), in.angle() % 20000, in.flags() & 1);
                }
            }
        }
        engine.execute(new Command.Configure(Map.of("coverage.windowS", 2)));
        engine.onTick(0);
        for (int i = 0; i < sink.events.size(); i++) {
            assertEquals(i + 1, sink.events.get(i).get("n").asLong());
        }
    }

    @Property(tries = 30)
    void contactStartsOnlyOverFiveAndEndsOnlyAfterAnUnloadOfContactMinOff(
        @ForAll @Size(min = 1, max = 400) List<@IntRange(min = 0, max = 600) Integer> forcesDeciN) {
        RecordingSink sink = new RecordingSink();
        TechniqueEngine engine = Engines.engine(sink);
        double minOffS = TechniqueConfig.defaults().contactMinOffSeconds();
        long time = 0;
        int unloadedSamples = 0;
        for (int force : forcesDeciN) {
            int onsBefore = sink.events("contact", "on").size();
            int offsBefore = sink.events("contact", "off").size();
            engine.onSample(time, force, 0, 0);
            time += 10_000;
            unloadedSamples = force < 100 ? unloadedSamples + 1 : 0;
            int ons = sink.events("contact", "on").size();
            int offs = sink.events("contact", "off").size();
            boolean contact = ons > offs;
            if (ons > onsBefore) {
                assertTrue(force >= 50, "contact began at " + force / 10.0 + " N");
            }
            if (offs > offsBefore) {
                assertTrue(unloadedSamples * 0.01 > 0.2, "an unload of 0.2 s or less ended contact");
            }
            if (force > 400) {
                assertTrue(contact, "no contact at " + force / 10.0 + " N");
            }
            if (unloadedSamples * 0.01 >= minOffS + 0.011) {
                assertTrue(!contact, "still in contact after " + unloadedSamples * 0.01 + " s unloaded");
            }
        }
    }
}
