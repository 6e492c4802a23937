package io.rollcoach.gateway.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.rollcoach.gateway.config.ConfigLoader;
import io.rollcoach.gateway.config.GatewayConfig;
import io.rollcoach.gateway.config.GpioInputConfig;
import io.rollcoach.gateway.config.GpioInputConfig.ForceConfig;
import io.rollcoach.gateway.config.GpioInputConfig.RotationConfig;
import io.rollcoach.gateway.config.InputConfig;
import io.rollcoach.gateway.config.SerialInputConfig;
import io.rollcoach.gateway.mqtt.MqttSettings;
import io.rollcoach.gateway.service.Gateway;
import io.rollcoach.gateway.service.WiredSensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a run ends when it cannot start or go on: a message a Pi owner can act on, and an exit code, never a hang. */
class GatewayRunnerTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

    /** No broker to start and no display: only the inputs matter here. */
    private GatewayConfig config(InputConfig input, boolean captures) {
        GatewayConfig defaults = ConfigLoader.defaults();
        return defaults.withInputs(List.of(input))
            .withMqtt(MqttSettings.of("tcp://127.0.0.1:9", "runner-test"))
            .withDisplay(new GatewayConfig.DisplayConfig(false, "127.0.0.1", 0, null, false))
            .withStorage(new GatewayConfig.StorageConfig(dir, captures, false, defaults.storage().capturesMaxMb()));
    }

    @Test
    void aLinkageErrorFromTheSensorFactoryEndsTheRunWithTheRequirementAndExit4() {
        GatewayConfig config = config(new GpioInputConfig("calf", ForceConfig.hx711(6, 5, 80, 0, 1),
            RotationConfig.as5600(1, false), null, 100, 75, "calf", "inputs[0]"), false);
        Gateway gateway = new Gateway(config, false, null).withWiredSensors(WiredSensors.pi4j(pins -> {
            throw new UnsatisfiedLinkError("/tmp/libgpiod.so: /lib/aarch64-linux-gnu/libc.so.6: version `GLIBC_2.33' "
                + "not found (required by /tmp/libgpiod.so)");
        }));
        boolean[] served = {false};

        int exit = GatewayRunner.run(gateway, errStream, 30, null, g -> served[0] = true);

        assertEquals(GatewayRunner.EXIT_UNSUPPORTED, exit);
        assertFalse(served[0], "never a running gateway that serves nothing");
        String said = err.toString(StandardCharsets.UTF_8);
        assertTrue(said.startsWith("rollcoach: GPIO input 'calf' cannot run here: wired sensors need Raspberry Pi OS "
            + "Bookworm"), said);
        assertTrue(said.contains("ARMv7 or newer"), said);
        assertFalse(said.contains("\tat ") || said.contains("provider JAR"), said);
    }

    @Test
    void aSerialPortThatNeverOpensLeavesNoCaptureFileAndTheRunGoesOnWaiting() throws Exception {
        GatewayConfig config = config(new SerialInputConfig("/dev/rollcoach-nope", 115_200, true, "nope",
            "--serial /dev/rollcoach-nope"), true);
        boolean[] served = {false};

        int exit = GatewayRunner.run(new Gateway(config, false, null), errStream, 1.5, null, g -> served[0] = true);

        assertEquals(GatewayRunner.EXIT_OK, exit);
        assertTrue(served[0], "a missing port is waited for, the gateway runs");
        Path captures = dir.resolve("captures");
        try (var files = Files.exists(captures) ? Files.list(captures) : Stream.<Path>empty()) {
            assertEquals(List.of(), files.toList(), "no capture for a port that never opened");
        }
    }
}
