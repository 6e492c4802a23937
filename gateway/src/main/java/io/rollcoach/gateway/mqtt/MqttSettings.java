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
    public MqttSettings {
        Objects.requireNonNull(url, "mqtt.url");
        if (!url.matches("(tcp|ssl|ws|wss)://[^/]+(:\\d+)?(/.*)?")) {
            throw new IllegalArgumentException("mqtt.url must look like tcp://host:1883 or ssl://host:8883, was '"
                + url + "'");
        }
        if (baseTopic == null || baseTopic.isEmpty() || baseTopic.contains("#") || baseTopic.contains("+")
            || baseTopic.startsWith("/") || baseTopic.endsWith("/")) {
            throw new IllegalArgumentException("mqtt.baseTopic must be a topic without wildcards or outer slashes, was '"
                + baseTopic + "'");
        }
        if (!Topics.isTopicLevel(gatewayId)) {
            throw new IllegalArgumentException("gateway.id must be letters, digits, '-' or '_', was '" + gatewayId + "'");
        }
        if (bufferMessages < 10 || bufferMessages > 1_000_000) {
            throw new IllegalArgumentException("mqtt.bufferMessages must be from 10 to 1000000, was " + bufferMessages);
        }
        if (telemetryQos < 0 || telemetryQos > 1) {
            throw new IllegalArgumentException("mqtt.telemetryQos must be 0 or 1, was " + telemetryQos);
        }
        if (keepAliveSeconds < 5 || keepAliveSeconds > 3600) {
            throw new IllegalArgumentException("mqtt.keepAliveSeconds must be from 5 to 3600, was " + keepAliveSeconds);
        }
        if ((clientCertFile == null) != (clientKeyFile == null)) {
            throw new IllegalArgumentException("mqtt.clientCertFile and mqtt.clientKeyFile go together; one was missing");
        }
        if (clientId == null || clientId.isEmpty()) {
            clientId = defaultClientId(gatewayId);
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
        return "MqttSettings[url=" + url + ", clientId=" + clientId + ", user=" + username + ", base=" + baseTopic + "]";
    }
}
