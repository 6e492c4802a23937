package io.rollcoach.gateway.display;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.rollcoach.gateway.command.Command;
import io.rollcoach.gateway.command.CommandException;
import io.rollcoach.gateway.command.CommandParser;
import io.rollcoach.gateway.command.CommandResult;
import io.rollcoach.gateway.command.CommandRouter;

/**
 * {@code GET /api/rollers} and {@code POST /api/rollers/<id>/cmd/<path>}: the display's buttons go through the
 * same parser and engine queue as MQTT commands. Runs on the HTTP threads.
 */
final class CommandApi implements HttpHandler {
    static final String PREFIX = "/api/rollers";
    static final String PIN_HEADER = "X-RollCoach-Pin";
    static final long ANSWER_TIMEOUT_MS = 3000;

    private final CommandRouter router;
    private final CommandParser parser = new CommandParser();
    private final DisplayRelay relay;
    private final byte[] pin;

    CommandApi(CommandRouter router, DisplayRelay relay, String pin) {
        this.router = router;
        this.relay = relay;
        this.pin = pin == null ? null : pin.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals(PREFIX) || path.equals(PREFIX + "/")) {
                if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                    Responses.json(exchange, 405, CommandResult.error("GET only").toJson(null));
                    return;
                }
                Responses.json(exchange, 200, rollersJson());
                return;
            }
            String rest = path.startsWith(PREFIX + "/") ? path.substring(PREFIX.length() + 1) : "";
            int cmdAt = rest.indexOf("/cmd/");
            if (cmdAt <= 0) {
                Responses.json(exchange, 404, CommandResult.error("no such API: " + path
                    + "; try GET " + PREFIX + " or POST " + PREFIX + "/<roller>/cmd/<command>").toJson(null));
                return;
            }
            String roller = Responses.decode(rest.substring(0, cmdAt));
            String command = rest.substring(cmdAt + "/cmd/".length());
            command(exchange, roller, command);
        }
    }

    private void command(HttpExchange exchange, String roller, String path) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            Responses.json(exchange, 405, CommandResult.error("commands are POSTed").toJson(path));
            return;
        }
        if (pin != null && !pinMatches(exchange.getRequestHeaders().getFirst(PIN_HEADER))) {
            Responses.json(exchange, 401, CommandResult.error("this display needs its PIN for commands (header "
                + PIN_HEADER + ")").toJson(path));
            return;
        }
        if (!router.rollers().contains(roller)) {
            Responses.json(exchange, 404, router.submit(roller, null).join().toJson(path));
            return;
        }
        byte[] payload;
        try (InputStream in = exchange.getRequestBody()) {
            payload = in.readNBytes(CommandParser.MAX_PAYLOAD_BYTES + 1);
        }
        Command parsed;
        try {
            parsed = parser.parse(path, payload);
        } catch (CommandException e) {
            Responses.json(exchange, 400, CommandResult.error(e.getMessage()).toJson(path));
            return;
        }
        CommandResult result;
        try {
            result = router.submit(roller, parsed).get(ANSWER_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            Responses.json(exchange, 504, CommandResult.error("the roller did not answer within "
                + ANSWER_TIMEOUT_MS / 1000 + " s; it may be busy or stopped").toJson(path));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Responses.json(exchange, 503, CommandResult.error("the display is shutting down").toJson(path));
            return;
        } catch (ExecutionException e) {
            result = CommandResult.error(path + " failed: " + e.getCause());
        }
        // A command the roller refuses (no session running, ...) is as much a bad command as a malformed one.
        Responses.json(exchange, result.ok() ? 200 : 400, result.toJson(path));
    }

    private boolean pinMatches(String given) {
        // constant-time, so the answer's timing says nothing of how much of a guess was right
        return given != null && MessageDigest.isEqual(pin, given.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code {"rollers":[{"roller":..,"status":..,"step":..,"page":"/roller/.."}]}}: connected ones first. */
    String rollersJson() {
        Set<String> names = new LinkedHashSet<>(router.rollers());
        for (RollerView view : relay.views()) {
            names.add(view.roller);
        }
        List<String> items = new ArrayList<>();
        for (String name : names) {
            RollerView view = relay.view(name);
            StringBuilder sb = new StringBuilder("{\"roller\":");
            Json.quote(sb, name).append(",\"status\":");
            Json.quote(sb, view == null || view.status == null ? "offline" : view.status).append(",\"step\":");
            Json.quote(sb, view == null ? null : view.currentStep()).append(",\"commands\":")
                .append(router.rollers().contains(name)).append(",\"page\":");
            Json.quote(sb, "/roller/" + Pages.encode(name)).append('}');
            items.add(sb.toString());
        }
        return "{\"rollers\":[" + String.join(",", items) + "]}";
    }
}
