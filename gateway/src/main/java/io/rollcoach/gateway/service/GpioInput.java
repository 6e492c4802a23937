package io.rollcoach.gateway.service;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import io.rollcoach.gateway.gpio.GpioInputConfig;
import io.rollcoach.gateway.gpio.GpioRoller;
import io.rollcoach.gateway.gpio.GpioSensors;
import io.rollcoach.gateway.input.RollerListener;

/** A roller wired to the Pi's header (docs/wiring.md), read with Pi4J's Raspberry Pi providers. */
final class GpioInput implements RollerInput {
    private final GpioInputConfig config;
    private final RollerListener listener;
    private Context pi4j;
    private GpioRoller roller;

    GpioInput(GpioInputConfig config, RollerListener listener) {
        this.config = config;
        this.listener = listener;
    }

    @Override
    public void start() throws IOException {
        try {
            pi4j = Pi4J.newAutoContext();
            roller = GpioSensors.roller(pi4j, config, listener);
        } catch (RuntimeException e) {
            if (pi4j != null) {
                pi4j.shutdown();
            }
            throw new IOException("cannot open the sensors of GPIO input '" + config.name() + "': " + e.getMessage()
                + " (on a Raspberry Pi with I2C enabled and the user in the gpio and i2c groups? see docs/wiring.md)", e);
        }
        roller.start();
    }

    @Override
    public boolean send(byte[] frame, int offset, int length) {
        return false; // a wired roller has no buzzer to cue
    }

    @Override
    public Map<String, Object> health() {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("input", describe());
        if (roller != null) {
            health.putAll(roller.health());
        }
        return health;
    }

    @Override
    public String describe() {
        return "GPIO " + config.name() + " (" + config.force().type().name().toLowerCase() + ", "
            + config.rotation().type().name().toLowerCase() + ")";
    }

    @Override
    public void close() {
        if (roller != null) {
            roller.close();
        }
        if (pi4j != null) {
            pi4j.shutdown();
        }
    }
}
