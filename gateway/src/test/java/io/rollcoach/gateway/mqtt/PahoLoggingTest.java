package io.rollcoach.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.eclipse.paho.mqttv5.client.logging.Logger;
import org.eclipse.paho.mqttv5.client.logging.LoggerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PahoLoggingTest {
    private static final String COMMS = "org.eclipse.paho.mqttv5.client.internal.ClientComms";

    // CHECKSTYLE:OFF fullyQualifiedName: Logger and LoggerFactory are Paho's in this test; logback's stay qualified
    private final ch.qos.logback.classic.Logger paho =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.eclipse.paho");
    // CHECKSTYLE:ON fullyQualifiedName
    private final ListAppender<ILoggingEvent> seen = new ListAppender<>();
    private Level levelBefore;

    @BeforeEach
    void listen() {
        PahoLogging.install();
        levelBefore = paho.getLevel();
        paho.setLevel(Level.WARN);
        seen.start();
        paho.addAppender(seen);
    }

    @AfterEach
    void stopListening() {
        paho.detachAppender(seen);
        paho.setLevel(levelBefore);
    }

    @Test
    void pahosFactoryHandsOutOurLogger() {
        Logger logger = LoggerFactory.getLogger(LoggerFactory.MQTT_CLIENT_MSG_CAT, COMMS);

        assertInstanceOf(PahoLogging.class, logger);
    }

    @Test
    void aSevereMessageArrivesAsOneWarningLineWithItsCatalogueTextAndCause() {
        Logger logger = LoggerFactory.getLogger(LoggerFactory.MQTT_CLIENT_MSG_CAT, COMMS);
        logger.setResourceName("rollcoach-gw");

        logger.severe(COMMS, "shutdownConnection", "804", null, new IOException("connection reset"));

        assertEquals(1, seen.list.size());
        ILoggingEvent event = seen.list.get(0);
        assertEquals(Level.WARN, event.getLevel());
        assertEquals(COMMS, event.getLoggerName());
        assertEquals("rollcoach-gw: exception (java.io.IOException: connection reset)", event.getFormattedMessage());
        assertNull(event.getThrowableProxy(), "the stack only at debug level");
    }

    @Test
    void atDebugLevelTheStackComesToo() {
        paho.setLevel(Level.DEBUG);
        Logger logger = LoggerFactory.getLogger(LoggerFactory.MQTT_CLIENT_MSG_CAT, COMMS);

        logger.warning(COMMS, "run", "804", null, new IOException("broken pipe"));

        assertEquals(1, seen.list.size());
        assertEquals("broken pipe", seen.list.get(0).getThrowableProxy().getMessage());
    }

    @Test
    void theChatterPerMessageIsNotLoggableAndLeavesNothing() {
        Logger logger = LoggerFactory.getLogger(LoggerFactory.MQTT_CLIENT_MSG_CAT, COMMS);

        assertFalse(logger.isLoggable(Logger.FINE));
        assertFalse(logger.isLoggable(Logger.INFO));
        assertTrue(logger.isLoggable(Logger.WARNING));
        logger.fine(COMMS, "run", "802", new Object[] {"key", "PUBLISH"});
        logger.info(COMMS, "run", "208");

        assertEquals(0, seen.list.size());
    }

    @Test
    void placeholdersAreFilledFromTheCatalogue() {
        Logger logger = LoggerFactory.getLogger(LoggerFactory.MQTT_CLIENT_MSG_CAT, COMMS);

        assertEquals("network send key=7 msg=PUBLISH", logger.formatMessage("802", new Object[] {"7", "PUBLISH"}));
        assertEquals("no-such-key", logger.formatMessage("no-such-key", null));
    }
}
