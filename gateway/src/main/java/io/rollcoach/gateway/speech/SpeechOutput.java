package io.rollcoach.gateway.speech;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollcoach.gateway.agent.AgentErrors;
import io.rollcoach.gateway.agent.AgentThreads;
import io.rollcoach.gateway.outbox.Outbox;
import io.rollcoach.gateway.outbox.OutboxHandler;
import io.rollcoach.gateway.outbox.OutboxIdleStrategy;
import io.rollcoach.gateway.outbox.OutboxMessageType;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks the coach on the gateway's own speaker through espeak-ng (Debian's {@code espeak-ng} package), by the
 * rules of {@link SpeechRules}. Two threads of its own: the {@code speech} agent drains its outbox subscription (COACH
 * and FEEDBACK, woken by the engines' writes) and decides; {@code speech-voice} runs espeak-ng one utterance at a time.
 * The voice is a plain worker, not an agent: each utterance blocks on a process for a second or more, which no duty
 * cycle should. Between them a queue of {@link #QUEUE} utterances: when espeak-ng is slower than the coach, the newest
 * is dropped and counted. The engine never waits for either. Without espeak-ng it says so once and turns itself off.
 * Errors of either thread are counted ({@link #errors()}) and logged sparingly; both go on.
 */
public final class SpeechOutput implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpeechOutput.class);
    /** Utterances waiting, at most: more would be old news by the time they were said. */
    static final int QUEUE = 4;
    static final int KEPT = 32;
    /** With nothing written, the rules are still asked this often what is due (a focus said again). */
    private static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final int CLOSE_WAIT_MS = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SpeechSettings settings;
    private final Outbox.Subscription subscription;
    private final SpeechRules rules;
    private final ArrayBlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong spoken = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** The last {@link #KEPT} utterances, newest last: a gateway that runs for months keeps only these. */
    private final ArrayDeque<String> said = new ArrayDeque<>();
    private final OutboxHandler onMessage = this::onMessage;
    private final AgentErrors deciderErrors = new AgentErrors("speech");
    private final AgentErrors voiceErrors = new AgentErrors("speech-voice");
    private final AgentRunner decider;
    private final Thread voice;
    private volatile boolean running;
    private volatile String problem;
    private int files;

    public SpeechOutput(SpeechSettings settings, Outbox.Subscription subscription) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.subscription = Objects.requireNonNull(subscription, "subscription");
        this.rules = new SpeechRules(settings.repeatSeconds());
        this.decider = new AgentRunner(new OutboxIdleStrategy(subscription, WAIT_NANOS), deciderErrors, null,
            new Decider());
        this.voice = new Thread(this::speak, voiceErrors.roleName());
        voice.setDaemon(true);
    }

    /** The kinds this output reads: subscribe with these before the engines start. */
    public static int[] messageTypes() {
        return new int[] {OutboxMessageType.COACH, OutboxMessageType.FEEDBACK};
    }

    public SpeechOutput start() {
        running = true;
        AgentThreads.start(decider);
        voice.start();
        LOG.info("speech: on, through {}{}", settings.command(), settings.outputDir() == null ? ""
            : " into WAV files in " + settings.outputDir());
        return this;
    }

    /** Takes in what the engines said and queues what is to be said now. */
    private final class Decider implements Agent {
        @Override
        public int doWork() {
            int work = subscription.poll(onMessage, 64);
            enqueue(rules.due(System.nanoTime()));
            return work;
        }

        @Override
        public String roleName() {
            return deciderErrors.roleName();
        }
    }

    private void onMessage(int type, String device, DirectBuffer buffer, int offset, int length) {
        byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        JsonNode message;
        try {
            message = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return; // not JSON: nothing to say
        }
        long now = System.nanoTime();
        enqueue(type == OutboxMessageType.COACH ? rules.onCoach(device, message, now)
            : rules.onFeedback(device, message, now));
    }

    private void enqueue(List<String> texts) {
        for (String text : texts) {
            if (problem != null) {
                return;
            }
            if (!queue.offer(text)) {
                dropped.incrementAndGet();
            }
        }
    }

    /** Runs {@code espeak-ng --version} once, so a missing program is said at start, not at the first warning. */
    private void check() {
        try {
            Process process = new ProcessBuilder(settings.command(), "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            turnOff(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void turnOff(IOException e) {
        problem = settings.command() + " cannot be run: " + e.getMessage();
        LOG.error("speech: {} cannot be run ({}): install Debian's espeak-ng package (sudo apt-get install espeak-ng) "
            + "or set speech.enabled: false. Speech is off until the gateway restarts.", settings.command(),
            e.getMessage());
        queue.clear();
    }

    private void speak() {
        try {
            check();
        } catch (RuntimeException e) {
            voiceErrors.onError(e); // the first utterance tries again, and says why it cannot
        }
        while (running) {
            String text;
            try {
                text = queue.poll(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (text != null && problem == null) {
                try {
                    say(text);
                } catch (RuntimeException e) {
                    voiceErrors.onError(e); // one utterance lost, the voice goes on
                }
            }
        }
    }

    private void say(String text) {
        List<String> command = new ArrayList<>(List.of(settings.command(), "-s",
            String.valueOf(settings.wordsPerMinute())));
        if (settings.voice() != null) {
            command.add("-v");
            command.add(settings.voice());
        }
        if (settings.outputDir() != null) {
            command.add("-w");
            command.add(settings.outputDir().resolve(String.format("speech-%04d.wav", ++files)).toString());
        }
        command.add("--");
        command.add(text);
        try {
            if (settings.outputDir() != null) {
                Files.createDirectories(settings.outputDir());
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            if (process.exitValue() != 0) {
                LOG.warn("speech: {} exited with {}: {}", settings.command(), process.exitValue(),
                    new String(output, StandardCharsets.UTF_8).trim());
                return;
            }
            synchronized (said) {
                if (said.size() == KEPT) {
                    said.removeFirst();
                }
                said.addLast(text);
            }
            spoken.incrementAndGet();
        } catch (IOException e) {
            turnOff(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last utterances said (or written), oldest first: for tests and health. */
    public List<String> said() {
        synchronized (said) {
            return List.copyOf(said);
        }
    }

    public long spoken() {
        return spoken.get();
    }

    public long dropped() {
        return dropped.get();
    }

    /** The error counts of the {@code speech} agent and the {@code speech-voice} worker. */
    public List<AgentErrors> errors() {
        return List.of(deciderErrors, voiceErrors);
    }

    /** Why speech turned itself off (espeak-ng missing), or null. */
    public String problem() {
        return problem;
    }

    @Override
    public void close() {
        running = false;
        if (!AgentThreads.close(decider, CLOSE_WAIT_MS)) {
            LOG.warn("speech: the {} agent did not stop within {} ms", deciderErrors.roleName(), CLOSE_WAIT_MS);
        }
        try {
            voice.interrupt();
            voice.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
