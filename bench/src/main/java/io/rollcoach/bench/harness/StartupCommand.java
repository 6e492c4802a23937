package io.rollcoach.bench.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code startup}: time from starting the gateway's JVM to its first feedback event. {@code demo}: the first feedback
 * line it prints (its broker, HiveMQ, embedded); {@code run}: the first feedback message an MQTT subscriber gets
 * from {@code run --simulate} against an external broker. Each run is bounded (60 s) and runs one after another.
 */
@Command(name = "startup", mixinStandardHelpOptions = true,
    description = "Time from the gateway's process start to its first feedback event: demo's first feedback line, or "
        + "the first feedback message on MQTT from run --simulate against a broker (--mode run). Prints each run and "
        + "the median.")
public final class StartupCommand implements Callable<Integer> {
    private static final Pattern FEEDBACK_LINE = Pattern.compile("^\\s*\\d+\\.\\d+ s\\s+\\w+\\s+");
    private static final long RUN_TIMEOUT_S = 60;

    @Option(names = "--mode", paramLabel = "demo|run", description = "What to start (default demo).")
    String mode = "demo";

    @Option(names = "--runs", paramLabel = "N", description = "Starts to time (default 5); the first one warms the "
        + "page cache and is reported apart.")
    int runs = 5;

    @Option(names = "--jvm", paramLabel = "FLAGS", split = " ",
        description = "JVM flags for the gateway (default none).")
    List<String> jvm = List.of();

    @Option(names = "--cds", paramLabel = "ARCHIVE", description = "Use this AppCDS archive (-XX:SharedArchiveFile), "
        + "making it first with one untimed demo when it does not exist, and SQLite's native library beside it, "
        + "both as rollcoach --make-cds-archive does.")
    Path cds;

    @Mixin
    BrokerOptions brokerOptions = new BrokerOptions();

    @Mixin
    GatewayJarOption jar = new GatewayJarOption();

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || runs > 50) {
            System.err.println("startup: --runs must be from 1 to 50, was " + runs);
            return 2;
        }
        List<String> flags = new ArrayList<>(jvm);
        // a home of its own: a demo claims ~/.rollcoach, and one already running there (another demo) would stop it
        String home = "-Duser.home=" + Files.createTempDirectory("rollcoach-startup-home-");
        flags.add(home);
        if (cds != null) {
            if (!Files.exists(cds)) {
                makeArchive(home);
                System.out.println("startup: made " + cds + " (" + Files.size(cds) / (1 << 20) + " MB)");
            }
            flags.add("-XX:SharedArchiveFile=" + cds);
            // and, as the package's launcher does, SQLite's native library written out of the jar once
            String sqliteName = cds.getFileName() + ".libsqlitejdbc.so";
            Path dir = cds.toAbsolutePath().getParent();
            if (!Files.exists(dir.resolve(sqliteName))) {
                run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    jar.gatewayJar.toString(), "io.rollcoach.gateway.app.ExportSqliteLibrary", dir.toString(),
                    sqliteName));
            }
            flags.add("-Dorg.sqlite.lib.path=" + dir);
            flags.add("-Dorg.sqlite.lib.name=" + sqliteName);
        }
        double[] ms = new double[runs];
        try (BrokerOptions.BrokerHandle broker = mode.equals("run") ? brokerOptions.broker() : null) {
            for (int i = 0; i < runs; i++) {
                ms[i] = mode.equals("run") ? timeRun(flags, broker.url(), i) : timeDemo(flags);
                System.out.printf("startup %s run=%d first_event_ms=%.0f%n", mode, i + 1, ms[i]);
            }
        }
        double[] timed = runs > 1 ? Arrays.copyOfRange(ms, 1, runs) : ms;
        Arrays.sort(timed);
        System.out.printf("startup %s median_ms=%.0f min_ms=%.0f max_ms=%.0f runs=%d (the first apart) jvm=%s%n", mode,
            timed[timed.length / 2], timed[0], timed[timed.length - 1], timed.length, flags);
        return 0;
    }

    /**
     * As {@code rollcoach --make-cds-archive} does: the classes a short demo with a history loads (SQLite's too), then
     * a static archive of them. A static one, not {@code -XX:ArchiveClassesAtExit}: Java 17 leaves classes of class
     * file versions before 50 out of a dynamic archive, and picocli's are version 49.
     */
    private void makeArchive(String home) throws IOException, InterruptedException {
        Path classList = Files.createTempFile("rollcoach-cds-", ".classlist");
        Path history = Files.createTempDirectory("rollcoach-cds-history-");
        List<String> demo = new ArrayList<>(GatewayProcess.javaCommand(jar.gatewayJar,
            List.of(home, "-XX:DumpLoadedClassList=" + classList)));
        demo.addAll(List.of("demo", "--mqtt-port", "0", "--http-port", "0", "--speed", "20", "--duration", "8",
            "--history-dir", history.toString()));
        run(demo);
        run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:dump",
            "-XX:SharedClassListFile=" + classList, "-XX:SharedArchiveFile=" + cds, "-cp", jar.gatewayJar.toString()));
        Files.deleteIfExists(classList);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    private double timeDemo(List<String> flags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(GatewayProcess.javaCommand(jar.gatewayJar, flags));
        command.addAll(List.of("demo", "--mqtt-port", "0", "--http-port", "0", "--duration", "20"));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8))) {
            long deadline = start + TimeUnit.SECONDS.toNanos(RUN_TIMEOUT_S);
            for (String line; System.nanoTime() < deadline && (line = out.readLine()) != null; ) {
                if (FEEDBACK_LINE.matcher(line).find()) {
                    return (System.nanoTime() - start) / 1e6;
                }
            }
            throw new IOException("demo printed no feedback line in " + RUN_TIMEOUT_S + " s");
        } finally {
            stop(process);
        }
    }

    private double timeRun(List<String> flags, String brokerUrl, int run) throws Exception {
        // a topic tree of its own, so no retained message of an earlier run counts
        String base = "startup" + ProcessHandle.current().pid() + "r" + run;
        Path dir = Files.createTempDirectory("rollcoach-startup-");
        Files.writeString(dir.resolve("startup.yaml"), "gateway: {id: startup}\nmqtt: {url: " + brokerUrl
            + ", baseTopic: " + base + "}\ndisplay: {port: 0}\nstorage: {dir: " + dir + "}\n");
        long[] firstNanos = {0};
        Object arrived = new Object();
        try (SocketMqttClient subscriber = new SocketMqttClient(brokerUrl, List.of(base + "/+/feedback"), new int[] {0},
            (topic, payload, at) -> {
                synchronized (arrived) {
                    if (firstNanos[0] == 0) {
                        firstNanos[0] = at;
                        arrived.notifyAll();
                    }
                }
            })) {
            List<String> command = new ArrayList<>(GatewayProcess.javaCommand(jar.gatewayJar, flags));
            command.addAll(List.of("run", "--config", dir.resolve("startup.yaml").toString(), "--simulate",
                "full-session"));
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                synchronized (arrived) {
                    long deadline = start + TimeUnit.SECONDS.toNanos(RUN_TIMEOUT_S);
                    while (firstNanos[0] == 0 && System.nanoTime() < deadline && process.isAlive()) {
                        arrived.wait(100);
                    }
                }
                if (firstNanos[0] == 0) {
                    throw new IOException("no feedback on " + base + "/+/feedback in " + RUN_TIMEOUT_S + " s");
                }
                return (firstNanos[0] - start) / 1e6;
            } finally {
                stop(process);
            }
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
