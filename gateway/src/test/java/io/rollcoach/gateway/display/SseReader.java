package io.rollcoach.gateway.display;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A Server-Sent Events client for tests: keeps every event (and the retry and comment lines) as it arrives. */
final class SseReader implements AutoCloseable {
    record Event(String name, String data) {
    }

    final List<Event> events = new CopyOnWriteArrayList<>();
    final List<String> lines = new CopyOnWriteArrayList<>();
    volatile String contentType;
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile Stream<String> body;

    SseReader(HttpClient client, String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
            .header("Accept", "text/event-stream").GET().build();
        response = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(r -> {
            contentType = r.headers().firstValue("Content-Type").orElse(null);
            body = r.body();
            String[] name = {null};
            StringBuilder data = new StringBuilder();
            try {
                r.body().forEach(line -> {
                    lines.add(line);
                    if (line.isEmpty()) {
                        if (name[0] != null || data.length() > 0) {
                            events.add(new Event(name[0] == null ? "message" : name[0], data.toString()));
                        }
                        name[0] = null;
                        data.setLength(0);
                    } else if (line.startsWith("event: ")) {
                        name[0] = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        data.append(data.length() > 0 ? "\n" : "").append(line.substring(6));
                    }
                });
            } catch (RuntimeException e) {
                // closed by the test or the server
            }
        });
    }

    List<String> data(String name) {
        return events.stream().filter(e -> e.name().equals(name)).map(Event::data).collect(Collectors.toList());
    }

    @Override
    public void close() {
        Stream<String> stream = body;
        if (stream != null) {
            stream.close();
        }
        response.cancel(true);
    }
}
