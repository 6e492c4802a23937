package io.rollcoach.gateway.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The display's URL as a phone on the LAN needs it, not 127.0.0.1. */
class DisplayAddressesTest {
    @Test
    void onEveryInterfaceTheUrlsNameTheHostAndItsLanAddressesNotLoopback() {
        List<String> urls = DisplayAddresses.of("http://127.0.0.1:8080/", "0.0.0.0");
        assertFalse(urls.isEmpty());
        for (String url : urls) {
            assertTrue(url.endsWith(":8080/"), url);
        }
        if (!DisplayAddresses.lanAddresses().isEmpty()) {
            assertTrue(urls.stream().noneMatch(u -> u.contains("127.0.0.1")), urls.toString());
            assertTrue(urls.stream()
                .anyMatch(u -> u.contains(".local:") || u.matches("http://\\d+\\.\\d+\\.\\d+\\.\\d+:.*")),
                urls.toString());
        }
    }

    @Test
    void onOneAddressTheUrlIsThatAddress() {
        assertEquals(List.of("http://192.168.1.20:8080/"),
            DisplayAddresses.of("http://192.168.1.20:8080/", "192.168.1.20"));
    }
}
