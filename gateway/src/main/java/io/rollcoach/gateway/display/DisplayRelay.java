package io.rollcoach.gateway.display;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollcoach.gateway.outbox.Outbox;
import io.rollcoach.gateway.outbox.OutboxHandler;
import io.rollcoach.gateway.outbox.OutboxMessageType;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;

/**
 * Drains the display's outbox subscription, keeps each roller's latest state and hands every message to the
 * connected pages' queues. Runs on the {@code display-relay} thread; it never writes to a socket, so a slow page
 * cannot hold up the others.
 */
final class DisplayRelay implements Agent {
    private static final int POLL_LIMIT = 256;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Outbox.Subscription subscription;
    private final DisplaySettings settings;
    private final OutboxHandler onMessage = this::onMessage; // one handler, not one per duty cycle
    private final Map<String, RollerView> views = new ConcurrentHashMap<>();
    private final List<SseClient> clients = new ArrayList<>(); // relay thread only
    private final ConcurrentLinkedQueue<SseClient> joining = new ConcurrentLinkedQueue<>();
    private final AtomicLong relayed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong closedSlow = new AtomicLong();
    private volatile int connected;
    private volatile Thread relayThread;
    /** Told of each message after it was queued for the pages, on the relay thread: for tests. */
    volatile BiConsumer<String, String> afterRelay;

    DisplayRelay(Outbox.Subscription subscription, DisplaySettings settings) {
        this.subscription = subscription;
        this.settings = settings;
    }

    @Override
    public String roleName() {
        return "display-relay";
    }

    /** Any thread: the page joins on the relay thread, which queues its hello first so nothing is missed. */
    void join(SseClient client) {
        joining.add(client);
        Thread thread = relayThread;
        if (thread != null) {
            LockSupport.unpark(thread); // the relay may be asleep until the next message: the hello goes now
        }
    }

    @Override
    public void onStart() {
        relayThread = Thread.currentThread();
    }

    @Override
    public int doWork() {
        int work = 0;
        for (SseClient client; (client = joining.poll()) != null; work++) {
            client.offer(hello(client.roller()));
            clients.add(client);
        }
        work += subscription.poll(onMessage, POLL_LIMIT);
        if (clients.removeIf(SseClient::isClosed)) {
            work++;
        }
        connected = clients.size();
        return work;
    }

    @Override
    public void onClose() {
        for (SseClient client : clients) {
            client.close();
        }
        for (SseClient client; (client = joining.poll()) != null; ) {
            client.close();
        }
        clients.clear();
        connected = 0;
    }

    private void onMessage(int type, String device, DirectBuffer buffer, int offset, int length) {
        byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        String body = new String(bytes, StandardCharsets.UTF_8);
        RollerView view = views.computeIfAbsent(device, RollerView::new);
        String data = body;
        switch (type) {
            case OutboxMessageType.FEEDBACK -> view.onFeedback(body);
            case OutboxMessageType.TELEMETRY -> view.telemetry = body;
            case OutboxMessageType.ROLLER_INFO -> view.info = body;
            case OutboxMessageType.SESSION -> {
                view.session = body;
                view.currentStep = currentStepTitle(body);
            }
            case OutboxMessageType.COACH -> view.coach = body;
            case OutboxMessageType.ROLLER_STATUS -> {
                view.status = body.trim();
                StringBuilder sb = new StringBuilder("{\"device\":");
                Json.quote(sb, device).append(",\"status\":");
                data = Json.quote(sb, view.status).append('}').toString();
            }
            default -> {
                return;
            }
        }
        String event = OutboxMessageType.name(type);
        SseClient.Frame frame = new SseClient.Frame(encode(event, data),
            type == OutboxMessageType.TELEMETRY);
        for (SseClient client : clients) {
            if (client.wants(device)) {
                if (client.offer(frame)) {
                    relayed.incrementAndGet();
                } else {
                    dropped.incrementAndGet();
                    if (client.hasOverflowed()) {
                        closedSlow.incrementAndGet();
                    }
                }
            }
        }
        BiConsumer<String, String> observer = afterRelay;
        if (observer != null) {
            observer.accept(event, data);
        }
    }

    private SseClient.Frame hello(String roller) {
        StringBuilder sb = new StringBuilder(4096).append("{\"serverTimeMs\":").append(System.currentTimeMillis());
        sb.append(",\"display\":{\"speech\":").append(settings.speech())
            .append(",\"pinRequired\":").append(settings.isPinRequired()).append("},\"rollers\":[");
        if (roller != null) {
            views.getOrDefault(roller, new RollerView(roller)).appendState(sb);
        } else {
            boolean first = true;
            for (RollerView view : views.values()) {
                sb.append(first ? "" : ",");
                view.appendState(sb);
                first = false;
            }
        }
        sb.append("]}");
        return new SseClient.Frame(encode("hello", sb.toString()), false);
    }

    /** One SSE frame; a data line never holds a line break, so multi-line text is split as the format asks. */
    static byte[] encode(String event, String data) {
        StringBuilder sb = new StringBuilder(data.length() + 32).append("event: ").append(event).append('\n');
        for (String line : data.split("\r\n|\r|\n", -1)) {
            sb.append("data: ").append(line).append('\n');
        }
        return sb.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String currentStepTitle(String summary) {
        try {
            JsonNode root = JSON.readTree(summary);
            if (!root.path("active").asBoolean(false) || root.path("step").isNull()) {
                return null;
            }
            JsonNode step = root.path("steps").path(root.path("stepIndex").asInt(-1));
            return step.path("title").asText(root.path("step").asText(null));
        } catch (IOException | RuntimeException e) {
            return null; // the overview goes without the step; the page parses the summary itself
        }
    }

    Collection<RollerView> views() {
        return views.values();
    }

    RollerView view(String roller) {
        return views.get(roller);
    }

    int connected() {
        return connected;
    }

    long relayed() {
        return relayed.get();
    }

    long dropped() {
        return dropped.get();
    }

    long closedSlow() {
        return closedSlow.get();
    }
}
