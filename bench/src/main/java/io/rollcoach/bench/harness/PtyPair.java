package io.rollcoach.bench.harness;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Two pseudo-terminals joined by socat: the harness writes a roller's frames into {@link #rollerEnd()}, the gateway
 * reads {@link #gatewayEnd()}. Killing socat and starting it again with the same links is an unplug and replug.
 */
final class PtyPair implements AutoCloseable {
    private final Path a;
    private final Path b;
    private Process socat;
    private FileOutputStream out;

    PtyPair(String name) throws IOException, InterruptedException {
        String base = "/tmp/rc-bench-" + name + "-" + UUID.randomUUID().toString().substring(0, 6);
        a = Path.of(base + "-a");
        b = Path.of(base + "-b");
        start();
    }

    void start() throws IOException, InterruptedException {
        try {
            socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("socat is needed for the harness's pseudo-terminals: apt-get install socat", e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(a) && Files.exists(b))) {
            if (System.nanoTime() > deadline || !socat.isAlive()) {
                throw new IOException("socat did not make " + a + " and " + b);
            }
            Thread.sleep(10);
        }
        out = new FileOutputStream(a.toFile());
    }

    /** Unplugs: socat goes, both ends vanish. */
    void unplug() throws InterruptedException {
        closeOut();
        socat.destroy();
        socat.waitFor(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((Files.exists(a) || Files.exists(b)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    String rollerEnd() {
        return a.toString();
    }

    String gatewayEnd() {
        return b.toString();
    }

    /** Writes one frame; false while unplugged. */
    boolean write(byte[] frame, int offset, int length) {
        FileOutputStream stream = out;
        if (stream == null) {
            return false;
        }
        try {
            stream.write(frame, offset, length);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void closeOut() {
        FileOutputStream stream = out;
        out = null;
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // gone already
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        unplug();
    }
}
