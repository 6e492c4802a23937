package io.rollcoach.gateway.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

/** The built gateway jar run as a separate process, as a user runs it; its output lines kept for assertions. */
final class JarProcess implements AutoCloseable {
    static final Path JAR = Path.of("target/rollcoach.jar");

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    JarProcess(String... args) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath()
                + " is missing: run 'mvn package' (failsafe runs after it)");
        }
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // a storage folder of its own: a gateway refuses a folder another one (a developer's demo) holds
        builder.environment().put("ROLLCOACH_HOME", Files.createTempDirectory("rollcoach-home").toString());
        process = builder.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "jar-output");
        reader.setDaemon(true);
        reader.start();
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits for a line matching {@code regex} and returns its first group. */
    String await(String regex, Duration timeout) {
        Pattern pattern = Pattern.compile(regex);
        String[] found = new String[1];
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (String line : lines) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    found[0] = m.groupCount() > 0 ? m.group(1) : line;
                    return true;
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("the process ended (exit " + process.exitValue() + ") before printing /"
                    + regex + "/; it printed:\n" + String.join("\n", lines));
            }
            return false;
        });
        return found[0];
    }

    Process process() {
        return process;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
