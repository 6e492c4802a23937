package io.rollcoach.gateway.history;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.rollcoach.gateway.app.RollCoachMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What people see of the history: the command's table, CSV and JSON, and the display's pages and downloads. */
class HistoryViewsTest {

    private static Path sessionsIn(Path dir) {
        Path file = dir.resolve("history.db");
        try (HistoryRig rig = new HistoryRig(HistoryStore.open(file), "eve")) {
            rig.feed(HistoryRig.render("strokes-too-long"), 0, 1);
            rig.endSession();
            await().atMost(Duration.ofSeconds(10)).until(() -> rig.store.sessions(null, null, 10).stream()
                .anyMatch(s -> s.status().equals("done")));
        }
        return file;
    }

    private static String run(String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, RollCoachMain.commandLine().execute(args));
        } finally {
            System.setOut(out);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theHistoryCommandPrintsTableCsvAndJson(@TempDir Path dir) throws Exception {
        Path file = sessionsIn(dir);
        String table = run("history", "--db", file.toString());
        // too long all through: no step earned
        assertTrue(table.contains("eve") && table.contains("done") && table.contains("0/16"), table);
        String csv = run("history", "--db", file.toString(), "--format", "csv", "--person", "eve");
        assertTrue(csv.startsWith("id,started,ended,status,person"), csv);
        assertEquals(2, csv.split("\r\n").length);
        JsonNode json = new ObjectMapper().readTree(run("history", "--db", file.toString(), "--format", "json"));
        assertTrue(json.get(0).get("warnings").get("stroke").asInt() > 0);
        assertEquals(0, new ObjectMapper().readTree(run("history", "--db", file.toString(), "--format", "json",
            "--since", "2099-01-01")).size());
        assertEquals(2, RollCoachMain.commandLine().execute("history", "--db", dir.resolve("none.db").toString()));
        assertEquals(2, RollCoachMain.commandLine().execute("history", "--db", file.toString(),
            "--since", "yesterday"));
    }

    @Test
    void theDisplayServesThePageJsonCsvAndCapture(@TempDir Path dir) throws Exception {
        Path file = sessionsIn(dir);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        try (HistoryStore store = HistoryStore.open(file)) {
            new HistoryHttp(store).handlers().forEach(server::createContext);
            server.start();
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/history")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("Session history"));
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(base
                + "/api/history/sessions?person=eve")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode sessions = new ObjectMapper().readTree(list.body());
            long id = sessions.get(0).get("id").asLong();
            HttpResponse<String> csv = http.send(HttpRequest.newBuilder(URI.create(base + "/api/history/sessions/" + id
                + ".csv")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, csv.statusCode());
            assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
            assertTrue(csv.body().contains("Shorter strokes"));
            HttpResponse<String> capture = http.send(HttpRequest.newBuilder(URI.create(base + "/api/history/sessions/"
                + id + ".rcap")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, capture.statusCode(), "no capture was kept in this test: said plainly");
            assertTrue(capture.body().contains("no capture kept"));
            assertEquals(400, http.send(HttpRequest.newBuilder(URI.create(base + "/api/history/sessions?since=soon"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        } finally {
            server.stop(0);
        }
    }
}
