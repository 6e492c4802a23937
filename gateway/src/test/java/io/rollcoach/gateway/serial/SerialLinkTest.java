package io.rollcoach.gateway.serial;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import io.rollcoach.gateway.input.RecordingListener;
import org.junit.jupiter.api.Test;

/** The link without a device: what happens when the port is not there. */
class SerialLinkTest {
    private static final String MISSING = "/tmp/rc-no-such-port-4711";

    @Test
    void aMissingPortIsRefusedNamingIt() {
        SerialLink link = new SerialLink(SerialLinkConfig.of(MISSING), new RecordingListener());
        SerialLinkException e = assertThrows(SerialLinkException.class, () -> link.start(false));
        assertTrue(e.getMessage().contains(MISSING), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertEquals(MISSING, e.port());
        link.close();
    }

    @Test
    void theLinkTicksWhileWaitingForAMissingPortAndSendsNothing() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (SerialLink link = new SerialLink(SerialLinkConfig.of(MISSING), listener)) {
            link.start(true);
            await().atMost(Duration.ofSeconds(2)).until(() -> listener.ticks().size() >= 5);
            assertFalse(link.isOpen());
            assertFalse(link.send(new byte[] {1, 2, 0}, 0, 3), "nothing to send to");
            assertEquals(0, listener.lost());
            assertEquals(0, listener.restored());
        }
    }

    @Test
    void theReaderThreadIsADaemonNamedAfterThePort() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (SerialLink link = new SerialLink(SerialLinkConfig.of(MISSING), listener)) {
            link.start(true);
            await().atMost(Duration.ofSeconds(2)).until(() -> listener.tickThread() != null);
        }
        assertEquals("roller-serial-" + MISSING, listener.tickThread().getName());
        assertTrue(listener.tickThread().isDaemon());
    }

    @Test
    void aBadConfigIsRejectedWithTheValueFound() {
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
            () -> new SerialLinkConfig(" ", 115200));
        assertTrue(blank.getMessage().contains("serial port must be set"), blank.getMessage());
        IllegalArgumentException baud = assertThrows(IllegalArgumentException.class,
            () -> new SerialLinkConfig("ttyUSB0", 0));
        assertTrue(baud.getMessage().contains("was 0"), baud.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SerialLinkConfig(null, 115200));
        assertEquals(115200, SerialLinkConfig.of("/dev/serial/by-id/usb-x").baud());
    }

    @Test
    void theConfiguredPathIsWatchedNotItsTarget() {
        assertEquals("/dev/serial/by-id/usb-x", String.valueOf(SerialLink.deviceNode("/dev/serial/by-id/usb-x")));
        assertEquals("/dev/ttyUSB0", String.valueOf(SerialLink.deviceNode("ttyUSB0")));
    }
}
