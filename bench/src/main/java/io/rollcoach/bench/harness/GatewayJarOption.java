package io.rollcoach.bench.harness;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** The gateway jar a harness command runs as its own process. */
final class GatewayJarOption {
    @Option(names = "--gateway-jar", paramLabel = "PATH",
        description = "The gateway jar (default gateway/target/rollcoach.jar).")
    Path gatewayJar = Path.of("gateway/target/rollcoach.jar");
}
