package io.rollcoach.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.rollcoach.gateway.config.ConfigLoader;
import io.rollcoach.gateway.config.GatewayConfig;
import io.rollcoach.gateway.config.GpioInputConfig;
import io.rollcoach.gateway.serial.Frames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of {@code inputs:} entry, read once into its record, starts the input of its kind from that record. */
class InputsFromConfigTest {
    @TempDir
    Path dir;

    @Test
    void eachInputRecordStartsItsOwnKindOfInputAndGpioIsNotReadAgain() throws Exception {
        Path capture = Files.write(dir.resolve("good.rcap"), Frames.goodTechnique());
        GatewayConfig config = ConfigLoader.parse(String.join("\n",
            "gateway: {id: inputs-test}",
            "inputs:",
            "  - simulate: good-technique",
            "    speed: 2",
            "  - replay: " + capture,
            "  - serial: /dev/rollcoach-nope",
            "    name: left",
            "  - gpio: {force: {type: ads1115}, rotation: {type: as5600}, radiusMm: 75}",
            "    name: calf",
            "mqtt: {url: 'tcp://127.0.0.1:9'}",
            "display: {enabled: false}",
            "storage: {dir: " + dir.resolve("store") + ", history: false, captures: false}",
            ""), "inputs.yaml", dir);
        AtomicReference<GpioInputConfig> opened = new AtomicReference<>();
        WiredSensors notWired = (gpio, listener) -> {
            opened.set(gpio);
            throw new IOException("no sensors on this machine");
        };

        try (Gateway gateway = new Gateway(config, false, null).withWiredSensors(notWired).start()) {
            List<Gateway.Roller> rollers = gateway.rollers();
            assertEquals("simulated roller, scenario good-technique at 2.0x",
                assertInstanceOf(SimulatedInput.class, rollers.get(0).input()).describe());
            assertEquals("replay of " + capture,
                assertInstanceOf(ReplayInput.class, rollers.get(1).input()).describe());
            assertInstanceOf(SerialInput.class, rollers.get(2).input());
            assertEquals("left", rollers.get(2).engine().deviceName());
            assertEquals("GPIO calf (ads1115, as5600)",
                assertInstanceOf(GpioInput.class, rollers.get(3).input()).describe());
            assertSame(config.inputs().get(3), opened.get(), "the record read at load, as it is");
        }
    }
}
