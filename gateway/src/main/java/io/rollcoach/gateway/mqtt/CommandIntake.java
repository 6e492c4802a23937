package io.rollcoach.gateway.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollcoach.gateway.command.Command;
import io.rollcoach.gateway.command.CommandException;
import io.rollcoach.gateway.command.CommandParser;
import io.rollcoach.gateway.command.CommandResult;
import io.rollcoach.gateway.command.CommandRouter;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What comes in from the broker: commands on {@code <base>/<id>/cmd/#} of the rollers this gateway serves (one
 * subscription per roller, so a command is answered once, by the gateway that has the roller), parsed at the edge,
 * routed to the roller's engine and answered once each; and the signs of others on the broker: another gateway that
 * claims our {@code gateway.id}, its Last Will over our {@code online}, Home Assistant's birth.
 *
 * <p>{@link #onMessage} runs on Paho's callback thread and never blocks: answers go to a queue the publisher thread
 * drains. {@link #serve} and {@link #subscribeAll} run on the publisher thread.
 */
final class CommandIntake {
    private static final Logger LOG = LoggerFactory.getLogger(CommandIntake.class);
    private static final long COMMAND_TIMEOUT_S = 3;
    private static final long SAY_AGAIN_NANOS = TimeUnit.MINUTES.toNanos(10);
    /** The user property every answer carries, so no gateway ever takes an answer for a command. */
    static final UserProperty ANSWER_MARK = new UserProperty("rollcoach", "answer");

    private final MqttSettings settings;
    private final Topics topics;
    private final CommandRouter router;
    private final CommandParser parser = new CommandParser();
    private final BrokerConnection connection;
    private final Queue<OutgoingMessage> answers;
    private final boolean discovery;
    /** The rollers this gateway answers commands for. */
    private final Set<String> served = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean replayRequested = new AtomicBoolean();
    private final AtomicLong commandsAnswered = new AtomicLong();
    private volatile long conflictSaidNanos;
    private volatile String gatewayIdConflict = "";

    /** @param answers where answers wait for the publisher thread; any thread may add */
    CommandIntake(MqttSettings settings, Topics topics, CommandRouter router, BrokerConnection connection,
                  Queue<OutgoingMessage> answers) {
        this.settings = settings;
        this.topics = topics;
        this.router = router;
        this.connection = connection;
        this.answers = answers;
        this.discovery = settings.discovery();
    }

    /** Takes commands for a roller from now on (subscribing at once when connected, else on connect). */
    void serve(String device) {
        served.add(device);
        connection.subscribe(noLocal(topics.commandFilter(device)));
    }

    /** Every subscription again, after a (re)connect. */
    void subscribeAll() {
        List<MqttSubscription> filters = new ArrayList<>();
        for (String device : served) {
            filters.add(noLocal(topics.commandFilter(device)));
        }
        filters.add(noLocal(topics.gateway("health"))); // another gateway with our id shows itself here
        filters.add(noLocal(topics.gatewayStatus()));   // ... and its Last Will says offline over our online
        if (discovery) {
            filters.add(new MqttSubscription(settings.discoveryPrefix() + "/status", 1)); // Home Assistant's birth
        }
        connection.subscribe(filters.toArray(new MqttSubscription[0]));
    }

    /** Our own messages are not sent back to us: an answer whose topic lies under {@code cmd/} is never a command. */
    private static MqttSubscription noLocal(String filter) {
        MqttSubscription subscription = new MqttSubscription(filter, 1);
        subscription.setNoLocal(true);
        return subscription;
    }

    /** True once after something asked for every retained state again (Home Assistant's birth, a stray Last Will). */
    boolean takeReplayRequest() {
        return replayRequested.getAndSet(false);
    }

    String gatewayIdConflict() {
        return gatewayIdConflict;
    }

    long commandsAnswered() {
        return commandsAnswered.get();
    }

    void onMessage(String topic, MqttMessage message) {
        if (topic.equals(topics.gateway("health"))) {
            onHealthOfOurId(message);
        } else if (topic.equals(topics.gatewayStatus())) {
            // another gateway with our id died and its Last Will said offline over our online: say it again
            if (!message.isRetained() && connection.isConnected() && "offline".equals(text(message))) {
                replayRequested.set(true);
            }
        } else if (discovery && topic.equals(settings.discoveryPrefix() + "/status")) {
            if ("online".equals(text(message))) {
                replayRequested.set(true); // Home Assistant (re)started: it wants the configs and states now
            }
        } else {
            onCommand(topic, message);
        }
    }

    private static String text(MqttMessage message) {
        return new String(message.getPayload(), StandardCharsets.UTF_8).trim();
    }

    /** A live health message for our gateway id from another client: two gateways claim one id. */
    private void onHealthOfOurId(MqttMessage message) {
        if (message.isRetained()) {
            return; // what a gateway with this id left behind, perhaps this one before a restart
        }
        JsonNode health = MqttGateway.parse(message.getPayload());
        String other = health == null ? "" : health.path("mqtt").path("clientId").asText("");
        if (other.isEmpty() || other.equals(settings.clientId())) {
            return;
        }
        gatewayIdConflict = other;
        long now = System.nanoTime();
        if (conflictSaidNanos == 0 || now - conflictSaidNanos > SAY_AGAIN_NANOS) {
            conflictSaidNanos = now;
            LOG.error("another gateway on {} also calls itself '{}' (its MQTT client is '{}', ours '{}'): its status, "
                + "health and Last Will overwrite ours. Give each gateway its own gateway.id in its config "
                + "(gateway: {{id: gym-pi-2}}); the host name is the default and every fresh Pi is 'raspberrypi'",
                settings.url(), settings.gatewayId(), other, settings.clientId());
        }
    }

    private void onCommand(String topic, MqttMessage message) {
        String[] target = topics.parseCommand(topic);
        if (target == null || !served.contains(target[0]) || target[1].equals("result")
            || target[1].startsWith("result/") || isAnswer(message)) {
            return; // another gateway's roller, or an answer (ours or another gateway's), never a command
        }
        MqttProperties properties = message.getProperties();
        String replyTo = properties != null && properties.getResponseTopic() != null
            ? properties.getResponseTopic() : topics.roller(target[0], "cmd/result");
        byte[] correlation = properties == null ? null : properties.getCorrelationData();
        Command command;
        try {
            command = parser.parse(target[1], message.getPayload());
        } catch (CommandException e) {
            answer(replyTo, correlation, target[1], CommandResult.error(e.getMessage()));
            return;
        }
        router.submit(target[0], command)
            .orTimeout(COMMAND_TIMEOUT_S, TimeUnit.SECONDS)
            .whenComplete((result, problem) -> answer(replyTo, correlation, target[1], problem == null ? result
                : CommandResult.error("the roller did not answer within " + COMMAND_TIMEOUT_S + " s")));
    }

    private static boolean isAnswer(MqttMessage message) {
        MqttProperties properties = message.getProperties();
        if (properties == null || properties.getUserProperties() == null) {
            return false;
        }
        for (UserProperty property : properties.getUserProperties()) {
            if (ANSWER_MARK.getKey().equals(property.getKey()) && ANSWER_MARK.getValue().equals(property.getValue())) {
                return true;
            }
        }
        return false;
    }

    private void answer(String topic, byte[] correlation, String command, CommandResult result) {
        MqttProperties properties = new MqttProperties();
        properties.setUserProperties(List.of(ANSWER_MARK));
        if (correlation != null) {
            properties.setCorrelationData(correlation);
        }
        answers.add(new OutgoingMessage(topic, result.toJson(command).getBytes(StandardCharsets.UTF_8), 1,
            MessageKind.ANSWER, properties));
        commandsAnswered.incrementAndGet();
    }
}
