package io.rollcoach.gateway.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.rollcoach.gateway.config.ConfigException;
import io.rollcoach.gateway.config.ConfigLoader;
import io.rollcoach.gateway.config.GatewayConfig;
import io.rollcoach.gateway.display.DisplayAddresses;
import io.rollcoach.gateway.mqtt.MqttSettings;
import io.rollcoach.gateway.service.StartCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rollcoach run}: the service. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the gateway: read the rollers, judge the rolling, publish over MQTT and the display "
        + "(the default command).")
final class RunCommand implements Callable<Integer> {
    static final Path DEFAULT_CONFIG = Path.of("/etc/rollcoach/rollcoach.yaml");

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
        description = "The YAML config (default /etc/rollcoach/rollcoach.yaml when it exists).")
    Path configFile;

    @Option(names = "--serial", paramLabel = "PORT",
        description = "Serve one roller on this serial port (repeatable); replaces the config's inputs.")
    List<String> serialPorts = new ArrayList<>();

    @Option(names = "--baud", paramLabel = "BAUD", description = "Baud rate for --serial ports (default 115200).")
    int baud = 115_200;

    @Option(names = "--simulate", paramLabel = "SCENARIO",
        description = "Serve a simulated roller playing this scenario (repeatable), e.g. to try the display.")
    List<String> simulate = new ArrayList<>();

    @Option(names = "--broker", paramLabel = "URL",
        description = "Use this MQTT broker (tcp://host:1883) instead of the config's or the embedded one.")
    String broker;

    @Option(names = "--mqtt-port", paramLabel = "PORT", description = "Port of the embedded broker (default 1883).")
    Integer mqttPort;

    @Option(names = "--http-port", paramLabel = "PORT", description = "Port of the display (default 8080).")
    Integer httpPort;

    @Option(names = "--speak", description = "Speak the coach on this machine's speaker with espeak-ng "
        + "(speech.enabled: true; apt-get install espeak-ng).")
    boolean speak;

    @Option(names = "--check", description = "Check the configuration, say what would run, and exit.")
    boolean check;

    @Mixin
    TechniqueOptions technique = new TechniqueOptions();

    @Override
    public Integer call() {
        GatewayConfig config;
        try {
            config = config();
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("rollcoach: " + e.getMessage());
            return GatewayRunner.EXIT_CONFIG;
        }
        String problem = StartCheck.problem(config);
        if (problem != null) {
            System.err.println("rollcoach: " + problem);
            return GatewayRunner.EXIT_CONFIG;
        }
        if (check) {
            System.out.println("configuration ok: gateway " + config.gatewayId() + ", " + config.inputs().size()
                + " input(s): " + config.inputs().stream().map(i -> i.kind() + " " + (i.target() != null ? i.target()
                : "")).toList() + "; MQTT " + (config.mqtt() == null ? "embedded broker on port " + config.broker().port()
                : config.mqtt().url()) + "; display " + (config.display().enabled() ? "on port "
                + config.display().port() : "off") + "; storage " + config.storage().dir());
            return GatewayRunner.EXIT_OK;
        }
        return GatewayRunner.run(config, false, null, 0, null, gateway -> System.err.println(
            "rollcoach: serving " + gateway.rollers().size() + " roller(s); MQTT at " + gateway.brokerAddress()
                + " under " + gateway.baseTopic() + "/" + (gateway.displayUrl() != null ? "; display at "
                + String.join(" or ", DisplayAddresses.of(gateway.displayUrl(), config.display().bindAddress())) : "")));
    }

    GatewayConfig config() {
        GatewayConfig config;
        if (configFile != null) {
            config = ConfigLoader.load(configFile);
        } else if (Files.isReadable(DEFAULT_CONFIG)) {
            config = ConfigLoader.load(DEFAULT_CONFIG);
        } else {
            config = ConfigLoader.defaults();
        }
        return override(config);
    }

    GatewayConfig override(GatewayConfig config) {
        List<GatewayConfig.InputConfig> inputs = new ArrayList<>();
        for (String port : serialPorts) {
            inputs.add(new GatewayConfig.InputConfig("serial", port, baud, null, 1, false, true, null, "--serial " + port));
        }
        for (String scenario : simulate) {
            inputs.add(new GatewayConfig.InputConfig("simulate", scenario, baud, null, 1, true, false, null,
                "--simulate " + scenario));
        }
        if (!inputs.isEmpty()) {
            config = config.withInputs(inputs);
        }
        if (!serialPorts.isEmpty() && (baud < 1200 || baud > 4_000_000)) {
            throw new IllegalArgumentException("--baud must be from 1200 to 4000000, was " + baud);
        }
        if (broker != null && mqttPort != null) {
            throw new IllegalArgumentException("--mqtt-port is the embedded broker's port; with --broker " + broker
                + " there is none: give one or the other");
        }
        if (mqttPort != null && (mqttPort < 1 || mqttPort > 65535)) {
            throw new IllegalArgumentException("--mqtt-port must be from 1 to 65535, was " + mqttPort);
        }
        if (httpPort != null && (httpPort < 0 || httpPort > 65535)) {
            throw new IllegalArgumentException("--http-port must be from 0 (any free port) to 65535, was " + httpPort);
        }
        if (broker != null) {
            config = config.withMqtt(config.mqtt() == null ? MqttSettings.of(broker, config.gatewayId())
                : new MqttSettings(broker, config.mqtt().clientId(), config.mqtt().username(), config.mqtt().password(),
                    config.mqtt().caFile(), config.mqtt().clientCertFile(), config.mqtt().clientKeyFile(),
                    config.mqtt().baseTopic(), config.gatewayId(), config.mqtt().discovery(),
                    config.mqtt().discoveryPrefix(), config.mqtt().bufferMessages(), config.mqtt().telemetryQos(),
                    config.mqtt().keepAliveSeconds()));
        }
        if (mqttPort != null) {
            config = config.withBroker(new GatewayConfig.BrokerConfig(config.broker().bindAddress(), mqttPort));
        }
        if (httpPort != null) {
            GatewayConfig.DisplayConfig d = config.display();
            config = config.withDisplay(new GatewayConfig.DisplayConfig(d.enabled(), d.bindAddress(), httpPort, d.pin(),
                d.speech()));
        }
        if (speak) {
            config = config.withSpeech(config.speech().withEnabled(true));
        }
        return config.withTechnique(technique.config(config.technique()), technique.routine(config.routine()));
    }
}
