package io.rollcoach.gateway.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.rollcoach.gateway.config.GpioInputConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import io.rollcoach.gateway.config.GpioInputConfig.ButtonConfig;
import io.rollcoach.gateway.config.GpioInputConfig.ForceConfig;
import io.rollcoach.gateway.config.GpioInputConfig.RotationConfig;
import io.rollcoach.gateway.input.FrameDispatcher;
import io.rollcoach.gateway.input.RecordingListener;
import io.rollcoach.gateway.outbox.MessageSink;
import io.rollcoach.gateway.outbox.OutboxMessageType;
import io.rollcoach.gateway.technique.RollerLink;
import io.rollcoach.gateway.technique.Routine;
import io.rollcoach.gateway.technique.SessionLedger;
import io.rollcoach.gateway.technique.TechniqueConfig;
import io.rollcoach.gateway.technique.TechniqueEngine;
import io.rollcoach.sim.RollerSimulator;
import io.rollcoach.sim.SimOptions;
import io.rollcoach.sim.scenario.ScenarioLibrary;
import org.agrona.DirectBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same rolling, once as a serial roller's bytes through the FrameDispatcher and once as sensor values on Pi4J's
 * mock platform (ADS1115 conversions, AS5600 raw angles, the button pin) through the GpioRoller, into two real engines:
 * the technique verdicts are the same. The AS5600's 12-bit angle is coarser than the roller's 1e-4 rad, as on a real
 * build, and the verdicts must not care.
 */
class GpioSessionEquivalenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"good-technique", "too-fast", "full-session"})
    void gpioRollingIsJudgedAsTheSerialPathJudgesIt(String scenario) {
        byte[] bytes = RollerSimulator.renderAll(ScenarioLibrary.load(scenario), SimOptions.defaults());
        RecordingListener decoded = new RecordingListener();
        new FrameDispatcher(decoded).onBytes(bytes, 0, bytes.length);

        List<String> serial = new ArrayList<>();
        new FrameDispatcher(engine(serial)).onBytes(bytes, 0, bytes.length);

        List<String> gpio = new ArrayList<>();
        try (MockPi pi = new MockPi()) {
            GpioInputConfig config = new GpioInputConfig("maker-roller",
                ForceConfig.ads1115(1, 0x48, 0, false, 4.096, 250, 0, 0.1), // one count = 0.1 N
                RotationConfig.as5600(1, false), new ButtonConfig(17, true), decoded.sampleRateHz(),
                decoded.radiusTenthMm() / 10.0);
            GpioRoller roller = GpioSensors.roller(pi.pi4j, config, engine(gpio));
            MockI2C ads = pi.i2c(1, 0x48);
            MockI2C as5600 = pi.i2c(1, 0x36);
            MockDigitalInput button = pi.input("rollcoach-button-17");
            long previousUs = decoded.samples().get(0).timeUs();
            long nanos = 0;
            for (RecordingListener.Sample sample : decoded.samples()) {
                nanos += ((sample.timeUs() - previousUs) & 0xFFFF_FFFFL) * 1_000;
                previousUs = sample.timeUs();
                MockPi.script16(ads, Ads1115.REG_CONVERSION, sample.force());
                double radians = sample.angle() / 10_000.0;
                MockPi.script16(as5600, As5600.REG_RAW_ANGLE,
                    Math.floorMod(Math.round(radians / (2 * Math.PI) * 4096), 4096));
                button.mockState((sample.flags() & 1) != 0 ? DigitalState.LOW : DigitalState.HIGH);
                roller.sampleOnce(nanos);
            }
        }
        List<String> serialVerdicts = technique(serial);
        assertFalse(serialVerdicts.isEmpty());
        assertEquals(serialVerdicts, technique(gpio), scenario);
        // A lift is said once the force has stayed low for contact.minOffS; the long press given while standing up
        // is seen from the EVENT frame on the serial path and from the pin a little later, so the two may cross.
        assertEquals(serial.stream().filter("contact off"::equals).count(),
            gpio.stream().filter("contact off"::equals).count(), scenario);
    }

    /** The technique verdicts in order; contact off is counted apart (above). */
    private static List<String> technique(List<String> verdicts) {
        return verdicts.stream().filter(v -> !v.startsWith("data ") && !v.equals("contact off")).toList();
    }

    private static TechniqueEngine engine(List<String> verdicts) {
        MessageSink sink = (int type, CharSequence device, DirectBuffer body, int offset, int length) -> {
            if (type != OutboxMessageType.FEEDBACK) {
                return;
            }
            byte[] json = new byte[length];
            body.getBytes(offset, json);
            try {
                JsonNode event = JSON.readTree(new String(json, StandardCharsets.US_ASCII));
                verdicts.add(event.get("rule").asText() + " " + event.get("verdict").asText());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        return new TechniqueEngine(TechniqueConfig.defaults(), Routine.guide(), sink, RollerLink.NONE,
            SessionLedger.inMemory(), null);
    }
}
