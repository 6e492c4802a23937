package io.rollcoach.gateway.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.rollcoach.gateway.agent.AgentErrors;
import io.rollcoach.gateway.input.RollerListener;
import io.rollcoach.gateway.serial.RotatingCapture;
import io.rollcoach.gateway.serial.SerialLink;
import io.rollcoach.gateway.serial.SerialLinkConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A roller on a serial port, with an optional capture of every byte read (what {@code analyze} and {@code replay}
 * take), in files that rotate within a budget. A port missing at start is waited for, as a replug is: the roller shows
 * offline until it appears.
 */
final class SerialInput implements RollerInput {
    private static final Logger LOG = LoggerFactory.getLogger(SerialInput.class);

    private final SerialLinkConfig config;
    private final SerialLink link;
    private final RotatingCapture capture;

    /** @param capturesMaxBytes what all captures in {@code captureDir} may take together (storage.capturesMaxMb) */
    SerialInput(SerialLinkConfig config, RollerListener listener, Path captureDir, String label, long capturesMaxBytes)
        throws IOException {
        this.config = config;
        RotatingCapture writer = null;
        if (captureDir != null) {
            writer = new RotatingCapture(captureDir, label, capturesMaxBytes);
            LOG.info("capturing {} into {} once it sends (the folder kept under {} MB)", config.port(), writer.dir(),
                capturesMaxBytes >> 20);
        }
        this.capture = writer;
        this.link = new SerialLink(config, listener, writer);
    }

    Path capturePath() {
        return capture == null ? null : capture.path();
    }

    @Override
    public void start() throws IOException {
        link.start(true);
    }

    @Override
    public boolean send(byte[] frame, int offset, int length) {
        return link.send(frame, offset, length);
    }

    @Override
    public Map<String, Object> health() {
        InputStats none = new InputStats();
        Map<String, Object> health = none.health(link.isOpen(), link.stats());
        health.remove("framesPerSecond");
        health.remove("engineLagMs");
        health.put("loopErrors", link.errors().count());
        health.put("input", describe());
        if (capture != null && capture.path() != null) {
            health.put("capture", capture.path().toString());
        }
        return health;
    }

    @Override
    public List<AgentErrors> agentErrors() {
        return List.of(link.errors());
    }

    @Override
    public String describe() {
        return "serial " + config.port() + " at " + config.baud() + " baud";
    }

    @Override
    public void close() {
        link.close();
        if (capture != null) {
            try {
                capture.close();
            } catch (IOException e) {
                LOG.warn("capture in {}: {}", capture.dir(), e.getMessage());
            }
        }
    }
}
