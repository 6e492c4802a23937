package io.rollcoach.gateway.serial;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import io.rollcoach.gateway.agent.AgentErrors;
import io.rollcoach.gateway.agent.WaitWhenIdle;
import io.rollcoach.gateway.agent.AgentThreads;
import io.rollcoach.gateway.input.FrameDispatcher;
import io.rollcoach.gateway.input.GuardedListener;
import io.rollcoach.gateway.input.RollerListener;
import io.rollcoach.protocol.FrameStats;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serial link to one roller. Owns one reader agent on a daemon thread, {@code roller-serial-<port>}, which reads
 * into one reused array, hands each chunk to the optional {@link ByteSink} tap and then to a {@link FrameDispatcher};
 * every {@link RollerListener} call comes on that thread. The agent also ticks the listener at least every 100 ms.
 *
 * <p>An unplug (a read error or exception, the device node gone, the port closed) is reported once through
 * {@link RollerListener#onLinkLost()} and one warning; the link then retries every 500 ms without logging, and on
 * success resets the decoder and calls {@link RollerListener#onLinkRestored()}. What the listener or the tap throws
 * is counted in {@link #errors()} (and logged sparingly) and reading goes on with the next frame. {@link #send} may be
 * called from any thread.
 */
public final class SerialLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SerialLink.class);

    /** Semi-blocking read timeout: bounds how long the thread waits before it can tick or check the port. */
    static final int READ_TIMEOUT_MS = 50;
    /** A write that cannot finish in this time means a stalled device; the caller loses one cue, never blocks long. */
    static final int WRITE_TIMEOUT_MS = 100;
    /** With a 50 ms read timeout this keeps ticks at most ~100 ms apart. */
    static final long TICK_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    static final long RETRY_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** A stat() on every read would cost a syscall per chunk; twice a second still finds an unplug within 2 s. */
    static final long EXISTS_CHECK_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    static final int READ_BUFFER_LENGTH = 4096;
    /** A read returns within its 50 ms timeout: a second is ample, and a stuck native read cannot hold a stop. */
    static final int CLOSE_WAIT_MS = 1000;

    private final SerialLinkConfig config;
    private final RollerListener listener;
    private final FrameDispatcher dispatcher;
    private final ByteSink tap;
    /** The device node to watch; null where there is none to stat (Windows COM ports). */
    private final Path node;
    private final byte[] readBuffer = new byte[READ_BUFFER_LENGTH];
    private final Object writeLock = new Object();
    private final AgentErrors errors;
    private final AgentRunner runner;

    /** Written by the reader thread (and by start() before the thread runs); read by send(). */
    private volatile SerialPort port;
    private volatile boolean running;
    private boolean started;
    private boolean lostReported;
    private long nextOpenAttemptNanos;
    private long nextExistsCheckNanos;
    private long lastTickNanos;

    public SerialLink(SerialLinkConfig config, RollerListener listener) {
        this(config, listener, null);
    }

    /** @param tap receives every raw chunk read, before decoding (capture recording); may be null */
    public SerialLink(SerialLinkConfig config, RollerListener listener, ByteSink tap) {
        this.config = Objects.requireNonNull(config, "config");
        Reader reader = new Reader();
        this.errors = new AgentErrors(reader.roleName());
        this.listener = new GuardedListener(Objects.requireNonNull(listener, "listener"), errors);
        this.dispatcher = new FrameDispatcher(this.listener);
        this.tap = tap;
        this.node = deviceNode(config.port());
        this.runner = new AgentRunner(new ReadIdle(), errors, null, reader);
    }

    public SerialLinkConfig config() {
        return config;
    }

    /** The decoder's counters since the link was created; safe to read from any thread. */
    public FrameStats stats() {
        return dispatcher.stats();
    }

    /** The reader agent's errors: what the listener, the tap or the agent itself threw. */
    public AgentErrors errors() {
        return errors;
    }

    /** Whether the port is open right now. */
    public boolean isOpen() {
        return port != null;
    }

    /**
     * Opens the port and starts the reader thread.
     *
     * @param waitForPort false: fail if the port cannot be opened now; true: log why once and keep trying every
     *                    500 ms, reporting the first success as {@link RollerListener#onLinkRestored()}
     * @throws SerialLinkException if the first open fails and {@code waitForPort} is false; the message names the
     *                             port, what was checked and what to try
     */
    public void start(boolean waitForPort) throws SerialLinkException {
        if (started) {
            throw new IllegalStateException("serial link " + config.port() + " already started");
        }
        SerialLinkException failure = null;
        try {
            // opened here rather than in the agent's onStart: a port that is not there must fail start() itself
            port = open();
        } catch (SerialLinkException e) {
            if (!waitForPort) {
                throw e;
            }
            failure = e;
        }
        started = true;
        running = true;
        if (failure != null) {
            LOG.error("{}; waiting for it, retrying every {} ms", failure.getMessage(),
                TimeUnit.NANOSECONDS.toMillis(RETRY_INTERVAL_NANOS));
            lostReported = true; // there is no link yet: the first open is reported as restored
        } else {
            LOG.info("reading roller on serial port {} at {} baud", config.port(), config.baud());
        }
        AgentThreads.start(runner);
    }

    /**
     * Sends a gateway-to-roller frame (CUE, CONFIGURE), already encoded with its delimiter.
     *
     * @return true if all of it was written; false if the port is not open or the write failed or timed out
     */
    public boolean send(byte[] frame, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, frame.length);
        synchronized (writeLock) { // two frames must not interleave on the wire
            SerialPort current = port;
            if (current == null) {
                return false;
            }
            return current.writeBytes(frame, length, offset) == length;
        }
    }

    /** Stops the reader agent and closes the port; waits at most about a second. */
    @Override
    public void close() {
        running = false;
        if (started && !AgentThreads.close(runner, CLOSE_WAIT_MS)) {
            LOG.warn("the reader of serial port {} did not stop within {} ms; closing the port under it",
                config.port(), CLOSE_WAIT_MS);
        }
        closePort(); // the agent closes it on its way out; this covers a link never started or one that hung
    }

    /** The reader's duty cycle: one semi-blocking read (or, while the port is away, one open attempt when due). */
    private final class Reader implements Agent {
        @Override
        public void onStart() {
            long now = System.nanoTime();
            lastTickNanos = now;
            nextExistsCheckNanos = now + EXISTS_CHECK_INTERVAL_NANOS;
            nextOpenAttemptNanos = now + RETRY_INTERVAL_NANOS;
        }

        @Override
        public int doWork() {
            SerialPort current = port;
            return current == null ? reconnectStep() : readStep(current);
        }

        @Override
        public void onClose() {
            closePort();
        }

        @Override
        public String roleName() {
            return "roller-serial-" + config.port();
        }
    }

    /**
     * With the port open, never waits: the read itself waited (up to 50 ms) and returns as soon as bytes arrive, so
     * a backing-off strategy would only add latency. With the port away, sleeps until the next tick or open attempt.
     */
    private final class ReadIdle extends WaitWhenIdle {
        @Override
        public void idle() {
            if (port != null) {
                return;
            }
            long now = System.nanoTime();
            long sleep = Math.min(lastTickNanos + TICK_INTERVAL_NANOS - now, nextOpenAttemptNanos - now);
            if (sleep > 0 && running) {
                LockSupport.parkNanos(this, sleep);
            }
        }
    }

    /** @return the bytes read */
    private int readStep(SerialPort current) {
        int read;
        try {
            read = current.readBytes(readBuffer, readBuffer.length, 0);
        } catch (RuntimeException e) {
            // jSerialComm reports trouble by a negative count; an exception from the port is an unplug all the same
            onLost(System.nanoTime(), "read failed: " + e);
            return 0;
        }
        long now = System.nanoTime();
        if (read > 0) {
            if (tap != null) {
                try {
                    tap.onBytes(readBuffer, 0, read);
                } catch (RuntimeException e) {
                    errors.onError(e); // a capture that cannot write must not cost the roller its frames
                }
            }
            dispatcher.onBytes(readBuffer, 0, read);
        } else if (read < 0 || !current.isOpen()) {
            onLost(now, read < 0 ? "read failed, error " + current.getLastErrorCode() : "port closed");
            return 0;
        }
        if (node != null && now - nextExistsCheckNanos >= 0) {
            nextExistsCheckNanos = now + EXISTS_CHECK_INTERVAL_NANOS;
            if (!Files.exists(node)) {
                onLost(now, node + " no longer exists");
                return read;
            }
        }
        tickIfDue(now);
        return read;
    }

    /** @return 1 when the port opened again, else 0 (the idle strategy then sleeps until a tick or attempt is due) */
    private int reconnectStep() {
        long now = System.nanoTime();
        if (now - nextOpenAttemptNanos >= 0) {
            nextOpenAttemptNanos = now + RETRY_INTERVAL_NANOS;
            SerialPort reopened = tryOpenQuietly();
            if (reopened != null) {
                port = reopened;
                dispatcher.onReconnect();
                lostReported = false;
                nextExistsCheckNanos = now + EXISTS_CHECK_INTERVAL_NANOS;
                LOG.info("serial port {} open again, reading the roller", config.port());
                listener.onLinkRestored();
                tickIfDue(System.nanoTime());
                return 1;
            }
        }
        tickIfDue(System.nanoTime());
        return 0;
    }

    private void tickIfDue(long now) {
        if (now - lastTickNanos >= TICK_INTERVAL_NANOS) {
            lastTickNanos = now;
            listener.onTick(now);
        }
    }

    private void onLost(long now, String reason) {
        closePort();
        nextOpenAttemptNanos = now + RETRY_INTERVAL_NANOS;
        if (!running || jvmStopping()) {
            // a stop, not an unplug: close() or jSerialComm's own shutdown hook closed the port under the read
            lostReported = true;
            return;
        }
        if (!lostReported) {
            lostReported = true;
            LOG.warn("lost the roller on serial port {} ({}); retrying every {} ms", config.port(), reason,
                TimeUnit.NANOSECONDS.toMillis(RETRY_INTERVAL_NANOS));
            listener.onLinkLost();
        }
    }

    private void closePort() {
        SerialPort current;
        synchronized (writeLock) { // so that send() never writes to a port being closed
            current = port;
            port = null;
        }
        if (current != null) {
            current.closePort();
        }
    }

    private SerialPort tryOpenQuietly() {
        try {
            return open();
        } catch (SerialLinkException e) {
            return null; // the unplug was logged once; retries stay silent
        }
    }

    /** A fresh SerialPort on every attempt: jSerialComm's object for an unplugged device is not reusable. */
    private SerialPort open() throws SerialLinkException {
        SerialPort candidate;
        try {
            candidate = SerialPort.getCommPort(config.port());
        } catch (SerialPortInvalidPortException e) {
            throw new SerialLinkException(config.port(), PortProblem.describe(config.port(), node, -1,
                e.getMessage()));
        }
        candidate.setComPortParameters(config.baud(), 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        candidate.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        candidate.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
            READ_TIMEOUT_MS, WRITE_TIMEOUT_MS);
        if (!candidate.openPort()) {
            throw new SerialLinkException(config.port(), PortProblem.describe(config.port(), node,
                candidate.getLastErrorCode(), null));
        }
        return candidate;
    }

    private static final Thread NEVER_REGISTERED = new Thread(() -> { }, "never-run");

    /** Whether the JVM is running its shutdown hooks (Ctrl-C, SIGTERM), which may close our port before close(). */
    static boolean jvmStopping() {
        try {
            Runtime.getRuntime().removeShutdownHook(NEVER_REGISTERED);
            return false;
        } catch (IllegalStateException shuttingDown) {
            return true;
        }
    }

    /** The file to watch for an unplug: the path as configured (a by-id link vanishes with its device). */
    static Path deviceNode(String port) {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return null;
        }
        return port.indexOf('/') >= 0 ? Path.of(port) : Path.of("/dev", port);
    }
}
