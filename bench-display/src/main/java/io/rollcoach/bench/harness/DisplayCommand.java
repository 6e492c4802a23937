package io.rollcoach.bench.harness;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code display}: what the live page costs a browser. A {@code rollcoach demo} process plays a session at real time;
 * headless Chromium shows its roller page with the CPU throttled through CDP, and the harness reads the page's
 * main-thread work, its frames, the telemetry it receives, and the CPU of every Chromium process and of the gateway.
 */
@Command(name = "display", mixinStandardHelpOptions = true,
    description = "The live display page in headless Chromium, CPU-throttled to approximate a Raspberry Pi 4, fed by "
        + "a demo gateway at real time: page main-thread busy %%, frames/s, telemetry messages/s, Chromium's and the "
        + "gateway's CPU. Budget (ok=false and exit code 1 otherwise): fps >= 20, telemetry_hz >= 8, "
        + "page_busy_pct <= 50. Needs /usr/bin/chromium and /usr/bin/chromedriver.")
public final class DisplayCommand implements Callable<Integer> {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final long WARM_UP_MS = 5000;
    /** The demo plays full-session, 486 s at real time, and stops 10 s after: the run must be over by then. */
    private static final int MAX_SECONDS = 470;
    /** The trace scrolls at up to 30 frames a second while telemetry flows; the issue asks for 20 to 30. */
    private static final double MIN_FPS = 20;
    private static final double MIN_TELEMETRY_HZ = 8;
    private static final double MAX_PAGE_BUSY_PCT = 50;

    /**
     * Counts the telemetry messages the page receives without changing display.js: run before the page's own
     * scripts, it gives every EventSource the page opens one more listener.
     */
    private static final String TELEMETRY_COUNTER = """
        window.rollcoachBench = { telemetry: 0 };
        window.EventSource = class extends window.EventSource {
          constructor(url, init) {
            super(url, init);
            this.addEventListener('telemetry', () => window.rollcoachBench.telemetry++);
          }
        };
        """;

    @Option(names = "--seconds", paramLabel = "N",
        description = "Measured seconds after a 5 s warm-up (default 60, at most " + MAX_SECONDS + ").")
    int seconds = 60;

    @Option(names = "--throttle", paramLabel = "X",
        description = "CDP CPU throttling rate for the page (default 4, about a Raspberry Pi 4 against a 2-vCPU x86 "
            + "VM; 1: none). Budget: fps >= 20, telemetry_hz >= 8, page_busy_pct <= 50.")
    double throttle = 4;

    @Option(names = "--width", paramLabel = "PX", description = "Browser window width (default 1280).")
    int width = 1280;

    @Option(names = "--height", paramLabel = "PX", description = "Browser window height (default 720).")
    int height = 720;

    @Mixin
    GatewayJarOption jar = new GatewayJarOption();

    /** The counters read at each end of the measured window. */
    private record Reading(long nanos, double taskSeconds, long frames, long telemetry, Map<Long, Double> chromiumCpu,
                           double gatewayCpu) {
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            System.err.println("display: Chromium and its driver are needed (apt-get install chromium "
                + "chromium-driver), not found at " + CHROMIUM + " and " + CHROMEDRIVER);
            return 2;
        }
        if (seconds < 1 || seconds > MAX_SECONDS || throttle < 1) {
            System.err.println("display: --seconds must be from 1 to " + MAX_SECONDS + " (the demo's session lasts "
                + "486 s) and --throttle at least 1");
            return 2;
        }
        Path profile = Files.createTempDirectory("rollcoach-display-chromium-");
        ChromeDriver browser = null;
        // Real time (speed 1), any free ports: the page gets telemetry at the roller's 10 Hz, as on a Pi. The
        // service's collector, with a heap that leaves room for the demo's embedded broker.
        try (GatewayProcess gateway = new GatewayProcess(jar.gatewayJar, List.of("-Xmx128m", "-XX:+UseSerialGC"),
            List.of("demo", "--speed", "1", "--http-port", "0", "--mqtt-port", "0"))) {
            gateway.awaitLine("Display:", 60);
            String page = pageUrl(gateway.output());
            browser = startBrowser(profile);
            browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", TELEMETRY_COUNTER));
            browser.get(page);
            awaitDrawing(browser, page);
            browser.executeCdpCommand("Emulation.setCPUThrottlingRate", Map.of("rate", throttle));
            browser.executeCdpCommand("Performance.enable", Map.of());
            Thread.sleep(WARM_UP_MS);

            Reading start = read(browser, gateway, profile);
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            Reading end = read(browser, gateway, profile);

            double wall = (end.nanos - start.nanos) / 1e9;
            // CDP throttling on Linux signals the page's main thread every 200 us and spins in the handler for
            // (rate - 1) times as long as the thread ran since the last one, so every task takes about rate times
            // longer in wall time and TaskDuration, measured in wall time, grows with it: busy % is then about what
            // the main thread of a CPU that many times slower (a Pi 4 at rate 4) would be busy. The spinning goes on
            // while the page is idle too and burns about (rate - 1) / rate of a core, so chromium_cpu_pct is what
            // Chromium costs this machine only at --throttle 1.
            double pageBusy = 100 * (end.taskSeconds - start.taskSeconds) / wall;
            double fps = (end.frames - start.frames) / wall;
            double telemetryHz = (end.telemetry - start.telemetry) / wall;
            double chromiumCpu = 0;
            for (Map.Entry<Long, Double> process : end.chromiumCpu.entrySet()) {
                chromiumCpu += process.getValue() - start.chromiumCpu.getOrDefault(process.getKey(), 0.0);
            }
            chromiumCpu = 100 * chromiumCpu / wall;
            double gatewayCpu = 100 * (end.gatewayCpu - start.gatewayCpu) / wall;
            boolean ok = fps >= MIN_FPS && telemetryHz >= MIN_TELEMETRY_HZ && pageBusy <= MAX_PAGE_BUSY_PCT;
            System.out.printf("page url=%s chromium=%s window=%dx%d chromium_processes=%d frames=%d "
                + "telemetry_messages=%d task_seconds=%.2f wall_seconds=%.1f%n", page,
                browser.getCapabilities().getBrowserVersion(), width, height, end.chromiumCpu.size(),
                end.frames - start.frames, end.telemetry - start.telemetry, end.taskSeconds - start.taskSeconds, wall);
            System.out.printf("display seconds=%d throttle=%s page_busy_pct=%.1f fps=%.1f telemetry_hz=%.1f "
                + "chromium_cpu_pct=%.1f gateway_cpu_pct=%.1f ok=%b%n", seconds,
                BigDecimal.valueOf(throttle).stripTrailingZeros().toPlainString(), pageBusy, fps, telemetryHz,
                chromiumCpu, gatewayCpu, ok);
            return ok ? 0 : 1;
        } finally {
            if (browser != null) {
                browser.quit();
            }
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The roller page from the demo's "  Display:     http://127.0.0.1:PORT/roller/ID  (all rollers: ...)" line. */
    private static String pageUrl(List<String> output) throws IOException {
        for (String line : output) {
            String trimmed = line.trim();
            if (trimmed.startsWith("Display:")) {
                return trimmed.substring("Display:".length()).trim().split("\\s+")[0];
            }
        }
        throw new IOException("the demo named no display page:\n" + String.join("\n", output));
    }

    /** Headless Chromium with the flags of DisplayBrowserIT, its profile in {@code profile}. */
    private ChromeDriver startBrowser(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
            "--autoplay-policy=no-user-gesture-required");
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        service.sendOutputTo(OutputStream.nullOutputStream()); // chromedriver's banner would come before the summary
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return browser;
    }

    /** Waits until the page has drawn a frame and received telemetry: the stream is up and the roller rolling. */
    private static void awaitDrawing(ChromeDriver browser, String page) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (frames(browser) > 0 && telemetry(browser) > 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IOException(page + " drew no frame or received no telemetry in 30 s");
    }

    private Reading read(ChromeDriver browser, GatewayProcess gateway, Path profile) throws IOException {
        return new Reading(System.nanoTime(), taskSeconds(browser), frames(browser), telemetry(browser),
            chromiumCpu(profile), gateway.cpuSeconds());
    }

    private static long frames(ChromeDriver browser) {
        return ((Number) browser.executeScript("return window.rollcoach ? window.rollcoach.frames : 0;")).longValue();
    }

    private static long telemetry(ChromeDriver browser) {
        return ((Number) browser.executeScript("return window.rollcoachBench.telemetry;")).longValue();
    }

    /** Seconds the page's main thread has spent running tasks, from CDP's Performance.getMetrics. */
    private static double taskSeconds(ChromeDriver browser) throws IOException {
        List<?> metrics = (List<?>) browser.executeCdpCommand("Performance.getMetrics", Map.of()).get("metrics");
        for (Object metric : metrics) {
            Map<?, ?> named = (Map<?, ?>) metric;
            if ("TaskDuration".equals(named.get("name"))) {
                return ((Number) named.get("value")).doubleValue();
            }
        }
        throw new IOException("Performance.getMetrics gave no TaskDuration: " + metrics);
    }

    /**
     * CPU seconds of every Chromium process, by pid: those whose command line names our profile (the browser, its
     * zygotes, renderer, GPU and utility processes; chromedriver does not). A process that exits during the run
     * takes its CPU with it, but the page's processes live through it.
     */
    private static Map<Long, Double> chromiumCpu(Path profile) throws IOException {
        Map<Long, Double> cpu = new HashMap<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmdline.contains(profile.toString())) {
                        long pid = Long.parseLong(p.getFileName().toString());
                        cpu.put(pid, GatewayProcess.cpuSeconds(pid));
                    }
                } catch (IOException e) {
                    // the process ended while we looked
                }
            });
        }
        return cpu;
    }
}
