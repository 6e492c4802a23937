package io.rollcoach.gateway.mqtt;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.paho.mqttv5.client.logging.Logger;
import org.eclipse.paho.mqttv5.client.logging.LoggerFactory;

/**
 * Paho's log calls, sent to SLF4J under Paho's class names, so they reach the same console and journal as ours.
 *
 * <p>It is also cheaper. Paho asks its factory for a new logger for every message it sends (each token has its own),
 * and its default, the JDK's logging, looks itself up in the JDK's log manager each time: about 10 µs a message
 * while that code is not yet compiled, which it is not for minutes at 20 messages a second. Here a logger is an
 * empty object until something is actually logged.
 */
public final class PahoLogging implements Logger {
    // CHECKSTYLE:OFF fullyQualifiedName: Logger and LoggerFactory are Paho's here, so SLF4J's stay qualified
    private static final ConcurrentHashMap<String, org.slf4j.Logger> TARGETS = new ConcurrentHashMap<>();
    private static final org.slf4j.Logger PAHO = org.slf4j.LoggerFactory.getLogger("org.eclipse.paho");
    // CHECKSTYLE:ON fullyQualifiedName

    private ResourceBundle catalog;
    private String loggerId;
    private String resourceName;

    /** Makes Paho log through this class; call before creating a client. */
    public static void install() {
        LoggerFactory.setLogger(PahoLogging.class.getName());
    }

    /** Paho creates it by reflection. */
    public PahoLogging() {
    }

    @Override
    public void initialise(ResourceBundle messageCatalog, String loggerId, String resourceName) {
        this.catalog = messageCatalog;
        this.loggerId = loggerId;
        this.resourceName = resourceName;
    }

    @Override
    public void setResourceName(String resourceName) {
        this.resourceName = resourceName;
    }

    @Override
    public boolean isLoggable(int level) {
        // one logger's level answers for all of Paho: checked on every message, so no lookup by name here
        return switch (level) {
            case SEVERE, WARNING -> PAHO.isWarnEnabled();
            case INFO, CONFIG -> PAHO.isDebugEnabled();
            default -> PAHO.isTraceEnabled();
        };
    }

    @Override
    public void log(int level, String sourceClass, String sourceMethod, String msg, Object[] inserts,
                    Throwable thrown) {
        if (!isLoggable(level)) {
            return;
        }
        // CHECKSTYLE:OFF fullyQualifiedName: SLF4J's Logger, as above
        org.slf4j.Logger target = TARGETS.computeIfAbsent(loggerId != null ? loggerId : sourceClass,
            org.slf4j.LoggerFactory::getLogger);
        // CHECKSTYLE:ON fullyQualifiedName
        String text = (resourceName != null ? resourceName + ": " : "") + formatMessage(msg, inserts);
        switch (level) {
            case SEVERE, WARNING -> {
                // Paho reports a lost connection as SEVERE with its stack; the gateway says it in one line of its own
                if (thrown != null && !target.isDebugEnabled()) {
                    target.warn("{} ({})", text, thrown.toString());
                } else {
                    target.warn(text, thrown);
                }
            }
            case INFO, CONFIG -> target.debug(text, thrown);
            default -> target.trace(text, thrown);
        }
    }

    @Override
    public void trace(int level, String sourceClass, String sourceMethod, String msg, Object[] inserts,
                      Throwable thrown) {
        log(FINEST, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    /** Paho passes a catalogue key ("804") and the values for its placeholders. */
    @Override
    public String formatMessage(String msg, Object[] inserts) {
        String pattern = msg;
        if (catalog != null && msg != null) {
            try {
                pattern = catalog.getString(msg);
            } catch (MissingResourceException e) {
                pattern = msg;
            }
        }
        if (pattern == null || inserts == null || inserts.length == 0) {
            return pattern;
        }
        try {
            return MessageFormat.format(pattern, inserts);
        } catch (IllegalArgumentException e) {
            return pattern + " " + Arrays.toString(inserts);
        }
    }

    @Override
    public void dumpTrace() {
    }

    // ------------------------------------------------------------------ the level methods Paho calls

    @Override
    public void severe(String sourceClass, String sourceMethod, String msg) {
        log(SEVERE, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void severe(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(SEVERE, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void severe(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(SEVERE, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void warning(String sourceClass, String sourceMethod, String msg) {
        log(WARNING, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void warning(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(WARNING, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void warning(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(WARNING, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void info(String sourceClass, String sourceMethod, String msg) {
        log(INFO, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void info(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(INFO, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void info(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(INFO, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void config(String sourceClass, String sourceMethod, String msg) {
        log(CONFIG, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void config(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(CONFIG, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void config(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(CONFIG, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void fine(String sourceClass, String sourceMethod, String msg) {
        log(FINE, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void fine(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(FINE, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void fine(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(FINE, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void finer(String sourceClass, String sourceMethod, String msg) {
        log(FINER, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void finer(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(FINER, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void finer(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(FINER, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void finest(String sourceClass, String sourceMethod, String msg) {
        log(FINEST, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void finest(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(FINEST, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void finest(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(FINEST, sourceClass, sourceMethod, msg, inserts, thrown);
    }
}
