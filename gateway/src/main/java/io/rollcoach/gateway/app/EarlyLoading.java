package io.rollcoach.gateway.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.slf4j.LoggerFactory;

/**
 * Loads, on a second core while the command line is parsed, what every gateway start needs next and takes the
 * longest to load: Jackson with its YAML reader (the routine, the scenarios, the config) and the logging. About a
 * fifth of {@code demo}'s time to its first feedback went to these, one after the other, on the main thread.
 */
final class EarlyLoading {
    private EarlyLoading() {
    }

    static void start() {
        Thread loader = new Thread(() -> {
            try {
                new ObjectMapper(new YAMLFactory()).readTree("warm: [1, 2.5, true, text]");
                LoggerFactory.getLogger(EarlyLoading.class);
            } catch (Exception | LinkageError e) {
                // nothing lost: the main thread loads the same classes when it needs them, and says what failed
            }
        }, "early-loading");
        loader.setDaemon(true);
        loader.start();
    }
}
