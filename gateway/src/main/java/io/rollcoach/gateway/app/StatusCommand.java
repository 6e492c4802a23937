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

/** {@code rollcoach status}: the health each gateway publishes (retained), read from the broker. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show each gateway's rollers (link, frames per second, lost and rejected frames, engine lag), "
        + "MQTT connection and buffer, as published on <base>/gateway/<gw>/health.")
final class StatusCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--broker", paramLabel = "URL", description = "The broker (default tcp://127.0.0.1:1883).")
    String broker = "tcp://127.0.0.1:1883";

    @Option(names = "--base", paramLabel = "TOPIC", description = "The base topic (default rollcoach).")
    String base = "rollcoach";

    @Option(names = "--username", paramLabel = "NAME", description = "Log in to the broker as NAME (mqtt.username).")
    String username;

    @Option(names = "--password", paramLabel = "PASSWORD", description = "The broker password (mqtt.password).")
    String password;

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
            client.subscribe(new MqttSubscription[] {new MqttSubscription(base + "/gateway/+/health", 1)},
                new IMqttMessageListener[] {(topic, message) ->
                    health.put(topic, new String(message.getPayload(), StandardCharsets.UTF_8))});
            TimeUnit.MILLISECONDS.sleep((long) (waitSeconds * 1000));
        } catch (MqttException e) {
            System.err.println("rollcoach status: cannot reach the broker at " + broker + ": " + e.getMessage()
                + " (is the gateway running? give --broker)");
            return 2;
        } finally {
            close(client); // Paho's threads would keep the JVM alive
        }
        if (health.isEmpty()) {
            System.err.println("rollcoach status: no gateway has published its health under " + base
                + "/gateway/+/health on " + broker + " (it does every 10 s)");
            return 1;
        }
        for (String payload : health.values()) {
            if (json) {
                System.out.println(payload);
                continue;
            }
            JsonNode node = JSON.readTree(payload);
            JsonNode mqtt = node.path("mqtt");
            System.out.printf("gateway %s: MQTT %s (%s), waiting %d, published %d, dropped feedback %d%n",
                node.path("gateway").asText(), mqtt.path("connected").asBoolean() ? "connected" : "DISCONNECTED",
                mqtt.path("broker").asText(), mqtt.path("waiting").asInt(), mqtt.path("published").asLong(),
                mqtt.path("droppedFeedback").asLong());
            System.out.printf("  %-20s %-8s %-8s %9s %9s %9s %9s  %s%n", "roller", "link", "session", "frames/s",
                "lost", "rejected", "lag ms", "input");
            for (JsonNode roller : node.path("rollers")) {
                System.out.printf("  %-20s %-8s %-8s %9.1f %9d %9d %9.3f  %s%n", roller.path("roller").asText(),
                    roller.path("link").asText(), roller.path("session").asText(),
                    roller.path("framesPerSecond").asDouble(), roller.path("framesLost").asLong(),
                    roller.path("framesRejected").asLong(), roller.path("engineLagMs").asDouble(),
                    roller.path("input").asText());
            }
        }
        return 0;
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
