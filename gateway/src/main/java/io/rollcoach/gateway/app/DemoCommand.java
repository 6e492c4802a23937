package io.rollcoach.gateway.app;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.rollcoach.gateway.config.ConfigLoader;
import io.rollcoach.gateway.config.GatewayConfig;
import io.rollcoach.gateway.config.InputConfig;
import io.rollcoach.gateway.config.SimulatedInputConfig;
import io.rollcoach.gateway.display.DisplaySettings;
import io.rollcoach.gateway.service.Gateway;
import io.rollcoach.gateway.service.SimulatedInput;
import io.rollcoach.sim.scenario.ScenarioLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rollcoach demo}: everything in one process, with a simulated roller. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run everything in one process: an embedded MQTT broker, a simulated roller going through a full "
        + "guided session, the engine, MQTT and the display; prints a line per feedback event.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--mqtt-port", paramLabel = "PORT",
        description = "Port of the embedded broker (default 1883; another free port when taken).")
    int mqttPort = 1883;

    @Option(names = "--http-port", paramLabel = "PORT",
        description = "Port of the display (default 8080; another free port when taken).")
    int httpPort = 8080;

    @Option(names = "--scenario", paramLabel = "NAME|FILE",
        description = "What the simulated roller does (default full-session); see rollcoach-sim --list.")
    String scenario = "full-session";

    @Option(names = "--speed", paramLabel = "X", description = "Play the scenario X times faster (default 1).")
    double speed = 1;

    @Option(names = "--duration", paramLabel = "SECONDS",
        description = "Stop after this many seconds (default: when the scenario ends and 10 s more; 0: until Ctrl-C).")
    Double duration;

    @Option(names = "--stay", description = "Keep running after the scenario ends, until Ctrl-C.")
    boolean stay;

    @Option(names = "--history-dir", paramLabel = "DIR", description = "Keep the demo's sessions in an SQLite history "
        + "in DIR, so the display's history page has them (default: no history, and no history page).")
    Path historyDir;

    @Override
    public Integer call() {
        try {
            ScenarioLibrary.load(scenario);
        } catch (RuntimeException e) {
            System.err.println("rollcoach demo: " + e.getMessage());
            return GatewayRunner.EXIT_CONFIG;
        }
        try {
            InputConfig.checkSpeed("--speed", speed);
            // 0 is any free port for either; the demo takes another when one is taken
            DisplaySettings.checkPort("--mqtt-port", mqttPort);
            DisplaySettings.checkPort("--http-port", httpPort);
        } catch (IllegalArgumentException e) {
            System.err.println("rollcoach demo: " + e.getMessage());
            return GatewayRunner.EXIT_CONFIG;
        }
        if (duration != null && !(duration > 0 && duration <= 86_400)) {
            System.err.println("rollcoach demo: --duration must be more than 0 and at most 86400 s, was " + duration);
            return GatewayRunner.EXIT_CONFIG;
        }
        GatewayConfig defaults = ConfigLoader.defaults();
        GatewayConfig config = defaults
            .withInputs(List.of(new SimulatedInputConfig(scenario, speed, false, null, "demo")))
            .withBroker(new GatewayConfig.BrokerConfig("127.0.0.1", mqttPort))
            .withDisplay(new GatewayConfig.DisplayConfig(true, "0.0.0.0", httpPort, null, true))
            .withStorage(new GatewayConfig.StorageConfig(historyDir != null ? historyDir : defaults.storage().dir(),
                false, historyDir != null, defaults.storage().capturesMaxMb()));
        Gateway[] running = new Gateway[1];
        double seconds = duration != null ? duration : 0;
        long[] finishedAt = {0};
        return GatewayRunner.run(config, true, System.out, seconds, () -> {
            if (stay || duration != null || running[0] == null) {
                return false;
            }
            boolean finished = running[0].rollers().stream()
                .allMatch(r -> r.input() instanceof SimulatedInput s && s.finished());
            if (finished && finishedAt[0] == 0) {
                finishedAt[0] = System.nanoTime();
                System.out.println("The simulated session is over; stopping in 10 s (--stay keeps it running).");
            }
            return finished && System.nanoTime() - finishedAt[0] > 10_000_000_000L;
        }, gateway -> {
            running[0] = gateway;
            System.out.println("RollCoach demo: a simulated roller plays '" + scenario + "'"
                + (speed != 1 ? " at " + speed + "x" : "") + ".");
            if (gateway.displayUrl() != null) {
                System.out.println("  Display:     " + gateway.displayUrl() + "roller/00c0ffee00000001"
                    + "  (all rollers: " + gateway.displayUrl() + ")");
            }
            System.out.println("  Feedback as it happens (Ctrl-C to stop):");
            // The broker starts beside the rest (docs/performance.md#start): its line comes once it takes clients.
            Thread announce = new Thread(() -> {
                if (gateway.awaitBroker(60_000)) {
                    System.out.println("  MQTT broker: " + gateway.brokerAddress()
                        + "  (try: mosquitto_sub -h 127.0.0.1 -p " + gateway.brokerAddress().replaceAll(".*:", "")
                        + " -t '" + gateway.baseTopic() + "/#' -v)");
                }
            }, "demo-broker-line");
            announce.setDaemon(true);
            announce.start();
        });
    }
}
