package io.rollcoach.gateway.display;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The live page in a real headless Chromium, fed by a real engine playing the simulator at real time or faster.
 * With {@code -Drollcoach.screenshots=docs} it also writes docs/display-phone.png and docs/display-landscape.png.
 */
class DisplayBrowserIT {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private Path profile;
    private ChromeDriver browser;

    @BeforeEach
    void openBrowser() throws IOException {
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            Assumptions.assumeTrue(false, "no " + CHROMIUM + " or " + CHROMEDRIVER + ": install chromium and "
                + "chromium-driver (apt-get install chromium chromium-driver) to run the display test");
        }
        profile = Files.createTempDirectory("rollcoach-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,720",
            "--autoplay-policy=no-user-gesture-required");
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void shouldShowTheStepTheTraceAMistakeAndTheAnswerToNextStep() throws Exception {
        AtomicLong mistakeRelayedAtMs = new AtomicLong();
        try (DisplayRig rig = new DisplayRig(DisplayRig.local(null), 2, "strokes-too-long", "good-technique")) {
            rig.server.afterRelay((event, data) -> {
                if (event.equals("feedback") && data.contains("Shorter strokes")) {
                    mistakeRelayedAtMs.compareAndSet(0, System.currentTimeMillis());
                }
            });
            browser.get(rig.url("/roller/" + DisplayRig.ROLLER));
            await().atMost(Duration.ofSeconds(10)).until(() -> "Roller not connected".equals(text("banner")));
            rig.roll();

            await().atMost(Duration.ofSeconds(15)).until(() -> text("step-title").equals("Soleus"));
            assertEquals("left leg", text("leg").toLowerCase());
            assertEquals("online", text("link"));
            assertEquals("", text("banner"), "connected: no banner");

            String before = plotted();
            await().atMost(Duration.ofSeconds(10)).until(() -> !plotted().equals(before));

            await().atMost(Duration.ofSeconds(30)).until(() -> mistakeRelayedAtMs.get() != 0);
            await().atMost(Duration.ofSeconds(5)).until(() -> shownAtMs("Shorter strokes") > 0);
            long lagMs = shownAtMs("Shorter strokes") - mistakeRelayedAtMs.get();
            assertTrue(lagMs < 1000, "the mistake reached the page " + lagMs + " ms after the relay sent it");
            assertTrue(browser.findElement(By.id("history")).getText().contains("Shorter strokes"));

            int stepEvents = stepEvents(rig);
            browser.findElement(By.cssSelector("button[data-cmd='step/next']")).click();
            await().atMost(Duration.ofSeconds(10)).until(() -> text("answer").startsWith("✓ now: "));
            assertTrue(text("answer").contains("Lateral soleus"), text("answer"));
            await().atMost(Duration.ofSeconds(5)).until(() -> stepEvents(rig) > stepEvents);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals("Lateral soleus", text("step-title")));
        }
    }

    @Test
    void shouldFitPhoneAndLandscapeScreens() throws Exception {
        String folder = System.getProperty("rollcoach.screenshots");
        try (DisplayRig rig = new DisplayRig(DisplayRig.local(null), 5, "full-session")) {
            browser.get(rig.url("/roller/" + DisplayRig.ROLLER));
            await().atMost(Duration.ofSeconds(10)).until(() -> !text("banner").equals("Connecting…"));
            rig.roll();
            // mid-session: the third step, rolling, with a point being worked
            await().atMost(Duration.ofSeconds(40)).until(() -> text("step-title").equals("Medial soleus")
                && browser.findElement(By.id("v-dwell")).getText().endsWith(" s"));
            for (Map.Entry<String, int[]> screen : Map.of("phone", new int[] {390, 844, 2},
                "landscape", new int[] {1280, 720, 1}).entrySet()) {
                int[] size = screen.getValue();
                browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", size[0],
                    "height", size[1], "deviceScaleFactor", size[2], "mobile", size[0] < size[1]));
                long frames = frames();
                await().atMost(Duration.ofSeconds(5)).until(() -> frames() > frames + 3); // laid out and redrawn
                Map<?, ?> layout = (Map<?, ?>) js("const r = document.getElementById('message-text')"
                    + ".getBoundingClientRect(); return {width: innerWidth, scroll: document.documentElement.scrollWidth,"
                    + " fontPx: parseFloat(getComputedStyle(document.getElementById('step-title')).fontSize),"
                    + " messageTop: r.top};");
                assertEquals(((Number) layout.get("width")).longValue(), ((Number) layout.get("scroll")).longValue(),
                    screen.getKey() + ": nothing wider than the screen " + layout);
                assertTrue(((Number) layout.get("fontPx")).doubleValue() >= 32, "step title legible at 2 m " + layout);
                assertTrue(((Number) layout.get("messageTop")).doubleValue() < size[1] / 2.0,
                    "the coaching message is in the top half " + layout);
                byte[] png = browser.getScreenshotAs(OutputType.BYTES);
                assertTrue(png.length > 10_000, "a real picture");
                if (folder != null) {
                    Path dir = Path.of(folder).isAbsolute() ? Path.of(folder)
                        : Path.of(System.getProperty("maven.multiModuleProjectDirectory",
                            Path.of("").toAbsolutePath().getParent().toString())).resolve(folder);
                    Files.createDirectories(dir);
                    Files.write(dir.resolve("display-" + screen.getKey() + ".png"), png);
                }
            }
        }
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private long frames() {
        return ((Number) js("return window.rollcoach.frames;")).longValue();
    }

    /** The last points the page plotted. */
    private String plotted() {
        return String.valueOf(js("const d = window.rollcoach.plot.data; return JSON.stringify([d[0].slice(-5), d[1].slice(-5)]);"));
    }

    /** When the page showed the first message containing {@code text}, by the browser's clock (same machine). */
    private long shownAtMs(String text) {
        Object at = browser.executeScript("const s = window.rollcoach.shown.find(e => e.live"
            + " && e.message.includes(arguments[0])); return s ? s.at : 0;", text);
        return ((Number) at).longValue();
    }

    private static int stepEvents(DisplayRig rig) {
        List<String> events = rig.feedback;
        return (int) events.stream().filter(e -> e.contains("\"rule\":\"step\"")).count();
    }

    @Test
    void shouldSayReconnectingWhenTheStreamDrops() throws Exception {
        DisplayRig rig = new DisplayRig(DisplayRig.local(null), 1, "good-technique").roll();
        try {
            browser.get(rig.url("/roller/" + DisplayRig.ROLLER));
            await().atMost(Duration.ofSeconds(15)).until(() -> "online".equals(text("link")));
            assertFalse(text("step-title").isEmpty());
        } finally {
            rig.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> text("banner").equals("Reconnecting…"));
    }
}
