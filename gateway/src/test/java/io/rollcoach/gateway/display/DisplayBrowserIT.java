package io.rollcoach.gateway.display;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
            // short-landscape: a laptop browser's window, where the bottom row once pushed the numbers under it
            for (Map.Entry<String, int[]> screen : Map.of("phone", new int[] {390, 844, 2},
                "landscape", new int[] {1280, 720, 1}, "short-landscape", new int[] {1280, 580, 1}).entrySet()) {
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
                if (size[0] > size[1]) { // one screen, no scrolling: nothing may lie over anything else
                    Map<?, ?> fit = (Map<?, ?>) js("const box = (q) => document.querySelector(q)"
                        + ".getBoundingClientRect(); const low = Math.min(box('.clock').top, box('.controls').top,"
                        + " box('.history').top); const tiles = [...document.querySelectorAll('.tile')]"
                        + ".map((t) => t.getBoundingClientRect().bottom); return {tilesBottom: Math.max(...tiles),"
                        + " bottomRowTop: low, plotHeight: box('.plot').height, pageHeight:"
                        + " document.documentElement.scrollHeight, height: innerHeight};");
                    assertTrue(((Number) fit.get("tilesBottom")).doubleValue()
                        <= ((Number) fit.get("bottomRowTop")).doubleValue(), screen.getKey()
                        + ": every number tile above the clock, controls and history " + fit);
                    assertTrue(((Number) fit.get("plotHeight")).doubleValue() >= 100,
                        screen.getKey() + ": a trace tall enough to read " + fit);
                    assertTrue(((Number) fit.get("pageHeight")).longValue() <= ((Number) fit.get("height")).longValue(),
                        screen.getKey() + ": no scrolling " + fit);
                }
                byte[] png = browser.getScreenshotAs(OutputType.BYTES);
                assertTrue(png.length > 10_000, "a real picture");
                if (folder != null && !screen.getKey().startsWith("short")) {
                    Path dir = Path.of(folder).isAbsolute() ? Path.of(folder)
                        : Path.of(System.getProperty("maven.multiModuleProjectDirectory",
                            Path.of("").toAbsolutePath().getParent().toString())).resolve(folder);
                    Files.createDirectories(dir);
                    Files.write(dir.resolve("display-" + screen.getKey() + ".png"), png);
                }
            }
        }
    }

    @Test
    void shouldSpeakWarningsAtMostOnceEveryThreeSecondsAndNotAtAllWithVoiceOff() throws Exception {
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
            List<String> shown = liveMessages();
            assertTrue(shown.containsAll(said), "says what the message box showed: said " + said + ", shown " + shown);
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
    void shouldSpeakAnErrorSuchAsALostRoller() throws Exception {
        try (DisplayRig rig = new DisplayRig(DisplayRig.local(null), 5, "good-technique")) {
            browser.get(rig.url("/roller/" + DisplayRig.ROLLER));
            await().atMost(Duration.ofSeconds(10)).until(() -> "Roller not connected".equals(text("banner")));
            // the engine's own words when a roller's link is lost (TechniqueEngine.onLinkLost), straight to the display
            byte[] event = ("{\"t\":1.000,\"n\":1,\"device\":\"" + DisplayRig.ROLLER + "\",\"rule\":\"data\","
                + "\"verdict\":\"link-lost\",\"severity\":\"error\",\"message\":\"Lost the roller: check its cable "
                + "or power.\"}").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            rig.outbox.publish(io.rollcoach.gateway.outbox.OutboxMessageType.FEEDBACK, DisplayRig.ROLLER,
                new org.agrona.concurrent.UnsafeBuffer(event), 0, event.length);

            await("the error said").atMost(Duration.ofSeconds(10))
                .until(() -> spoken().contains("Lost the roller: check its cable or power."));
        }
    }

    @Test
    void shouldBeepWhenAStepIsDone() throws Exception {
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
    void shouldAskForThePinForgetAWrongOneAndKeepTheRightOne() throws Exception {
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
        return String.valueOf(js("const d = window.rollcoach.plot.data; return JSON.stringify([d[0].slice(-5), d[1].slice(-5)]);"));
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

    /** When each utterance was handed to speechSynthesis, by Date.now(). */
    private List<Long> spokenAt() {
        return ((List<?>) js("return window.rollcoach.spokenAt.slice();")).stream()
            .map(at -> ((Number) at).longValue()).toList();
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
