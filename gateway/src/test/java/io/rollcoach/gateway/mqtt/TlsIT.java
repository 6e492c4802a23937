package io.rollcoach.gateway.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.hivemq.embedded.EmbeddedHiveMQ;
import io.rollcoach.gateway.command.CommandRouter;
import io.rollcoach.gateway.outbox.Outbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MQTT over TLS to a broker whose certificate only our CA file vouches for. */
class TlsIT {

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "keytool: " + output);
    }

    @Test
    void connectsWithTheConfiguredCaAndRefusesWithout(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("broker.jks");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
            "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-keystore", keystore.toString(),
            "-storepass", "changeit", "-keypass", "changeit", "-storetype", "JKS");
        Path ca = dir.resolve("ca.pem");
        keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore", keystore.toString(), "-storepass", "changeit",
            "-file", ca.toString());
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("config.xml"), "<?xml version=\"1.0\"?>\n<hivemq><listeners>"
            + "<tls-tcp-listener><port>" + port + "</port><bind-address>127.0.0.1</bind-address><tls><keystore>"
            + "<path>" + keystore + "</path><password>changeit</password><private-key-password>changeit"
            + "</private-key-password></keystore></tls></tls-tcp-listener></listeners>"
            + "<persistence><mode>in-memory</mode></persistence>"
            + "<anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics></hivemq>");
        try (EmbeddedHiveMQ broker = EmbeddedHiveMQ.builder().withConfigurationFolder(conf)
            .withDataFolder(Files.createDirectories(dir.resolve("data")))
            .withExtensionsFolder(Files.createDirectories(dir.resolve("ext"))).build()) {
            broker.start().get(30, TimeUnit.SECONDS);
            String url = "ssl://127.0.0.1:" + port;

            MqttSettings trusted = new MqttSettings(url, null, null, null, ca, null, null, "tls", "gw-tls", false,
                "homeassistant", 100, 0, 30);
            try (MqttGateway gateway = new MqttGateway(trusted, new Outbox(1 << 16).subscribe("mqtt"),
                new CommandRouter())) {
                gateway.start();
                await().atMost(Duration.ofSeconds(15)).until(gateway::isConnected);
            }

            MqttSettings untrusted = new MqttSettings(url, null, null, null, null, null, null, "tls", "gw-tls2", false,
                "homeassistant", 100, 0, 30);
            try (MqttGateway gateway = new MqttGateway(untrusted, new Outbox(1 << 16).subscribe("mqtt"),
                new CommandRouter())) {
                gateway.start();
                await().atMost(Duration.ofSeconds(15)).until(() -> !gateway.health().get("lastProblem").toString()
                    .isEmpty());
                assertFalse(gateway.isConnected(), "a certificate no CA vouches for is refused");
                assertTrue(gateway.health().get("lastProblem").toString().contains(url), gateway.health().toString());
            }
            broker.stop().get(10, TimeUnit.SECONDS);
        }
        assertEquals(true, Files.exists(ca));
    }
}
