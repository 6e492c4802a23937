package io.rollcoach.gateway.display;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The display over plain HTTP, fed by a real engine playing the simulator. */
class DisplayServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void feedbackStreamsInOrderAndALateJoinerGetsTheCurrentStateFirst() throws Exception {
        // The engine waits for its cue: the page must be connected before the roller says anything.
        try (DisplayRig rig = new DisplayRig(DisplayRig.local(null), 0);
             SseReader early = new SseReader(HTTP, rig.url("/events?roller=" + DisplayRig.ROLLER))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !early.data("hello").isEmpty());
            assertEquals("text/event-stream; charset=utf-8", early.contentType);
            assertEquals("retry: 2000", early.lines.get(0), "the reconnect delay comes first");
            JsonNode hello = JSON.readTree(early.data("hello").get(0));
            assertEquals(DisplayRig.ROLLER, hello.at("/rollers/0/roller").asText());
            assertTrue(hello.at("/rollers/0/session").isNull(), "nothing known yet: " + hello);
        }
        try (DisplayRig rig = new DisplayRig(DisplayRig.local(null), 0, "strokes-too-long")) {
            SseReader early = new SseReader(HTTP, rig.url("/events?roller=" + DisplayRig.ROLLER));
            await().atMost(Duration.ofSeconds(5)).until(() -> !early.data("hello").isEmpty());
            rig.roll();
            await().atMost(Duration.ofSeconds(30)).until(() -> rig.feedback.size() > 3
                && early.data("feedback").size() == rig.feedback.size());
            // every event reaches the page, in order, byte for byte what the engine wrote
            await().atMost(Duration.ofSeconds(10)).until(() -> early.data("feedback").equals(rig.feedback));
            assertTrue(rig.feedback.stream().anyMatch(f -> f.contains("\"verdict\":\"too-long\"")),
                rig.feedback.toString());
            assertFalse(early.data("telemetry").isEmpty());
            assertFalse(early.data("session").isEmpty());
            assertEquals("{\"device\":\"" + DisplayRig.ROLLER + "\",\"status\":\"online\"}",
                early.data("status").get(0));

            try (SseReader late = new SseReader(HTTP, rig.url("/events?roller=" + DisplayRig.ROLLER))) {
                await().atMost(Duration.ofSeconds(5)).until(() -> !late.data("hello").isEmpty());
                assertEquals("hello", late.events.get(0).name(), "the current state comes before anything else");
                JsonNode state = JSON.readTree(late.data("hello").get(0)).at("/rollers/0");
                assertEquals("online", state.get("status").asText());
                assertEquals(100, state.at("/info/sampleRateHz").asInt());
                assertTrue(state.at("/session/steps").size() > 10, state.toString());
                assertTrue(state.at("/telemetry/t").asDouble() > 30, "the latest telemetry: " + state.get("telemetry"));
                List<String> recent = rig.feedback.subList(Math.max(0, rig.feedback.size() - RollerView.RECENT_EVENTS),
                    rig.feedback.size());
                assertEquals(recent.size(), state.get("recent").size());
                for (int i = 0; i < recent.size(); i++) {
                    assertEquals(JSON.readTree(recent.get(i)), state.get("recent").get(i));
                }
            }
            early.close();
            assertEquals(0L, rig.server.health().get("messagesDropped"));
        }
    }

    @Test
    void aPageForAnotherRollerGetsNoneOfThisRollersEvents() throws Exception {
        try (DisplayRig rig = new DisplayRig(DisplayRig.local(null), 0, "good-technique");
             SseReader other = new SseReader(HTTP, rig.url("/events?roller=someone-else"));
             SseReader all = new SseReader(HTTP, rig.url("/events"))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !other.data("hello").isEmpty()
                && !all.data("hello").isEmpty());
            rig.roll();
            await().atMost(Duration.ofSeconds(30)).until(() -> !rig.feedback.isEmpty()
                && all.data("feedback").size() == rig.feedback.size());
            assertEquals(List.of("hello"), other.events.stream().map(SseReader.Event::name).distinct().toList());
        }
    }

    @Test
    void commandsAskForThePinAndAreAnsweredInJson() throws Exception {
        try (DisplayRig rig = new DisplayRig(DisplayRig.local("2468"), 0, "good-technique").roll()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> rig.router.rollers().contains(DisplayRig.ROLLER));
            String cmd = "/api/rollers/" + DisplayRig.ROLLER + "/cmd/";

            HttpResponse<String> noPin = post(rig.url(cmd + "session/start"), "", null);
            assertEquals(401, noPin.statusCode());
            assertEquals("application/json; charset=utf-8", noPin.headers().firstValue("Content-Type").orElseThrow());
            assertFalse(JSON.readTree(noPin.body()).get("ok").asBoolean());
            assertEquals(401, post(rig.url(cmd + "session/start"), "", "1234").statusCode());

            HttpResponse<String> unknown = post(rig.url("/api/rollers/nobody/cmd/step/next"), "", "2468");
            assertEquals(404, unknown.statusCode());
            assertTrue(unknown.body().contains(DisplayRig.ROLLER), "names the rollers it knows: " + unknown.body());

            HttpResponse<String> bogus = post(rig.url(cmd + "jump"), "", "2468");
            assertEquals(400, bogus.statusCode());
            assertEquals("jump", JSON.readTree(bogus.body()).get("command").asText());
            assertTrue(bogus.body().contains("unknown command"), bogus.body());
            HttpResponse<String> badJson = post(rig.url(cmd + "session/start"), "{\"person\":", "2468");
            assertEquals(400, badJson.statusCode());
            assertTrue(badJson.body().contains("bad JSON"), badJson.body());

            await().atMost(Duration.ofSeconds(30)).until(() -> rig.feedback.size() > 5);
            post(rig.url(cmd + "session/end"), "", "2468"); // whether or not the scenario left one running
            assertEquals(400, post(rig.url(cmd + "session/end"), "", "2468").statusCode());
            HttpResponse<String> refused = post(rig.url(cmd + "step/next"), "", "2468");
            assertEquals(400, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("no session is running"), refused.body());

            HttpResponse<String> started = post(rig.url(cmd + "session/start"), "{\"person\":\"Ana\"}", "2468");
            assertEquals(200, started.statusCode(), started.body());
            JsonNode answer = JSON.readTree(started.body());
            assertTrue(answer.get("ok").asBoolean());
            assertEquals("session/start", answer.get("command").asText());
            assertTrue(answer.get("message").asText().startsWith("session started for Ana"), started.body());

            HttpResponse<String> next = post(rig.url(cmd + "step/next"), "", "2468");
            assertEquals(200, next.statusCode(), next.body());
            assertTrue(next.body().contains("now: "), next.body());

            HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create(rig.url(cmd + "step/next"))).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, get.statusCode());
        }
    }

    @Test
    void withoutAPinCommandsNeedNoHeaderAndTheListAndOverviewShowTheRoller() throws Exception {
        try (DisplayRig rig = new DisplayRig(DisplayRig.local(null), 0, "good-technique").roll()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> rig.router.rollers().contains(DisplayRig.ROLLER));
            HttpResponse<String> mark = post(rig.url("/api/rollers/" + DisplayRig.ROLLER + "/cmd/mark"), "", null);
            assertEquals(200, mark.statusCode(), mark.body());
            assertTrue(mark.body().startsWith("{\"ok\":true,\"command\":\"mark\",\"message\":\"point marked"),
                mark.body());

            HttpResponse<String> list = get(rig.url("/api/rollers"));
            assertEquals(200, list.statusCode());
            JsonNode roller = JSON.readTree(list.body()).at("/rollers/0");
            assertEquals(DisplayRig.ROLLER, roller.get("roller").asText());
            assertEquals("/roller/" + DisplayRig.ROLLER, roller.get("page").asText());
            assertTrue(roller.get("commands").asBoolean());

            await().atMost(Duration.ofSeconds(10)).until(() -> get(rig.url("/")).body().contains("online"));
            HttpResponse<String> overview = get(rig.url("/"));
            assertEquals("text/html; charset=utf-8", overview.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(overview.body().contains("href=\"/roller/" + DisplayRig.ROLLER + "\""), overview.body());
        }
    }

    @Test
    void thePageAndItsAssetsAreServedFromTheJarAndNothingOutsideIt() throws Exception {
        try (DisplayRig rig = new DisplayRig(DisplayRig.local(null), 0)) {
            assertAsset(rig, "/roller/" + DisplayRig.ROLLER, "text/html; charset=utf-8", "/display/display.js");
            assertAsset(rig, "/display/display.js", "text/javascript; charset=utf-8", "new EventSource(");
            assertAsset(rig, "/display/trace.js", "text/javascript; charset=utf-8", "RollCoachTrace");
            assertAsset(rig, "/display/display.css", "text/css; charset=utf-8", "@media");
            assertAsset(rig, "/display/favicon.svg", "image/svg+xml", "<svg");
            HttpResponse<String> uplot = assertAsset(rig, "/display/uplot/uPlot.iife.min.js",
                "text/javascript; charset=utf-8", "uPlot");
            assertTrue(uplot.body().length() > 20_000, "the whole library: " + uplot.body().length());
            assertAsset(rig, "/display/uplot/uPlot.min.css", "text/css; charset=utf-8", ".uplot");

            assertEquals(404, get(rig.url("/display/nothing.js")).statusCode());
            assertEquals(404, get(rig.url("/display/%2e%2e/%2e%2e/logback.xml")).statusCode());
            assertEquals(404, get(rig.url("/display/uplot/../../META-INF/MANIFEST.MF")).statusCode());
            assertEquals(404, get(rig.url("/nowhere")).statusCode());
            assertTrue(rig.server.url().matches("http://127\\.0\\.0\\.1:\\d+/"), rig.server.url());
        }
    }

    @Test
    void anAddedHandlerIsServedAtItsPath() throws Exception {
        try (DisplayRig rig = new DisplayRig(DisplayRig.local(null), 0)) {
            rig.server.addHandler("/history", exchange -> {
                try (exchange) {
                    Responses.html(exchange, 200, "<p>history</p>");
                }
            });
            HttpResponse<String> page = get(rig.url("/history"));
            assertEquals(200, page.statusCode());
            assertEquals("<p>history</p>", page.body());
        }
    }

    private static HttpResponse<String> assertAsset(DisplayRig rig, String path, String type, String contains)
        throws Exception {
        HttpResponse<String> response = get(rig.url(path));
        assertEquals(200, response.statusCode(), path);
        assertEquals(type, response.headers().firstValue("Content-Type").orElseThrow(), path);
        assertNotNull(response.body());
        assertTrue(response.body().contains(contains), path + " should contain " + contains);
        return response;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String body, String pin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (pin != null) {
            request.header(CommandApi.PIN_HEADER, pin);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
