package io.rollcoach.gateway.app;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollcoach.gateway.mqtt.PahoLogging;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rollcoach status}: each gateway's status (online, or offline since when) and the health it publishes
 * (retained), read from the broker. A stopped gateway's last health still says "connected": its retained
 * {@code offline} status is what tells the truth, so both are read.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show each gateway (online, or offline since when), its rollers (link, frames per second, lost and "
        + "rejected frames, engine lag), MQTT connection and buffer, as published on <base>/gateway/<gw>/status and "
        + "health. Exit status: 0 all shown online, 1 none found (or --gateway unknown), 3 offline.")
final class StatusCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int OFFLINE = 3;

    @Option(names = "--broker", paramLabel = "URL", description = "The broker (default tcp://127.0.0.1:1883).")
    String broker = "tcp://127.0.0.1:1883";

    @Option(names = "--base", paramLabel = "TOPIC", description = "The base topic (default rollcoach).")
    String base = "rollcoach";

    @Option(names = "--username", paramLabel = "NAME", description = "Log in to the broker as NAME (mqtt.username).")
    String username;

    @Option(names = "--password", paramLabel = "PASSWORD", description = "The broker password (mqtt.password).")
    String password;

    @Option(names = "--gateway", paramLabel = "ID", description = "Only this gateway (its gateway.id); exit status 3 "
        + "when it is offline, 1 when no such gateway ever published.")
    String gatewayId;

    @Option(names = "--json", description = "Print the health JSON as published.")
    boolean json;

    @Option(names = "--wait", paramLabel = "SECONDS", description = "How long to wait for answers (default 3).")
    double waitSeconds = 3;

    @Override
    public Integer call() throws Exception {
        if (!(waitSeconds > 0 && waitSeconds <= 3600)) {
            System.err.println("rollcoach status: --wait must be more than 0 and at most 3600 s, was " + waitSeconds);
            return 2;
        }
        Map<String, String> health = new ConcurrentHashMap<>();
        Map<String, String> statuses = new ConcurrentHashMap<>();
        Map<String, String> offlineSince = new ConcurrentHashMap<>();
        PahoLogging.install();
        MqttClient client;
        try {
            client = new MqttClient(broker, "rollcoach-status-" + UUID.randomUUID(), new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            System.err.println("rollcoach status: --broker must look like tcp://host:1883, was '" + broker + "' ("
                + e.getMessage() + ")");
            return 2;
        }
        try {
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setConnectionTimeout(5);
            if (username != null) {
                options.setUserName(username);
            }
            if (password != null) {
                options.setPassword(password.getBytes(StandardCharsets.UTF_8));
            }
            client.connect(options);
            // Paho 1.2.5's subscribe(String, int, listener) calls itself until the stack overflows: use the array form
            String only = gatewayId == null ? "+" : gatewayId;
            client.subscribe(new MqttSubscription[] {new MqttSubscription(base + "/gateway/" + only + "/health", 1),
                    new MqttSubscription(base + "/gateway/" + only + "/status", 1)},
                new IMqttMessageListener[] {
                    (topic, message) -> health.put(gatewayOf(topic), new String(message.getPayload(),
                        StandardCharsets.UTF_8)),
                    (topic, message) -> {
                        statuses.put(gatewayOf(topic), new String(message.getPayload(), StandardCharsets.UTF_8).trim());
                        String since = since(message.getProperties());
                        if (since != null) {
                            offlineSince.put(gatewayOf(topic), since);
                        }
                    }});
            TimeUnit.MILLISECONDS.sleep((long) (waitSeconds * 1000));
        } catch (MqttException e) {
            System.err.println("rollcoach status: cannot reach the broker at " + broker + ": " + e.getMessage()
                + " (is the gateway running? give --broker)");
            return 2;
        } finally {
            close(client); // Paho's threads would keep the JVM alive
        }
        if (health.isEmpty() && statuses.isEmpty()) {
            System.err.println("rollcoach status: " + (gatewayId == null ? "no gateway has" : "gateway '" + gatewayId
                + "' has never") + " published its status or health under " + base + "/gateway/ on " + broker
                + " (a running gateway does every 10 s; check --broker and --base)");
            return 1;
        }
        boolean anyOffline = false;
        java.util.Set<String> gateways = new java.util.TreeSet<>(statuses.keySet());
        gateways.addAll(health.keySet());
        for (String gateway : gateways) {
            String payload = health.get(gateway);
            JsonNode node = payload == null ? JSON.createObjectNode() : JSON.readTree(payload);
            boolean online = "online".equals(statuses.get(gateway));
            anyOffline |= !online;
            if (json) {
                com.fasterxml.jackson.databind.node.ObjectNode out = node.isObject()
                    ? (com.fasterxml.jackson.databind.node.ObjectNode) node : JSON.createObjectNode();
                out.put("gateway", gateway);
                out.put("status", statuses.getOrDefault(gateway, "unknown"));
                if (!online) {
                    out.put("offlineSince", offlineSince(gateway, offlineSince, node));
                }
                System.out.println(out);
                continue;
            }
            if (!online) {
                // its last health was written while it ran: the rest would say "connected" of a stopped gateway
                System.out.printf("gateway %s: %s since %s; last health below is from before%n", gateway,
                    statuses.containsKey(gateway) ? "OFFLINE" : "status UNKNOWN",
                    offlineSince(gateway, offlineSince, node));
            }
            JsonNode mqtt = node.path("mqtt");
            System.out.printf("gateway %s: %s, MQTT %s (%s), waiting %d, published %d, dropped feedback %d%n",
                gateway, online ? "online" : "offline",
                !online ? "-" : mqtt.path("connected").asBoolean() ? "connected" : "DISCONNECTED",
                mqtt.path("broker").asText(), mqtt.path("waiting").asInt(), mqtt.path("published").asLong(),
                mqtt.path("droppedFeedback").asLong());
            if (!mqtt.path("gatewayIdConflict").asText("").isEmpty()) {
                System.out.printf("  another gateway (MQTT client %s) uses the same gateway.id: give each its own%n",
                    mqtt.path("gatewayIdConflict").asText());
            }
            System.out.printf("  %-20s %-8s %-8s %9s %9s %9s %9s  %s%n", "roller", "link", "session", "frames/s",
                "lost", "rejected", "lag ms", "input");
            for (JsonNode roller : node.path("rollers")) {
                System.out.printf("  %-20s %-8s %-8s %9.1f %9d %9d %9.3f  %s%n", roller.path("roller").asText(),
                    online ? roller.path("link").asText() : "-", online ? roller.path("session").asText() : "-",
                    roller.path("framesPerSecond").asDouble(), roller.path("framesLost").asLong(),
                    roller.path("framesRejected").asLong(), roller.path("engineLagMs").asDouble(),
                    roller.path("input").asText());
            }
            StringBuilder failing = new StringBuilder();
            node.path("agentErrors").fields().forEachRemaining(agent -> {
                if (agent.getValue().asLong() > 0) {
                    failing.append(failing.length() == 0 ? "" : ", ").append(agent.getKey()).append(' ')
                        .append(agent.getValue().asLong());
                }
            });
            if (failing.length() > 0) {
                System.out.printf("  errors, counted and gone on from (see the gateway's log): %s%n", failing);
            }
        }
        return anyOffline ? OFFLINE : 0;
    }

    private String gatewayOf(String topic) {
        String rest = topic.substring(base.length() + "/gateway/".length());
        return rest.substring(0, rest.indexOf('/'));
    }

    /** A clean stop says when in its retained offline status; a Last Will cannot (it is written at connect). */
    private static String since(org.eclipse.paho.mqttv5.common.packet.MqttProperties properties) {
        if (properties == null || properties.getUserProperties() == null) {
            return null;
        }
        for (org.eclipse.paho.mqttv5.common.packet.UserProperty property : properties.getUserProperties()) {
            if (property.getKey().equals("since")) {
                return property.getValue();
            }
        }
        return null;
    }

    private static String offlineSince(String gateway, Map<String, String> said, JsonNode health) {
        if (said.containsKey(gateway)) {
            return said.get(gateway);
        }
        String last = health.path("at").asText("");
        return last.isEmpty() ? "an unknown time" : "about " + last + " (its last health; it stopped without saying)";
    }

    private static void close(MqttClient client) {
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
        } catch (MqttException e) {
            // going anyway
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // going anyway
        }
    }
}
