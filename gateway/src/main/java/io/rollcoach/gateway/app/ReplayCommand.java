package io.rollcoach.gateway.app;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.rollcoach.gateway.config.ConfigException;
import io.rollcoach.gateway.config.GatewayConfig;
import io.rollcoach.gateway.config.InputConfig;
import io.rollcoach.gateway.config.ReplayInputConfig;
import io.rollcoach.gateway.service.Gateway;
import io.rollcoach.gateway.service.ReplayInput;
import io.rollcoach.gateway.service.StartCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rollcoach replay CAPTURE}: a recorded session through the live path, to watch it again. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Feed a capture file through the live gateway (engine, MQTT, display) at real time or faster.")
final class ReplayCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CAPTURE", description = "The capture file (as 'record' writes it).")
    Path capture;

    @Option(names = "--speed", paramLabel = "X", description = "Play X times faster (default 1).")
    double speed = 1;

    @Option(names = "--stay", description = "Keep running after the capture ends, until Ctrl-C.")
    boolean stay;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "The YAML config for broker and display.")
    Path configFile;

    @Option(names = "--broker", paramLabel = "URL", description = "Use this MQTT broker instead of the embedded one.")
    String broker;

    @Option(names = "--mqtt-port", paramLabel = "PORT", description = "Port of the embedded broker (default 1883).")
    Integer mqttPort;

    @Option(names = "--http-port", paramLabel = "PORT", description = "Port of the display (default 8080).")
    Integer httpPort;

    @Mixin
    TechniqueOptions technique = new TechniqueOptions();

    @Override
    public Integer call() {
        try {
            InputConfig.checkSpeed("--speed", speed);
        } catch (IllegalArgumentException e) {
            System.err.println("rollcoach replay: " + e.getMessage());
            return GatewayRunner.EXIT_CONFIG;
        }
        RunCommand run = new RunCommand();
        run.configFile = configFile;
        run.broker = broker;
        run.mqttPort = mqttPort;
        run.httpPort = httpPort;
        run.technique = technique;
        GatewayConfig config;
        try {
            config = run.config().withInputs(List.of(new ReplayInputConfig(capture, speed, null, "replay")));
        } catch (ConfigException e) {
            e.problems().forEach(problem -> System.err.println("rollcoach replay: " + problem));
            return GatewayRunner.EXIT_CONFIG;
        } catch (IllegalArgumentException e) {
            System.err.println("rollcoach replay: " + e.getMessage());
            return GatewayRunner.EXIT_CONFIG;
        }
        String problem = StartCheck.problem(config);
        if (problem != null) {
            System.err.println("rollcoach replay: " + problem);
            return GatewayRunner.EXIT_CONFIG;
        }
        // watching a recording again is not rolling today: no new session in the history, none on the daily limit
        GatewayConfig.StorageConfig storage = config.storage();
        config = config.withStorage(new GatewayConfig.StorageConfig(storage.dir(), false, false,
            storage.capturesMaxMb()));
        Gateway[] running = new Gateway[1];
        return GatewayRunner.run(config, true, System.out, 0, () -> !stay && running[0] != null
            && running[0].rollers().stream().allMatch(r -> r.input() instanceof ReplayInput p && p.finished()),
            gateway -> {
                running[0] = gateway;
                System.out.println("Replaying " + capture + " (MQTT " + gateway.brokerUrl()
                    + (gateway.displayUrl() != null ? ", display " + gateway.displayUrl() : "") + ")");
            });
    }
}
