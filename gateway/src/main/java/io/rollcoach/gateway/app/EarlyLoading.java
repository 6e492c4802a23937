package io.rollcoach.gateway.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.rollcoach.gateway.history.HistoryStore;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;

/**
 * Loads, on a second core while the command line is parsed, what every gateway start needs next and takes the
 * longest to load: Jackson with its YAML reader (the routine, the scenarios, the config) and the logging. About a
 * fifth of {@code demo}'s time to its first feedback went to these, one after the other, on the main thread. For the
 * service, SQLite too (its native library and a history opened in memory): opening the history was the longest step
 * after the config.
 */
final class EarlyLoading {
    private EarlyLoading() {
    }

    /**
     * @param service a {@code run}: also SQLite's native library (the history) and Paho's client classes, which the
     *                service's start otherwise waits for after reading its config
     */
    static void start(boolean service) {
        Thread loader = new Thread(() -> {
            try {
                new ObjectMapper(new YAMLFactory()).readTree("warm: [1, 2.5, true, text]");
                LoggerFactory.getLogger(EarlyLoading.class);
                if (service) {
                    SQLiteJDBCLoader.initialize();
                    HistoryStore.warmUp();
                    Class.forName(MqttAsyncClient.class.getName(), true, EarlyLoading.class.getClassLoader());
                }
            } catch (Exception | LinkageError e) {
                // nothing lost: the main thread loads the same classes when it needs them, and says what failed
            }
        }, "early-loading");
        loader.setDaemon(true);
        loader.start();
    }
}
