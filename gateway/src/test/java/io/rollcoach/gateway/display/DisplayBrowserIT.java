package io.rollcoach.gateway.display;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import io.rollcoach.gateway.history.HistoryHttp;
import io.rollcoach.gateway.history.HistoryStore;
import io.rollcoach.gateway.outbox.OutboxMessageType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
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
    /** display.js's SPEAK_GAP_MS. */
    private static final long SPEAK_GAP_MS = 3000;
    private static final String PIN = "4711";

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
    void thePageShowsTheStepTheTraceAMistakeWithinASecondAndTheAnswerToNextStep() throws Exception {
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
            assertTraceDrawn("worker"); // a Chromium can hand the line's canvas to a worker

            await().atMost(Duration.ofSeconds(30)).until(() -> mistakeRelayedAtMs.get() != 0);
            await().atMost(Duration.ofSeconds(5)).until(() -> shownAtMs("Shorter strokes") > 0);
            long lagMs = shownAtMs("Shorter strokes") - mistakeRelayedAtMs.get();
            assertTrue(lagMs < 1000, "the mistake reached the page " + lagMs + " ms after the relay sent it");
            // the log lies behind a tap: its text is there, shown when opened
            assertTrue(browser.findElement(By.id("history")).getAttribute("textContent").contains("Shorter strokes"));

            int stepEvents = stepEvents(rig);
            browser.findElement(By.cssSelector("button[data-cmd='step/next']")).click();
            await().atMost(Duration.ofSeconds(10)).until(() -> text("answer").startsWith("✓ now: "));
            assertTrue(text("answer").contains("Lateral soleus"), text("answer"));
            await().atMost(Duration.ofSeconds(5)).until(() -> stepEvents(rig) > stepEvents);
            await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertEquals("Lateral soleus", text("step-title")));
        }
    }

    @Test
    void withoutOffscreenCanvasThePageDrawsTheTraceItself() throws Exception {
        // a browser that cannot hand a canvas to a worker (Safari before 16.4, say)
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
            Map.of("source", "delete HTMLCanvasElement.prototype.transferControlToOffscreen;"));
        try (DisplayRig rig = new DisplayRig(DisplayRig.local(null), 1, "good-technique")) {
            browser.get(rig.url("/roller/" + DisplayRig.ROLLER));
            await().atMost(Duration.ofSeconds(10)).until(() -> "Roller not connected".equals(text("banner")));
            rig.roll();
            await().atMost(Duration.ofSeconds(15)).until(() -> "online".equals(text("link")));
            String before = plotted();
            await().atMost(Duration.ofSeconds(10)).until(() -> !plotted().equals(before));
            assertTraceDrawn("page");
        }
    }

    /**
     * The line is drawn where expected ('worker' or 'page'), frame after frame while telemetry flows, and shows in
     * the trace's colour; the chart's frame (grid, axes and their labels) is not drawn again every frame.
     */
    private void assertTraceDrawn(String where) throws IOException {
        assertEquals(where, js("return window.rollcoach.plot.mode;"));
        await("the line drawn in its colour").atMost(Duration.ofSeconds(5)).until(() -> traceLinePixels() > 50);
        long frames = frames();
        long frameDraws = ((Number) js("return window.rollcoach.plot.frameDraws;")).longValue();
        await("frames drawn").atMost(Duration.ofSeconds(10)).until(() -> frames() >= frames + 30);
        long drawn = frames() - frames;
        long redrawn = ((Number) js("return window.rollcoach.plot.frameDraws;")).longValue() - frameDraws;
        assertTrue(redrawn <= drawn / 2, "the frame drawn " + redrawn + " times in " + drawn + " frames");
        assertEquals(List.of(), js("return window.rollcoach.errors;"));
    }

    /** Pixels of the line's colour (#58a6ff) inside #plot on a screenshot. */
    private int traceLinePixels() throws IOException {
        Map<?, ?> box = (Map<?, ?>) js("const r = document.getElementById('plot').getBoundingClientRect(); "
            + "const d = devicePixelRatio; return {x: r.left * d, y: r.top * d, w: r.width * d, h: r.height * d};");
        BufferedImage shot = ImageIO.read(new ByteArrayInputStream(browser.getScreenshotAs(OutputType.BYTES)));
        int x0 = Math.max(0, ((Number) box.get("x")).intValue());
        int y0 = Math.max(0, ((Number) box.get("y")).intValue());
        int x1 = Math.min(shot.getWidth(), x0 + ((Number) box.get("w")).intValue());
        int y1 = Math.min(shot.getHeight(), y0 + ((Number) box.get("h")).intValue());
        int pixels = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = shot.getRGB(x, y);
                if (Math.abs((rgb >> 16 & 0xff) - 0x58) + Math.abs((rgb >> 8 & 0xff) - 0xa6)
                    + Math.abs((rgb & 0xff) - 0xff) < 24) {
                    pixels++;
                }
            }
        }
        return pixels;
    }

    /** The screens of issue 19, and two between them. Name, width, height, device pixels per CSS pixel. */
    private static final List<Object[]> SCREENS = List.of(new Object[] {"pi-800x480", 800, 480, 1},
        new Object[] {"tablet-1024x600", 1024, 600, 1}, new Object[] {"tablet-1280x800", 1280, 800, 1},
        new Object[] {"tv-1920x1080", 1920, 1080, 1}, new Object[] {"phone", 390, 844, 2},
        new Object[] {"phone-landscape", 844, 390, 2}, new Object[] {"between-600x900", 600, 900, 1},
        new Object[] {"between-1366x768", 1366, 768, 1});

    @Test
    void everyScreenFitsWithoutScrollingOrSpillingWithTypeThatScales() throws Exception {
        String folder = System.getProperty("rollcoach.screenshots");
        try (DisplayRig task = new DisplayRig(DisplayRig.local(null), 5, "full-session");
             DisplayRig focus = new DisplayRig(DisplayRig.local(null), 5, "strokes-too-long")) {
            for (String state : List.of("task", "focus")) {
                DisplayRig rig = state.equals("task") ? task : focus;
                browser.get(rig.url("/roller/" + DisplayRig.ROLLER));
                await().atMost(Duration.ofSeconds(10)).until(() -> !text("banner").equals("Connecting…"));
                rig.roll();
                if (state.equals("task")) {
                    // mid-session: the third step, rolling, with a point being worked
                    await().atMost(Duration.ofSeconds(40)).until(() -> text("step-title").equals("Medial soleus")
                        && browser.findElement(By.id("v-dwell")).getText().endsWith(" s"));
                } else {
                    // the real engine's focus over the strokes that earned it, so the pictures agree with themselves
                    await().atMost(Duration.ofSeconds(20)).until(() -> text("message-text").equals("Shorter strokes"));
                    rig.pause(); // or the scenario's end would replace this focus
                }
                for (Object[] screen : SCREENS) {
                    String name = screen[0] + "/" + state;
                    int width = (Integer) screen[1];
                    int height = (Integer) screen[2];
                    long fits = ((Number) js("return window.rollcoach.fits;")).longValue();
                    browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                        "height", height, "deviceScaleFactor", screen[3], "mobile", width < height));
                    await(name + " fitted " + js("return JSON.stringify([window.rollcoach.errors, innerWidth, "
                        + "window.rollcoach.fits]);"))
                        .atMost(Duration.ofSeconds(5)) // fitted to the new size, then two frames
                        .until(() -> ((Number) js("return window.rollcoach.fits;")).longValue() > fits);
                    browser.executeAsyncScript("const done = arguments[0]; requestAnimationFrame(() => "
                        + "requestAnimationFrame(() => setTimeout(done, 100)));");
                    Map<?, ?> layout = (Map<?, ?>) js(LAYOUT);
                    double w = ((Number) layout.get("width")).doubleValue();
                    double h = ((Number) layout.get("height")).doubleValue();
                    assertEquals(width, (long) w, name + " " + layout);
                    assertTrue(((Number) layout.get("scrollWidth")).doubleValue() <= w
                        && ((Number) layout.get("scrollHeight")).doubleValue() <= h,
                        name + ": nothing scrolls " + layout);
                    assertEquals(List.of(), layout.get("spilled"), name + ": nothing spills out of its box");
                    assertEquals(List.of(), layout.get("hidden"), name + ": always in view");
                    assertTrue(((Number) layout.get("headlinePx")).doubleValue() >= h / 12 - 0.5,
                        name + ": headline at least 1/12 of the height " + layout);
                    assertTrue(((Number) layout.get("smallestTapPx")).doubleValue() >= 48,
                        name + ": tap targets of 48 px at least " + layout);
                    assertTrue(((Number) layout.get("plotPx")).doubleValue() >= Math.min(100, h * 0.18),
                        name + ": a trace tall enough to read " + layout);
                    if (state.equals("focus")) {
                        assertTrue(((Number) layout.get("keyPx")).doubleValue() >= h / 16 - 0.5,
                            name + ": the focus's number at least 1/16 of the height " + layout);
                        assertTrue(String.valueOf(layout.get("keyBand")).startsWith("▲ "),
                            name + ": the band says too long with a sign, not colour alone " + layout);
                        assertEquals("⚠", layout.get("icon"), name + ": the warning's icon " + layout);
                    }
                    byte[] png = browser.getScreenshotAs(OutputType.BYTES);
                    assertTrue(png.length > 10_000, "a real picture");
                    if (folder != null && state.equals("focus") && (name.startsWith("pi-") || name.startsWith("phone/")
                        || name.startsWith("tablet-1280"))) {
                        String file = name.startsWith("pi-") ? "display-pi-800x480.png"
                            : name.startsWith("phone") ? "display-phone.png" : "display-landscape.png";
                        Files.createDirectories(docs(folder));
                        Files.write(docs(folder).resolve(file), png);
                    }
                }
            }
        }
    }

    /** What a screen shows, measured in the page. */
    private static final String LAYOUT = """
        const q = (s) => document.querySelector(s);
        const px = (e) => parseFloat(getComputedStyle(e).fontSize);
        const shown = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && r.left >= -1
          && r.top >= -1 && r.right <= innerWidth + 1 && r.bottom <= innerHeight + 1; };
        const must = ['#message-text', '#step-title', '#step-sub', '.step-bar', '#plot', '#clock',
          ...[...document.querySelectorAll('.controls button')]
            .map((b) => '.controls [data-cmd="' + b.dataset.cmd + '"]')];
        if (document.body.classList.contains('has-focus')) must.push('#tile-focus', '#v-focus', '#b-focus');
        const spilled = [...document.querySelectorAll('.grid > section, .head, .tile, .head > *, .controls button,'
          + ' .tile .value, .tile .band, .step-sub, .step-line')]
          // the roller's name alone may end in an ellipsis on a narrow header (its full name is its title)
          .filter((e) => e.getClientRects().length && getComputedStyle(e).display !== 'none' && e.id !== 'roller')
          .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
          .map((e) => (e.id || e.className || e.tagName) + ' ' + e.scrollWidth + '>' + e.clientWidth + ' or '
            + e.scrollHeight + '>' + e.clientHeight + ' "' + e.textContent.trim().slice(0, 30) + '"');
        const taps = [...document.querySelectorAll('.controls button, button.pill, .home')].filter(shown)
          .map((e) => Math.min(e.getBoundingClientRect().width, e.getBoundingClientRect().height));
        return {width: innerWidth, height: innerHeight, scrollWidth: document.documentElement.scrollWidth,
          scrollHeight: document.documentElement.scrollHeight, spilled,
          hidden: must.filter((s) => !q(s) || !shown(q(s))),
          headlinePx: px(q('#message-text')), keyPx: q('#tile-focus').hidden ? 0 : px(q('#v-focus')),
          keyBand: q('#b-focus').textContent, icon: getComputedStyle(q('#message-icon')).display !== 'none'
            ? q('#message-icon').textContent : q('#message-icon-small').textContent,
          smallestTapPx: Math.min(...taps), plotPx: q('#plot').getBoundingClientRect().height,
          classes: document.body.className};
        """;

    private static Path docs(String folder) {
        return Path.of(folder).isAbsolute() ? Path.of(folder)
            : Path.of(System.getProperty("maven.multiModuleProjectDirectory",
                Path.of("").toAbsolutePath().getParent().toString())).resolve(folder);
    }

    @Test
    void theFocusStaysTheHeadlineUntilItIsMendedWhileNewsGoesToTheLog(@TempDir Path dir) throws Exception {
        // The real engine's coach: strokes too long for 16 s, then good ones until the fault is called mended.
        Path scenario = dir.resolve("mended.yaml");
        Files.writeString(scenario, String.join("\n", "name: mended", "segments:",
            "  - {step: soleus-left, durationSeconds: 16, strokeMm: 80, cadencePerMinute: 30, loadFraction: 0.35}",
            "  - {step: soleus-left, durationSeconds: 30, strokeMm: 38, cadencePerMinute: 30, loadFraction: 0.35}",
            ""));
        try (DisplayRig rig = new DisplayRig(DisplayRig.local(null), 3, scenario.toString())) {
            browser.get(rig.url("/roller/" + DisplayRig.ROLLER));
            await().atMost(Duration.ofSeconds(10)).until(() -> "Roller not connected".equals(text("banner")));
            rig.roll();
            await().atMost(Duration.ofSeconds(15)).until(() -> text("message-text").equals("Shorter strokes"));
            int saidBefore = 0;
            assertTrue(browser.findElement(By.id("message")).getAttribute("class").contains("warn"));
            assertTrue(text("message-detail").matches("3\\.\\d in; roll 1-2 in on and off the spot\\."),
                text("message-detail"));
            // the first good strokes, and news while the focus lasts: the headline stays until the rule is mended
            await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.id("history"))
                .getAttribute("textContent").contains("Stroke length good"));
            List<Map<String, Object>> headlines = headlineLog();
            int mendedAt = -1;
            for (int i = 0; i < headlines.size(); i++) {
                if (!Boolean.TRUE.equals(headlines.get(i).get("focus")) && mendedAt < 0
                    && headlines.stream().limit(i).anyMatch(h -> Boolean.TRUE.equals(h.get("focus")))) {
                    mendedAt = i;
                }
            }
            assertTrue(mendedAt > 0, "the focus gave way to the task once mended: " + headlines);
            assertTrue(headlines.subList(mendedAt, headlines.size()).stream()
                .noneMatch(h -> Boolean.TRUE.equals(h.get("focus"))), "and did not come back: " + headlines);
            await().atMost(Duration.ofSeconds(5)).until(() -> browser.findElement(By.id("message"))
                .getAttribute("class").contains("info"));
            assertTrue(browser.findElement(By.id("tile-focus")).getAttribute("hidden") != null, "no focus number");
            List<String> said = spoken().subList(saidBefore, spoken().size());
            assertTrue(said.stream().anyMatch(m -> m.startsWith("Shorter strokes. That was three")),
                "the focus said at its start, units as words: " + said);
            assertTrue(said.stream().filter("Good stroke length."::equals).count() <= 1, "the good news once: " + said);
        }
    }

    @Test
    void aHandsOnStepShowsItsRepetitionsNotSeconds(@TempDir Path dir) throws Exception {
        // seven long presses skip to the left leg's hands-on step, then strokes count as its repetitions
        Path scenario = dir.resolve("hands-on.yaml");
        StringBuilder yaml = new StringBuilder("name: hands-on\ndefaults: {strokeMm: 38, cadencePerMinute: 40, "
            + "loadFraction: 0.35}\nsegments:\n");
        for (int i = 0; i < 7; i++) {
            yaml.append("  - {step: skip, durationSeconds: 1, restSeconds: 0.5, endPress: long}\n");
        }
        yaml.append("  - {step: hands-on-left, durationSeconds: 30}\n");
        Files.writeString(scenario, yaml.toString());
        try (DisplayRig rig = new DisplayRig(DisplayRig.local(null), 3, scenario.toString())) {
            browser.get(rig.url("/roller/" + DisplayRig.ROLLER));
            await().atMost(Duration.ofSeconds(10)).until(() -> "Roller not connected".equals(text("banner")));
            rig.roll();
            await().atMost(Duration.ofSeconds(20)).until(() -> text("step-title").startsWith("Hands-on"));
            await().atMost(Duration.ofSeconds(20))
                .until(() -> text("step-sub").matches("[1-9]\\d* of 12–15 reps · .*"));
            assertTrue(text("step-sub").endsWith("step 8 of 16, 8 to come"), text("step-sub"));
            String width = browser.findElement(By.id("step-fill")).getAttribute("style");
            assertFalse(width.contains("width: 0"), "the bar fills with the repetitions: " + width);
            Thread.sleep(500); // telemetry's step time must not write seconds over the count
            assertFalse(text("step-sub").contains(" s · "), text("step-sub"));
            assertEquals("REPS", text("l-dwell").toUpperCase(Locale.ROOT), "the point tile counts repetitions");
            assertTrue(text("b-dwell").endsWith("of 12–15"), text("b-dwell"));
        }
    }

    @Test
    void theSummaryShowsAtTheEndOfASessionAndFits800x480() throws Exception {
        try (DisplayRig rig = new DisplayRig(DisplayRig.local(null), 1, "good-technique")) {
            browser.get(rig.url("/roller/" + DisplayRig.ROLLER));
            await().atMost(Duration.ofSeconds(10)).until(() -> "Roller not connected".equals(text("banner")));
            browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 800, "height", 480,
                "deviceScaleFactor", 1, "mobile", false));
            rig.publish(OutboxMessageType.SESSION, "{'device':'" + DisplayRig.ROLLER
                + "','t':400,'session':3,'startedAtMs':1764032400000,'active':false,'units':'in','seconds':412,"
                + "'minSeconds':300,'maxSeconds':540,'step':null,'stepIndex':-1,'steps':[{'id':'soleus-left','title':"
                + "'Soleus, left leg','done':true},{'id':'soleus-right','title':'Soleus, right leg','done':false}],"
                + "'warnings':{'stroke':4,'cadence':1},'score':82,"
                + "'withinGuide':{'stroke':0.82,'coverage':0.9,'load':0.75,'cadence':0.95,'hold':0.6},"
                + "'wentWell':'Steady cadence, and every point held 15 s.',"
                + "'nextTime':'Shorter strokes: 1-2 in on and off the spot.','previous':[{'startedAtMs':1763859600000,"
                + "'seconds':380,'score':71},{'startedAtMs':1763946000000,'seconds':395,'score':77}]}");
            await().atMost(Duration.ofSeconds(5)).until(() -> browser.findElement(By.id("summary")).isDisplayed());
            assertEquals("82 / 100", text("summary-score"));
            assertEquals("Steady cadence, and every point held 15 s.", text("summary-well"));
            assertEquals("Shorter strokes: 1-2 in on and off the spot.", text("summary-next"));
            assertEquals(3, browser.findElements(By.cssSelector("#summary-previous li")).size(),
                "two before, this one");
            assertTrue(text("summary-guide").contains("82%"), text("summary-guide"));
            Map<?, ?> fit = (Map<?, ?>) js("const s = document.getElementById('summary'); "
                + "return {scroll: s.scrollHeight, client: s.clientHeight, "
                + "page: document.documentElement.scrollHeight, height: innerHeight};");
            assertTrue(((Number) fit.get("scroll")).longValue() <= ((Number) fit.get("client")).longValue() + 1,
                "the summary fits 800x480 " + fit);
            browser.findElement(By.id("summary-close")).click();
            assertFalse(browser.findElement(By.id("summary")).isDisplayed());
        }
    }

    @Test
    void theListAndTheHistoryFitANarrowPhoneWithoutSidewaysScrolling() throws Exception {
        Path db = Files.createTempDirectory("rollcoach-history");
        try (DisplayRig rig = new DisplayRig(DisplayRig.local(null), 1, "good-technique");
             HistoryStore store = HistoryStore.open(db.resolve("history.db"))) {
            rig.roll();
            browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 360, "height", 740,
                "deviceScaleFactor", 2, "mobile", true));
            browser.get(rig.url("/"));
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                browser.navigate().refresh();
                return browser.findElement(By.cssSelector(".rollers .status")).getText().equals("ONLINE");
            });
            assertEquals(360L, ((Number) js("return document.documentElement.scrollWidth;")).longValue(),
                "the list does not scroll sideways");
            assertTrue(browser.findElements(By.linkText("Session history")).isEmpty(),
                "no link to a history this gateway does not keep");

            new HistoryHttp(store).handlers().forEach(rig.server::addHandler);
            // the sessions of a few weeks, as the history's API gives them
            StringBuilder sessions = new StringBuilder("[");
            for (int i = 0; i < 12; i++) {
                sessions.append(i == 0 ? "" : ",").append("{\"id\":").append(12 - i).append(",\"startedAt\":")
                    .append(1764032400000L - i * 86_400_000L * 2).append(",\"person\":\"ana\",\"roller\":\"")
                    .append(DisplayRig.ROLLER).append("\",\"seconds\":").append(380 + i)
                    .append(",\"steps\":[{\"title\":\"Soleus, left leg\",\"done\":true,\"skipped\":false,"
                    + "\"seconds\":100}],\"pointsDone\":3,\"pointsLeftEarly\":1,\"warnings\":{\"stroke\":")
                    .append(i % 4).append("},\"status\":\"done\","
                    + "\"events\":[],\"tissues\":[{\"seconds\":").append(200 + i * 5).append("}]}");
            }
            sessions.append("]");
            browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "const real = window.fetch; window.fetch = (url, o) => String(url).startsWith('/api/history/sessions?')"
                    + " ? Promise.resolve(new Response(" + quoteJs(sessions.toString()) + ")) : real(url, o);"));
            browser.get(rig.url("/"));
            browser.findElement(By.linkText("Session history")).click();
            await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.findElements(By.cssSelector("tr.session")).size() == 12);
            Map<?, ?> page = (Map<?, ?>) js("""
                // the time axis is drawn on a canvas: place its labels as uPlot does, centred on their ticks
                const h = window.rollcoachHistory; const u = h.plot; const ax = u.axes[0];
                const ctx = document.createElement('canvas').getContext('2d'); ctx.font = h.font;
                const boxes = (ax._values || []).map((text, i) => ({text, x: u.valToPos(ax._splits[i], 'x'),
                  w: ctx.measureText(text).width})).filter((l) => l.text)
                  .map((l) => ({left: l.x - l.w / 2, right: l.x + l.w / 2}));
                let overlaps = 0;
                for (let i = 1; i < boxes.length; i++) if (boxes[i].left < boxes[i - 1].right) overlaps++;
                return {scroll: document.documentElement.scrollWidth, width: innerWidth, overlaps, labels: boxes.length,
                  says: document.querySelector('.chart').textContent,
                  card: getComputedStyle(document.querySelector('tr.session')).display};""");
            assertEquals(((Number) page.get("width")).longValue(), ((Number) page.get("scroll")).longValue(),
                "the history does not scroll sideways " + page);
            assertEquals("block", page.get("card"), "sessions as cards on a phone");
            assertEquals(0L, page.get("overlaps"), "time labels do not overlap " + page);
            assertTrue(((Number) page.get("labels")).longValue() >= 2, "the time axis has labels " + page);
            assertTrue(String.valueOf(page.get("says")).contains("tissue time"), "the chart says what it plots");
            assertTrue(String.valueOf(page.get("says")).contains("min"), "and in what unit");
            String folder = System.getProperty("rollcoach.screenshots");
            if (folder != null) {
                Files.createDirectories(docs(folder));
                Files.write(docs(folder).resolve("history-phone.png"), browser.getScreenshotAs(OutputType.BYTES));
            }
        } finally {
            try (Stream<Path> files = Files.walk(db)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String quoteJs(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Test
    void warningsAreSpokenAtMostOnceEveryThreeSecondsAndNotAtAllWithVoiceOff() throws Exception {
        // At speed 5 the engine repeats "Shorter strokes" about every 1.2 s: more often than the page may speak.
        try (DisplayRig rig = new DisplayRig(DisplayRig.local(null), 5,
            "strokes-too-long", "strokes-too-long", "strokes-too-long", "strokes-too-long")) {
            browser.get(rig.url("/roller/" + DisplayRig.ROLLER));
            await().atMost(Duration.ofSeconds(10)).until(() -> "Roller not connected".equals(text("banner")));
            assertEquals("voice on", text("voice"));
            rig.roll();

            await("three utterances").atMost(Duration.ofSeconds(60)).until(() -> spoken().size() >= 3);
            List<String> said = spoken();
            List<Long> saidAt = spokenAt();
            assertTrue(said.stream().anyMatch(m -> m.startsWith("Shorter strokes")), "the warning is said: " + said);
            List<String> shown = new ArrayList<>(liveMessages());
            shown.addAll(headlines()); // the coach's focus and task are said as the headline shows them
            List<String> saidFor = spokenFor();
            assertTrue(shown.containsAll(saidFor), "says what was shown: said " + saidFor + ", shown " + shown);
            assertTrue(said.stream().noneMatch(m -> m.matches(".*\\d(in|s|N)\\b.*") || m.matches(".*\\d in\\b.*")),
                "units as words, not letters: " + said);
            for (int i = 1; i < saidAt.size(); i++) {
                long gapMs = saidAt.get(i) - saidAt.get(i - 1);
                // Date.now() against the timer's own clock can be a millisecond off, never more than a few
                assertTrue(gapMs >= SPEAK_GAP_MS - 20, "utterance " + i + " came " + gapMs + " ms after the one before "
                    + saidAt + ": " + said);
            }
            long warned = warningsShownBetween(saidAt.get(0), saidAt.get(saidAt.size() - 1));
            assertTrue(warned > saidAt.size() - 1, "warnings came faster than the page spoke (" + warned
                + " shown between the first and the last of " + said.size() + " utterances), so the gap was tested");

            browser.findElement(By.id("voice")).click();
            assertEquals("voice off", text("voice"));
            assertEquals("off", js("return localStorage.getItem('rollcoach.speech');"));
            int saidBefore = spoken().size();
            long warningsBefore = warningsShown();
            // longer than SPEAK_GAP_MS, so a cue already waiting when voice went off would have been said by now
            await("silence with voice off").during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(15))
                .until(() -> spoken().size() == saidBefore);
            long warningsDuring = warningsShown() - warningsBefore;
            assertTrue(warningsDuring >= 2, "warnings kept coming while voice was off: " + warningsDuring);
        }
    }

    @Test
    void anErrorSuchAsALostRollerIsSpoken() throws Exception {
        try (DisplayRig rig = new DisplayRig(DisplayRig.local(null), 5, "good-technique")) {
            browser.get(rig.url("/roller/" + DisplayRig.ROLLER));
            await().atMost(Duration.ofSeconds(10)).until(() -> "Roller not connected".equals(text("banner")));
            // the engine's own words when a roller's link is lost (TechniqueEngine.onLinkLost), straight to the display
            byte[] event = ("{\"t\":1.000,\"n\":1,\"device\":\"" + DisplayRig.ROLLER + "\",\"rule\":\"data\","
                + "\"verdict\":\"link-lost\",\"severity\":\"error\",\"message\":\"Lost the roller: check its cable "
                + "or power.\"}").getBytes(StandardCharsets.US_ASCII);
            rig.outbox.publish(OutboxMessageType.FEEDBACK, DisplayRig.ROLLER, new UnsafeBuffer(event), 0, event.length);

            await("the error said").atMost(Duration.ofSeconds(10))
                .until(() -> spokenFor().contains("Lost the roller: check its cable or power."));
        }
    }

    @Test
    void aStepDoneBeepsOnceAndOtherEventsDoNot() throws Exception {
        // good-technique rolls the soleus past its 30 s target, which marks the step done (rule step, verdict done)
        try (DisplayRig rig = new DisplayRig(DisplayRig.local(null), 5, "good-technique")) {
            browser.get(rig.url("/roller/" + DisplayRig.ROLLER));
            await().atMost(Duration.ofSeconds(10)).until(() -> "Roller not connected".equals(text("banner")));
            browser.findElement(By.id("step-title")).click(); // browsers only play sound after a gesture
            assertEquals(0, beeps());
            rig.roll();

            await().atMost(Duration.ofSeconds(60)).until(() -> stepsDoneShown() >= 1);
            Map<?, ?> counts = (Map<?, ?>) js("const h = window.rollcoach; return {beeps: h.beeps, live: h.shown"
                + ".filter(e => e.live).length, done: h.shown.filter(e => e.live && e.rule === 'step'"
                + " && e.verdict === 'done').length};");
            assertEquals(1L, counts.get("done"), "one step done " + counts);
            assertEquals(1L, counts.get("beeps"), "one beep, for the step done, and none for the other events "
                + counts);
            assertTrue(((Number) counts.get("live")).longValue() > 1, "other events came that did not beep " + counts);
        }
    }

    @Test
    void thePinIsAskedForAWrongOneForgottenAndTheRightOneKept() throws Exception {
        try (DisplayRig rig = new DisplayRig(DisplayRig.local(PIN), 1, "good-technique")) {
            browser.get(rig.url("/roller/" + DisplayRig.ROLLER));
            await().atMost(Duration.ofSeconds(10)).until(() -> "Roller not connected".equals(text("banner")));
            rig.roll();
            await().atMost(Duration.ofSeconds(15)).until(() -> text("step-title").equals("Soleus"));
            WebElement next = browser.findElement(By.cssSelector("button[data-cmd='step/next']"));

            next.click();
            Alert prompt = awaitPrompt();
            assertEquals("PIN for this RollCoach display", prompt.getText());
            prompt.sendKeys("wrong");
            prompt.accept();
            await().atMost(Duration.ofSeconds(10)).until(() -> text("answer").startsWith("✗ "));
            assertTrue(text("answer").contains("PIN"), text("answer"));
            assertNull(storedPin(), "a wrong PIN is forgotten");
            assertFalse(engineSaid(rig, "Lateral soleus"), "the command did not reach the engine");
            assertEquals("Soleus", text("step-title"));

            next.click();
            prompt = awaitPrompt();
            prompt.sendKeys(PIN);
            prompt.accept();
            await().atMost(Duration.ofSeconds(10)).until(() -> text("answer").startsWith("✓ now: "));
            assertTrue(text("answer").contains("Lateral soleus"), text("answer"));
            await().atMost(Duration.ofSeconds(5)).until(() -> engineSaid(rig, "Lateral soleus"));
            assertEquals(PIN, storedPin(), "the right PIN is kept");

            next.click();
            await().atMost(Duration.ofSeconds(10))
                .until(() -> promptOpen() || text("answer").contains("Medial soleus"));
            assertFalse(promptOpen(), "the kept PIN was sent: no prompt");
            assertTrue(text("answer").startsWith("✓ now: "), text("answer"));
            await().atMost(Duration.ofSeconds(5)).until(() -> engineSaid(rig, "Medial soleus"));
            await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertEquals("Medial soleus", text("step-title")));
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
        return String.valueOf(js("const d = window.rollcoach.plot.data; "
            + "return JSON.stringify([d[0].slice(-5), d[1].slice(-5)]);"));
    }

    /** When the page showed the first message containing {@code text}, by the browser's clock (same machine). */
    private long shownAtMs(String text) {
        Object at = browser.executeScript("const s = window.rollcoach.shown.find(e => e.live"
            + " && e.message.includes(arguments[0])); return s ? s.at : 0;", text);
        return ((Number) at).longValue();
    }

    @SuppressWarnings("unchecked")
    private List<String> spoken() {
        return (List<String>) js("return window.rollcoach.spoken.slice();");
    }

    /** The message each utterance was made from. */
    @SuppressWarnings("unchecked")
    private List<String> spokenFor() {
        return (List<String>) js("return window.rollcoach.spokenFor.slice();");
    }

    /** When each utterance was handed to speechSynthesis, by Date.now(). */
    private List<Long> spokenAt() {
        return ((List<?>) js("return window.rollcoach.spokenAt.slice();")).stream()
            .map(at -> ((Number) at).longValue()).toList();
    }

    /** The page's headline log: text, severity, whether it was the focus, when. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> headlineLog() {
        return (List<Map<String, Object>>) js("return window.rollcoach.headlines.slice();");
    }

    /** Every headline the page showed (the coach's focus or task), as it came. */
    @SuppressWarnings("unchecked")
    private List<String> headlines() {
        return (List<String>) js("return window.rollcoach.headlines.map(h => h.text);");
    }

    /** Every message the page put in its message box as it came. */
    @SuppressWarnings("unchecked")
    private List<String> liveMessages() {
        return (List<String>) js("return window.rollcoach.shown.filter(e => e.live).map(e => e.message);");
    }

    private long warningsShown() {
        return warningsShownBetween(0, Long.MAX_VALUE);
    }

    /** "Shorter strokes" warnings the page showed after {@code fromMs} and up to {@code toMs}. */
    private long warningsShownBetween(long fromMs, long toMs) {
        return ((Number) browser.executeScript("return window.rollcoach.shown.filter(e => e.live"
            + " && e.message.startsWith('Shorter strokes') && e.at > arguments[0] && e.at <= arguments[1]).length;",
            fromMs, toMs)).longValue();
    }

    private long stepsDoneShown() {
        return ((Number) js("return window.rollcoach.shown.filter(e => e.live && e.rule === 'step'"
            + " && e.verdict === 'done').length;")).longValue();
    }

    private long beeps() {
        return ((Number) js("return window.rollcoach.beeps;")).longValue();
    }

    private String storedPin() {
        return (String) js("return localStorage.getItem('rollcoach.pin');");
    }

    private Alert awaitPrompt() {
        return await("the PIN prompt").atMost(Duration.ofSeconds(10)).ignoreException(NoAlertPresentException.class)
            .until(() -> browser.switchTo().alert(), Objects::nonNull);
    }

    private boolean promptOpen() {
        try {
            browser.switchTo().alert();
            return true;
        } catch (NoAlertPresentException e) {
            return false;
        }
    }

    private static boolean engineSaid(DisplayRig rig, String text) {
        return rig.feedback.stream().anyMatch(e -> e.contains(text));
    }

    private static int stepEvents(DisplayRig rig) {
        List<String> events = rig.feedback;
        return (int) events.stream().filter(e -> e.contains("\"rule\":\"step\"")).count();
    }

    @Test
    void aDroppedStreamSaysReconnecting() throws Exception {
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
