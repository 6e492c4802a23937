package io.rollcoach.gateway.display;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.function.BooleanSupplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.rollcoach.gateway.command.CommandRouter;

/**
 * {@code /}: the overview of every roller, written here and refreshed every few seconds; {@code /roller/<id>}:
 * the live page, one static file that finds its roller in the address. Runs on the HTTP threads.
 */
final class Pages implements HttpHandler {
    static final String ROLLER_PREFIX = "/roller/";

    private final CommandRouter router;
    private final DisplayRelay relay;
    private final StaticAssets assets;
    private final BooleanSupplier hasHistory;

    /** @param hasHistory whether {@code /history} is served: the demo and a gateway without history link to none */
    Pages(CommandRouter router, DisplayRelay relay, StaticAssets assets, BooleanSupplier hasHistory) {
        this.router = router;
        this.relay = relay;
        this.assets = assets;
        this.hasHistory = hasHistory;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                Responses.text(exchange, 405, "GET only");
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals("/")) {
                Responses.html(exchange, 200, overview());
            } else if (path.startsWith(ROLLER_PREFIX) && path.length() > ROLLER_PREFIX.length()
                && path.indexOf('/', ROLLER_PREFIX.length()) < 0) {
                assets.serve(exchange, "roller.html");
            } else if (path.equals("/favicon.ico")) {
                assets.serve(exchange, "favicon.svg");
            } else {
                Responses.text(exchange, 404, "nothing at " + path + "; the rollers are listed at /");
            }
        }
    }

    private String overview() {
        StringBuilder rows = new StringBuilder();
        var names = new LinkedHashSet<String>();
        for (RollerView view : relay.views()) {
            names.add(view.roller);
        }
        names.addAll(router.rollers()); // the router knows rollers that have said nothing yet
        for (String name : names) {
            RollerView view = relay.view(name);
            String status = view == null || view.status == null ? "offline" : view.status;
            String step = view == null || view.currentStep() == null ? "no session running" : view.currentStep();
            rows.append("<li class=\"roller ").append(escape(status)).append("\"><a href=\"").append(ROLLER_PREFIX)
                .append(encode(name)).append("\"><span class=\"name\">").append(escape(name))
                .append("</span><span class=\"status\">").append(escape(status))
                .append("</span><span class=\"step\">").append(escape(step)).append("</span></a></li>\n");
        }
        if (rows.length() == 0) {
            rows.append("<li class=\"empty\">No roller has connected yet. Switch one on, or start the demo.</li>");
        }
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<meta http-equiv=\"refresh\" content=\"5\">"
            + "<title>RollCoach</title><link rel=\"stylesheet\" href=\"/display/display.css\"></head>"
            + "<body class=\"overview\"><h1>RollCoach</h1><ul class=\"rollers\">\n" + rows + "</ul>"
            + "<p class=\"hint\">Open a roller for its live page. This list refreshes every 5 s. "
            + (hasHistory.getAsBoolean() ? "<a href=\"/history\">Session history</a>" : "") + "</p></body></html>\n";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
