package io.rollcoach.gateway.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A recorded session fed through the live path ({@code - replay: capture.rcap}).
 *
 * @param capture the capture file; whether it can be read is checked before start
 * @param speed   times real time
 */
public record ReplayInputConfig(Path capture, double speed, String topicName, String where) implements InputConfig {
    public ReplayInputConfig {
        Objects.requireNonNull(capture, "replay must name a capture file");
        InputConfig.checkSpeed("speed", speed);
        InputConfig.checkTopicName("name", topicName);
    }
}
