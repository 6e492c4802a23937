package io.rollcoach.gateway.serial;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Two pseudo-terminals joined by socat, reached through stable symlinks {@code /tmp/rc-XXX-a} and {@code -b}: what
 * the roller writes to one end comes out of the other. Killing socat and starting it again with the same links is
 * how an unplug and replug look to a reader. Linux only; CI installs socat.
 */
public final class SocatPair implements AutoCloseable {
    private static final long LINK_WAIT_MS = 5_000;

    private final Path a;
    private final Path b;
    private final Path log;
    private Process process;

    private SocatPair(String name) throws IOException {
        String base = "/tmp/rc-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
        a = Path.of(base + "-a");
        b = Path.of(base + "-b");
        log = Files.createTempFile("rc-socat-", ".log");
    }

    /** Starts socat; fails the test with a clear message when socat is not installed. */
    public static SocatPair start(String name) throws IOException, InterruptedException {
        SocatPair pair = new SocatPair(name);
        pair.launch();
        return pair;
    }

    /** The roller's end (write frames here). */
    public String a() {
        return a.toString();
    }

    /** The gateway's end (open the link here). */
    public String b() {
        return b.toString();
    }

    /** Unplugs: stops socat, which removes both links, and waits until it has gone. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy(); // SIGTERM: socat removes its links on the way out
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        process = null;
        deleteLinks();
    }

    /** Replugs: a new socat with the same link names (new /dev/pts numbers behind them). */
    public void restart() throws IOException, InterruptedException {
        kill();
        launch();
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (process != null) {
                process.destroyForcibly();
            }
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a temp file left behind is harmless
        }
    }

    private void launch() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("socat", "-d", "-d",
            "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            fail("socat is not installed (or not on PATH): the serial integration tests need it to make a "
                + "pseudo-terminal pair; install it with `apt-get install socat`. (" + e.getMessage() + ")");
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINK_WAIT_MS);
        while (!(Files.exists(a) && Files.exists(b))) {
            if (!process.isAlive()) {
                fail("socat exited with " + process.exitValue() + " before making " + a + " and " + b + ": "
                    + Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                kill();
                fail("socat did not make " + a + " and " + b + " within " + LINK_WAIT_MS + " ms: "
                    + Files.readString(log));
            }
            Thread.sleep(10);
        }
    }

    private void deleteLinks() {
        try {
            Files.deleteIfExists(a);
            Files.deleteIfExists(b);
        } catch (IOException e) {
            // the next launch uses the same names and fails clearly if they are stuck
        }
    }
}
