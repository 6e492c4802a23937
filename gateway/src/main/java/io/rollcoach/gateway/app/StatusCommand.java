package io.rollcoach.gateway.app;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollcoach.gateway.mqtt.HealthReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rollcoach status}: each gateway's status (online, or offline since when) and the health it publishes
 * (retained), as {@link HealthReader} reads them from the broker, in words or JSON, and an exit status to script on.
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
        HealthReader reader;
        try {
            reader = HealthReader.open(broker, username, password);
        } catch (IllegalArgumentException e) {
            System.err.println("rollcoach status: --broker must look like tcp://host:1883, was '" + broker + "' ("
                + e.getMessage() + ")");
            return 2;
        }
        List<HealthReader.Reading> readings;
        try (reader) {
            readings = reader.read(base, gatewayId, Duration.ofMillis((long) (waitSeconds * 1000)));
        } catch (IOException e) {
            System.err.println("rollcoach status: cannot reach the broker at " + broker + ": " + e.getMessage()
                + " (is the gateway running? give --broker)");
            return 2;
        }
        if (readings.isEmpty()) {
            System.err.println("rollcoach status: " + (gatewayId == null ? "no gateway has" : "gateway '" + gatewayId
                + "' has never") + " published its status or health under " + base + "/gateway/ on " + broker
                + " (a running gateway does every 10 s; check --broker and --base)");
            return 1;
        }
        boolean anyOffline = false;
        for (HealthReader.Reading reading : readings) {
            String gateway = reading.gateway();
            JsonNode node = reading.health() == null ? JSON.createObjectNode() : JSON.readTree(reading.health());
            boolean online = reading.isOnline();
            anyOffline |= !online;
            if (json) {
                ObjectNode out = node.isObject() ? (ObjectNode) node : JSON.createObjectNode();
                out.put("gateway", gateway);
                out.put("status", reading.status() != null ? reading.status() : "unknown");
                if (!online) {
                    out.put("offlineSince", offlineSince(reading, node));
                }
                System.out.println(out);
                continue;
            }
            if (!online) {
                // its last health was written while it ran: the rest would say "connected" of a stopped gateway
                System.out.printf("gateway %s: %s since %s; last health below is from before%n", gateway,
                    reading.status() != null ? "OFFLINE" : "status UNKNOWN", offlineSince(reading, node));
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

    private static String offlineSince(HealthReader.Reading reading, JsonNode health) {
        if (reading.offlineSince() != null) {
            return reading.offlineSince();
        }
        String last = health.path("at").asText("");
        return last.isEmpty() ? "an unknown time" : "about " + last + " (its last health; it stopped without saying)";
    }
}
