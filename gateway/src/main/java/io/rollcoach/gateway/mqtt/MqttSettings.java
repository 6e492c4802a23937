package io.rollcoach.gateway.mqtt;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the gateway talks to its broker. Checked when built; see docs/configuration.md ({@code mqtt:}).
 *
 * @param url             {@code tcp://host:1883}, {@code ssl://host:8883} (TLS), or {@code ws://} / {@code wss://}
 * @param caFile          PEM file of the CA(s) to trust for TLS; null: the JDK's trust store
 * @param clientCertFile  PEM client certificate for mutual TLS, with {@code clientKeyFile} (PKCS#8 PEM)
 * @param bufferMessages  feedback, session and status messages kept while the broker is away; the oldest
 *                        feedback goes first when full (counted and logged)
 */
public record MqttSettings(String url, String clientId, String username, String password, Path caFile,
                           Path clientCertFile, Path clientKeyFile, String baseTopic, String gatewayId,
                           boolean discovery, String discoveryPrefix, int bufferMessages, int telemetryQos,
                           int keepAliveSeconds) {
    public static final int MIN_BUFFER_MESSAGES = 10;
    public static final int MAX_BUFFER_MESSAGES = 1_000_000;
    public static final int MIN_KEEP_ALIVE_S = 5;
    public static final int MAX_KEEP_ALIVE_S = 3600;

    public MqttSettings {
        Objects.requireNonNull(url, "mqtt.url");
        checkUrl("mqtt.url", url);
        checkBaseTopic("mqtt.baseTopic", baseTopic);
        Topics.checkLevel("gateway.id", gatewayId);
        checkBufferMessages("mqtt.bufferMessages", bufferMessages);
        checkTelemetryQos("mqtt.telemetryQos", telemetryQos);
        checkKeepAliveSeconds("mqtt.keepAliveSeconds", keepAliveSeconds);
        if ((clientCertFile == null) != (clientKeyFile == null)) {
            throw new IllegalArgumentException(
                "mqtt.clientCertFile and mqtt.clientKeyFile go together; one was missing");
        }
        if (clientId == null || clientId.isEmpty()) {
            clientId = defaultClientId(gatewayId);
        }
    }

    // Each rule once, naming the key it is given: the config file's reader runs them one by one, so that it can
    // report every value that breaks one, and this record runs them all as its invariant.

    public static void checkUrl(String key, String url) {
        if (!url.matches("(tcp|ssl|ws|wss)://[^/]+(:\\d+)?(/.*)?")) {
            throw new IllegalArgumentException(key + " must look like tcp://host:1883 or ssl://host:8883, was '" + url
                + "'");
        }
    }

    public static void checkBaseTopic(String key, String baseTopic) {
        if (baseTopic == null || baseTopic.isEmpty() || baseTopic.contains("#") || baseTopic.contains("+")
            || baseTopic.startsWith("/") || baseTopic.endsWith("/")) {
            throw new IllegalArgumentException(key + " must be a topic without wildcards or outer slashes, was '"
                + baseTopic + "'");
        }
    }

    public static void checkBufferMessages(String key, int bufferMessages) {
        if (bufferMessages < MIN_BUFFER_MESSAGES || bufferMessages > MAX_BUFFER_MESSAGES) {
            throw new IllegalArgumentException(key + " must be from " + MIN_BUFFER_MESSAGES + " to "
                + MAX_BUFFER_MESSAGES + ", was " + bufferMessages);
        }
    }

    public static void checkTelemetryQos(String key, int telemetryQos) {
        if (telemetryQos < 0 || telemetryQos > 1) {
            throw new IllegalArgumentException(key + " must be 0 or 1, was " + telemetryQos);
        }
    }

    public static void checkKeepAliveSeconds(String key, int keepAliveSeconds) {
        if (keepAliveSeconds < MIN_KEEP_ALIVE_S || keepAliveSeconds > MAX_KEEP_ALIVE_S) {
            throw new IllegalArgumentException(key + " must be from " + MIN_KEEP_ALIVE_S + " to " + MAX_KEEP_ALIVE_S
                + ", was " + keepAliveSeconds);
        }
    }

    public static MqttSettings of(String url, String gatewayId) {
        return new MqttSettings(url, null, null, null, null, null, null, "rollcoach", gatewayId, true,
            "homeassistant", 10_000, 0, 30);
    }

    public MqttSettings withBaseTopic(String value) {
        return new MqttSettings(url, clientId, username, password, caFile, clientCertFile, clientKeyFile, value,
            gatewayId, discovery, discoveryPrefix, bufferMessages, telemetryQos, keepAliveSeconds);
    }

    public MqttSettings withBufferMessages(int value) {
        return new MqttSettings(url, clientId, username, password, caFile, clientCertFile, clientKeyFile, baseTopic,
            gatewayId, discovery, discoveryPrefix, value, telemetryQos, keepAliveSeconds);
    }

    public MqttSettings withDiscovery(boolean value) {
        return new MqttSettings(url, clientId, username, password, caFile, clientCertFile, clientKeyFile, baseTopic,
            gatewayId, value, discoveryPrefix, bufferMessages, telemetryQos, keepAliveSeconds);
    }

    public MqttSettings withClientId(String value) {
        return new MqttSettings(url, value, username, password, caFile, clientCertFile, clientKeyFile, baseTopic,
            gatewayId, discovery, discoveryPrefix, bufferMessages, telemetryQos, keepAliveSeconds);
    }

    /**
     * The client id made unique per installation when it was not configured: {@code rollcoach-<gw>-<installation>}.
     * Two gateways left at the default gateway id would otherwise take each other's session over and over.
     */
    public MqttSettings withInstallation(String installationId) {
        return clientId.equals(defaultClientId(gatewayId)) ? withClientId(clientId + "-" + installationId) : this;
    }

    private static String defaultClientId(String gatewayId) {
        return "rollcoach-" + gatewayId;
    }

    public boolean tls() {
        return url.startsWith("ssl://") || url.startsWith("wss://");
    }

    @Override
    public String toString() {
        // never the password
        return "MqttSettings[url=" + url + ", clientId=" + clientId + ", user=" + username + ", base=" + baseTopic
            + "]";
    }
}
