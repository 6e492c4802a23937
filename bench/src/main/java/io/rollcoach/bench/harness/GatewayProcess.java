package io.rollcoach.bench.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * {@code rollcoach run} (or {@code demo}) as its own process, as on a Pi; its output kept, its CPU and memory read
 * from /proc.
 */
final class GatewayProcess implements AutoCloseable {
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    GatewayProcess(Path jar, List<String> jvmArgs, List<String> args) throws IOException {
        this(javaCommand(jar, jvmArgs), args);
    }

    /**
     * @param launcher the command line before the gateway's arguments: {@link #javaCommand} or, to measure
     *                 something else against the same harness, another program that takes the same arguments
     */
    GatewayProcess(List<String> launcher, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(args);
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                for (String line; (line = in.readLine()) != null; ) {
                    output.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "gateway-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** {@code java [jvmArgs] -jar jar}, with the JVM that runs the harness. */
    static List<String> javaCommand(Path jar, List<String> jvmArgs) throws IOException {
        if (!Files.exists(jar)) {
            throw new IOException(jar + " is missing: build it first (mvn -B -q package -DskipTests)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    void awaitLine(String text, long seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (output.stream().anyMatch(l -> l.contains(text))) {
                return;
            }
            if (!process.isAlive()) {
                throw new IOException("the gateway exited (" + process.exitValue() + "):\n"
                    + String.join("\n", output));
            }
            Thread.sleep(50);
        }
        throw new IOException("the gateway did not say '" + text + "' in " + seconds + " s:\n"
            + String.join("\n", output));
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    List<String> output() {
        return List.copyOf(output);
    }

    /** CPU seconds (user + system) the process has used, from /proc. */
    double cpuSeconds() throws IOException {
        return cpuSeconds(pid());
    }

    /** CPU seconds (user + system) process {@code pid} has used, from /proc. */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // CLK_TCK is 100 on Linux
    }

    /** Resident set size in MB, from /proc. */
    double rssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
