package io.rollcoach.gateway.config;

import java.nio.file.Path;
import java.util.List;

import io.rollcoach.gateway.display.DisplaySettings;
import io.rollcoach.gateway.mqtt.MqttSettings;
import io.rollcoach.gateway.speech.SpeechSettings;
import io.rollcoach.gateway.technique.Routine;
import io.rollcoach.gateway.technique.TechniqueConfig;

/**
 * Everything the service needs, checked: see docs/configuration.md for every key, its default and range.
 *
 * @param mqtt null when no broker is configured: the gateway then starts its embedded one
 */
public record GatewayConfig(String gatewayId, List<InputConfig> inputs, String person, TechniqueConfig technique,
                            Routine routine, MqttSettings mqtt, BrokerConfig broker, DisplayConfig display,
                            StorageConfig storage, SpeechSettings speech) {
    public GatewayConfig {
        inputs = List.copyOf(inputs);
        speech = speech == null ? SpeechSettings.OFF : speech;
    }

    /** Without the speech section: speech off. */
    public GatewayConfig(String gatewayId, List<InputConfig> inputs, String person, TechniqueConfig technique,
                         Routine routine, MqttSettings mqtt, BrokerConfig broker, DisplayConfig display,
                         StorageConfig storage) {
        this(gatewayId, inputs, person, technique, routine, mqtt, broker, display, storage, SpeechSettings.OFF);
    }

    /** The embedded broker: {@code port} 0 takes any free port (the demo's way; the config file needs 1-65535). */
    public record BrokerConfig(String bindAddress, int port) {
    }

    public record DisplayConfig(boolean enabled, String bindAddress, int port, String pin, boolean speech) {
        public DisplayConfig {
            DisplaySettings.checkPort("display.port", port);
            if (pin != null) {
                checkPin("display.pin", pin);
            }
        }

        /** @throws IllegalArgumentException naming {@code key} when {@code pin} is not 4 to 12 digits */
        public static void checkPin(String key, String pin) {
            if (!pin.matches("\\d{4,12}")) {
                throw new IllegalArgumentException(key + " must be 4 to 12 digits (quote it: pin: \"2468\"), was '"
                    + pin + "'");
            }
        }
    }

    /** Where history.db and captures/ go. */
    public record StorageConfig(Path dir, boolean captures, boolean history, int capturesMaxMb) {
        public static final int MIN_CAPTURES_MB = 16;
        public static final int MAX_CAPTURES_MB = 1_048_576;

        public StorageConfig {
            checkCapturesMaxMb("storage.capturesMaxMb", capturesMaxMb);
        }

        /** @throws IllegalArgumentException naming {@code key} when {@code mb} is out of range */
        public static void checkCapturesMaxMb(String key, int mb) {
            if (mb < MIN_CAPTURES_MB || mb > MAX_CAPTURES_MB) {
                throw new IllegalArgumentException(key + " must be from " + MIN_CAPTURES_MB + " to " + MAX_CAPTURES_MB
                    + ", was " + mb);
            }
        }

        public Path database() {
            return dir.resolve("history.db");
        }

        public Path captureDir() {
            return dir.resolve("captures");
        }
    }

    public GatewayConfig withInputs(List<InputConfig> value) {
        return new GatewayConfig(gatewayId, value, person, technique, routine, mqtt, broker, display, storage, speech);
    }

    public GatewayConfig withMqtt(MqttSettings value) {
        return new GatewayConfig(gatewayId, inputs, person, technique, routine, value, broker, display, storage,
            speech);
    }

    public GatewayConfig withBroker(BrokerConfig value) {
        return new GatewayConfig(gatewayId, inputs, person, technique, routine, mqtt, value, display, storage, speech);
    }

    public GatewayConfig withDisplay(DisplayConfig value) {
        return new GatewayConfig(gatewayId, inputs, person, technique, routine, mqtt, broker, value, storage, speech);
    }

    public GatewayConfig withStorage(StorageConfig value) {
        return new GatewayConfig(gatewayId, inputs, person, technique, routine, mqtt, broker, display, value, speech);
    }

    public GatewayConfig withSpeech(SpeechSettings value) {
        return new GatewayConfig(gatewayId, inputs, person, technique, routine, mqtt, broker, display, storage, value);
    }

    public GatewayConfig withTechnique(TechniqueConfig value, Routine routineValue) {
        return new GatewayConfig(gatewayId, inputs, person, value, routineValue, mqtt, broker, display, storage,
            speech);
    }
}
