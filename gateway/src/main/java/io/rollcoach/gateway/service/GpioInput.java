package io.rollcoach.gateway.service;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.rollcoach.gateway.agent.AgentErrors;
import io.rollcoach.gateway.config.GpioInputConfig;
import io.rollcoach.gateway.gpio.GpioRoller;
import io.rollcoach.gateway.input.RollerListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A roller wired to the Pi's header (docs/wiring.md), read with Pi4J's Raspberry Pi providers.
 *
 * <p>Sensors that do not answer at start are waited for, as a serial port that is not there yet: one message, then a
 * quiet retry every {@link #RETRY_MS} ms on its own thread, the roller offline meanwhile. A Pi or OS that cannot load
 * Pi4J's native libraries at all (Bullseye's glibc, an ARMv6 Pi) is no such wait: {@link #start()} throws
 * {@link WiredInputUnsupportedException} and the gateway stops with a message naming the requirement.
 */
final class GpioInput implements RollerInput {
    private static final Logger LOG = LoggerFactory.getLogger(GpioInput.class);
    static final long RETRY_MS = 5_000;

    private final GpioInputConfig config;
    private final RollerListener listener;
    private final WiredSensors sensors;
    private volatile GpioRoller roller;
    private volatile boolean closed;
    private volatile String waitingFor;
    private Thread retry;

    private final long retryMs;

    GpioInput(GpioInputConfig config, RollerListener listener, WiredSensors sensors) {
        this(config, listener, sensors, RETRY_MS);
    }

    GpioInput(GpioInputConfig config, RollerListener listener, WiredSensors sensors, long retryMs) {
        this.config = config;
        this.listener = listener;
        this.sensors = sensors;
        this.retryMs = retryMs;
    }

    @Override
    public void start() throws IOException {
        try {
            open();
        } catch (WiredInputUnsupportedException e) {
            throw e;
        } catch (IOException e) {
            waitingFor = e.getMessage();
            LOG.error("{}; waiting for them, retrying every {} s", e.getMessage(), retryMs / 1000.0);
            retry = new Thread(this::retryUntilOpen, "gpio-retry-" + config.name());
            retry.setDaemon(true);
            retry.start();
        }
    }

    private void retryUntilOpen() {
        while (!closed && roller == null) {
            try {
                TimeUnit.MILLISECONDS.sleep(retryMs);
            } catch (InterruptedException e) {
                return;
            }
            try {
                synchronized (this) {
                    if (!closed) {
                        open();
                    }
                }
            } catch (WiredInputUnsupportedException e) {
                LOG.error("{}", e.getMessage()); // cannot happen after a first open got as far as a sensor; said if so
                return;
            } catch (IOException e) {
                waitingFor = e.getMessage(); // said once at start; quiet since
            }
        }
        if (roller != null) {
            waitingFor = null;
            LOG.info("the sensors of GPIO input '{}' answer now", config.name());
        }
    }

    private void open() throws IOException {
        GpioRoller opened = sensors.open(config, listener);
        opened.start();
        roller = opened;
    }

    @Override
    public boolean send(byte[] frame, int offset, int length) {
        return false; // a wired roller has no buzzer to cue
    }

    @Override
    public Map<String, Object> health() {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("input", describe());
        GpioRoller current = roller;
        if (current != null) {
            health.putAll(current.health());
        } else if (waitingFor != null) {
            health.put("linkUp", false);
            health.put("lastFailure", waitingFor);
        }
        return health;
    }

    @Override
    public List<AgentErrors> agentErrors() {
        GpioRoller current = roller;
        return current == null ? List.of() : current.errors();
    }

    @Override
    public String describe() {
        return "GPIO " + config.name() + " (" + config.force().type().name().toLowerCase() + ", "
            + config.rotation().type().name().toLowerCase() + ")";
    }

    @Override
    public void close() {
        closed = true;
        if (retry != null) {
            retry.interrupt();
        }
        synchronized (this) {
            GpioRoller current = roller;
            if (current != null) {
                current.close();
            }
        }
    }
}
