package io.rollcoach.gateway.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import io.rollcoach.gateway.input.RollerListener;
import io.rollcoach.gateway.serial.CaptureWriter;
import io.rollcoach.gateway.serial.SerialLink;
import io.rollcoach.gateway.serial.SerialLinkConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A roller on a serial port, with an optional capture of every byte read (what {@code analyze} and {@code replay}
 * take). A port missing at start is waited for, as a replug is: the roller shows offline until it appears.
 */
final class SerialInput implements RollerInput {
    private static final Logger LOG = LoggerFactory.getLogger(SerialInput.class);

    private final SerialLinkConfig config;
    private final SerialLink link;
    private final CaptureWriter capture;

    SerialInput(SerialLinkConfig config, RollerListener listener, Path captureDir, String label) throws IOException {
        this.config = config;
        CaptureWriter writer = null;
        if (captureDir != null) {
            Files.createDirectories(captureDir);
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            writer = new CaptureWriter(captureDir.resolve(label.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + stamp
                + ".rcap"));
            LOG.info("capturing {} to {}", config.port(), writer.path());
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
        health.put("input", describe());
        if (capture != null) {
            health.put("capture", capture.path().toString());
        }
        return health;
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
                LOG.warn("capture {}: {}", capture.path(), e.getMessage());
            }
        }
    }
}
