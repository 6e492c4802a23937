package io.rollcoach.gateway.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.rollcoach.gateway.broker.EmbeddedBroker;
import io.rollcoach.gateway.config.ConfigException;
import io.rollcoach.gateway.config.ConfigLoader;
import io.rollcoach.gateway.config.GatewayConfig;
import io.rollcoach.gateway.config.GpioInputConfig;
import io.rollcoach.gateway.config.InputConfig;
import io.rollcoach.gateway.config.ReplayInputConfig;
import io.rollcoach.gateway.config.SerialInputConfig;
import io.rollcoach.gateway.config.SimulatedInputConfig;
import io.rollcoach.gateway.display.DisplayAddresses;
import io.rollcoach.gateway.display.DisplaySettings;
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
        } catch (ConfigException e) {
            e.problems().forEach(problem -> System.err.println("rollcoach: " + problem));
            return GatewayRunner.EXIT_CONFIG;
        } catch (IllegalArgumentException e) {
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
                + " input(s): " + config.inputs().stream().map(RunCommand::describe).toList() + "; MQTT "
                + (config.mqtt() == null ? "embedded broker on port " + config.broker().port()
                : config.mqtt().url()) + "; display " + (config.display().enabled() ? "on port "
                + config.display().port() : "off") + "; storage " + config.storage().dir());
            return GatewayRunner.EXIT_OK;
        }
        return GatewayRunner.run(config, false, null, 0, null, gateway -> System.err.println(
            "rollcoach: serving " + gateway.rollers().size() + " roller(s); MQTT at " + gateway.brokerAddress()
                + " under " + gateway.baseTopic() + "/" + (gateway.displayUrl() != null ? "; display at "
                + String.join(" or ", DisplayAddresses.of(gateway.displayUrl(), config.display().bindAddress()))
                : "")));
    }

    private static String describe(InputConfig input) {
        if (input instanceof SerialInputConfig serial) {
            return "serial " + serial.port();
        } else if (input instanceof SimulatedInputConfig simulated) {
            return "simulate " + simulated.scenario();
        } else if (input instanceof ReplayInputConfig replay) {
            return "replay " + replay.capture();
        } else if (input instanceof GpioInputConfig gpio) {
            return "gpio " + gpio.name();
        }
        throw new IllegalStateException("no description for " + input); // InputConfig is sealed: never
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
        if (!serialPorts.isEmpty()) {
            SerialInputConfig.checkBaud("--baud", baud);
        }
        List<InputConfig> inputs = new ArrayList<>();
        for (String port : serialPorts) {
            inputs.add(new SerialInputConfig(port, baud, true, null, "--serial " + port));
        }
        for (String scenario : simulate) {
            inputs.add(new SimulatedInputConfig(scenario, 1, true, null, "--simulate " + scenario));
        }
        if (!inputs.isEmpty()) {
            config = config.withInputs(inputs);
        }
        if (broker != null && mqttPort != null) {
            throw new IllegalArgumentException("--mqtt-port is the embedded broker's port; with --broker " + broker
                + " there is none: give one or the other");
        }
        if (mqttPort != null) {
            EmbeddedBroker.checkPort("--mqtt-port", mqttPort);
        }
        if (httpPort != null) {
            DisplaySettings.checkPort("--http-port", httpPort);
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
