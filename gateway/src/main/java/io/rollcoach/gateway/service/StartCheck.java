package io.rollcoach.gateway.service;

import java.nio.file.Files;
import java.nio.file.Path;

import io.rollcoach.gateway.config.GatewayConfig;
import io.rollcoach.gateway.config.InputConfig;
import io.rollcoach.gateway.config.ReplayInputConfig;
import io.rollcoach.gateway.config.SimulatedInputConfig;
import io.rollcoach.sim.scenario.ScenarioException;
import io.rollcoach.sim.scenario.ScenarioLibrary;

/**
 * What would stop a {@link Gateway} at start and can be known without starting it, so that {@code run --check} answers
 * for {@code run}, and {@code replay} stops before a broker is started for a capture that is not there. Called on the
 * main thread, before the start.
 */
public final class StartCheck {
    private StartCheck() {
    }

    /**
     * The first problem, in words that name the input and what to do; null when there is none. Looks for: no roller, a
     * scenario or capture that is not there, a storage folder that is a file.
     */
    public static String problem(GatewayConfig config) {
        if (config.inputs().isEmpty()) {
            return "no roller to serve: give --serial PORT (see 'rollcoach ports'), --simulate SCENARIO, or 'inputs:' "
                + "in the config (docs/configuration.md)";
        }
        for (InputConfig input : config.inputs()) {
            if (input instanceof SimulatedInputConfig simulated) {
                try {
                    ScenarioLibrary.load(simulated.scenario());
                } catch (ScenarioException e) {
                    return input.where() + ": " + e.getMessage();
                }
            } else if (input instanceof ReplayInputConfig replay) {
                Path file = replay.capture();
                if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                    return input.where() + ": cannot read the capture file " + file + (Files.isDirectory(file)
                        ? " (a folder, not a file)" : Files.exists(file) ? " (permissions?)" : " (no such file)");
                }
            }
        }
        Path storage = config.storage().dir();
        if (Files.exists(storage) && !Files.isDirectory(storage)) {
            return "storage.dir " + storage + " is a file, not a folder";
        }
        return null;
    }
}
