package io.rollcoach.gateway.history;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * The history on the display: a page of the last sessions with a chart over the weeks, their JSON, and downloads
 * (CSV, the raw capture) for a physio. Handlers for the display's HTTP server.
 */
public final class HistoryHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HistoryStore store;

    public HistoryHttp(HistoryStore store) {
        this.store = store;
    }

    public Map<String, HttpHandler> handlers() {
        Map<String, HttpHandler> handlers = new LinkedHashMap<>();
        handlers.put("/history", this::page);
        handlers.put("/api/history/sessions", this::api);
        return handlers;
    }

    private void page(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String resource = path.equals("/history") || path.equals("/history/") ? "/history/history.html"
            : path.equals("/history/history.js") ? "/history/history.js" : null;
        if (resource == null) {
            send(exchange, 404, "text/plain", "no such page");
            return;
        }
        try (InputStream in = HistoryHttp.class.getResourceAsStream(resource)) {
            send(exchange, 200,
                resource.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/html; charset=utf-8",
                new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private void api(HttpExchange exchange) throws IOException {
        String rest = exchange.getRequestURI().getPath().substring("/api/history/sessions".length());
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        try {
            if (rest.isEmpty() || rest.equals("/")) {
                LocalDate since = query.containsKey("since") ? LocalDate.parse(query.get("since")) : null;
                int limit = query.containsKey("limit")
                    ? Math.max(1, Math.min(1000, Integer.parseInt(query.get("limit")))) : 200;
                var sessions = store.sessions(query.get("person"), since, limit);
                if ("csv".equals(query.get("format"))) {
                    send(exchange, 200, "text/csv; charset=utf-8", SessionCsv.sessions(sessions));
                } else {
                    send(exchange, 200, "application/json", JSON.writeValueAsString(sessions));
                }
                return;
            }
            String name = rest.substring(1);
            String extension = name.contains(".") ? name.substring(name.indexOf('.') + 1) : "";
            long id = Long.parseLong(name.contains(".") ? name.substring(0, name.indexOf('.')) : name);
            SessionRecord session = store.session(id);
            if (session == null) {
                send(exchange, 404, "application/json", "{\"error\":\"no session " + id + "\"}");
                return;
            }
            switch (extension) {
                case "" -> send(exchange, 200, "application/json", JSON.writeValueAsString(session));
                case "csv" -> {
                    exchange.getResponseHeaders().set("Content-Disposition",
                        "attachment; filename=\"rollcoach-session-" + id + ".csv\"");
                    send(exchange, 200, "text/csv; charset=utf-8", SessionCsv.session(session));
                }
                case "rcap" -> capture(exchange, session);
                default -> send(exchange, 404, "application/json", "{\"error\":\"unknown format ." + extension + "\"}");
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            send(exchange, 400, "application/json", "{\"error\":\"bad request: " + e.getMessage().replace('"', '\'')
                + " (since=YYYY-MM-DD, ids are numbers)\"}");
        } catch (HistoryException e) {
            send(exchange, 500, "application/json", JSON.writeValueAsString(Map.of("error", e.getMessage())));
        }
    }

    private void capture(HttpExchange exchange, SessionRecord session) throws IOException {
        if (session.captureFile() == null || !Files.isReadable(Path.of(session.captureFile()))) {
            send(exchange, 404, "application/json", "{\"error\":\"no capture kept for session " + session.id()
                + (session.captureFile() == null ? " (captures were off, or the roller was not on a serial port)"
                : " (the file " + session.captureFile().replace("\\", "/") + " is gone)") + "\"}");
            return;
        }
        Path file = Path.of(session.captureFile());
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"");
        exchange.sendResponseHeaders(200, Files.size(file));
        try (OutputStream out = exchange.getResponseBody()) {
            Files.copy(file, out);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
