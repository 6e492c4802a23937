package io.rollcoach.gateway.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DisplaySettingsTest {
    @Test
    void theDefaultIsEveryInterfaceOnPort8080WithoutAPin() {
        DisplaySettings settings = DisplaySettings.defaults();
        assertEquals(new DisplaySettings("0.0.0.0", 8080, null, true), settings);
        assertFalse(settings.isPinRequired());
        assertTrue(new DisplaySettings("127.0.0.1", 0, "2468", false).isPinRequired());
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        assertEquals("display.port must be from 0 to 65535 (0: any free port), was 70000",
            assertThrows(IllegalArgumentException.class, () -> new DisplaySettings("0.0.0.0", 70000, null, true))
                .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DisplaySettings("0.0.0.0", 8080, "12", true))
            .getMessage().startsWith("display.pin must be 4 to 32"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DisplaySettings("0.0.0.0", 8080, "", true))
            .getMessage().endsWith("was empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DisplaySettings("a b", 8080, null, true))
            .getMessage().startsWith("display.bindAddress"));
        assertThrows(NullPointerException.class, () -> new DisplaySettings(null, 8080, null, true));
    }
}
