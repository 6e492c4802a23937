package io.rollcoach.gateway.display;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * {@code /display/<file>} from the classpath's {@code display/}, and {@code /display/uplot/<file>} from uPlot's
 * webjar: everything the page needs ships in the jar, so it works on a network without internet.
 */
final class StaticAssets implements HttpHandler {
    static final String PREFIX = "/display/";
    private static final String UPLOT = "uplot/";
    private static final Map<String, String> TYPES = Map.of(
        "html", "text/html; charset=utf-8",
        "js", "text/javascript; charset=utf-8",
        "css", "text/css; charset=utf-8",
        "svg", "image/svg+xml",
        "png", "image/png",
        "json", "application/json; charset=utf-8",
        "map", "application/json; charset=utf-8");

    private final String uplotRoot;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    StaticAssets() {
        this.uplotRoot = "META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                Responses.text(exchange, 405, "GET only");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            serve(exchange, path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "");
        }
    }

    /** Sends {@code name} (relative to /display/), or 404. */
    void serve(HttpExchange exchange, String name) throws IOException {
        // Only plain names: no way up out of the asset folders.
        if (name.contains("..")
            || !name.matches("[A-Za-z0-9_\\-][A-Za-z0-9_.\\-]*(/[A-Za-z0-9_\\-][A-Za-z0-9_.\\-]*)*")) {
            Responses.text(exchange, 404, "no such asset: " + name);
            return;
        }
        String resource = name.startsWith(UPLOT) ? uplotRoot + name.substring(UPLOT.length()) : "display/" + name;
        byte[] body = cache.computeIfAbsent(resource, StaticAssets::load);
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        if (body.length == 0 || type == null) {
            Responses.text(exchange, 404, "no such asset: " + name);
            return;
        }
        // The page and its script change with the gateway's version; a short cache keeps them fresh after an update.
        exchange.getResponseHeaders().set("Cache-Control", name.startsWith(UPLOT) ? "max-age=86400" : "no-cache");
        Responses.send(exchange, 200, type, body);
    }

    private static byte[] load(String resource) {
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** The webjar's version, from its Maven metadata, so a version bump in the parent pom needs no code change. */
    static String uplotVersion() {
        try (InputStream in = StaticAssets.class.getClassLoader()
            .getResourceAsStream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("uPlot's webjar (org.webjars.npm:uplot) is not on the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read uPlot's webjar version", e);
        }
    }
}
