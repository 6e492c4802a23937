package io.rollcoach.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class SpeechConfigTest {
    private static GatewayConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "rollcoach.yaml", Path.of("/etc/rollcoach"));
    }

    private static String error(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void speechIsOffByDefault() {
        assertFalse(parse("gateway: {id: pi}\n").speech().enabled());
    }

    @Test
    void theSpeechSectionIsRead() {
        var speech = parse("speech: {enabled: true, voice: en-gb, repeatSeconds: 6, wordsPerMinute: 150, "
            + "outputDir: spoken}\n").speech();
        assertTrue(speech.enabled());
        assertEquals("en-gb", speech.voice());
        assertEquals(6, speech.repeatSeconds());
        assertEquals(150, speech.wordsPerMinute());
        assertEquals("espeak-ng", speech.command());
        assertEquals(Path.of("/etc/rollcoach/spoken"), speech.outputDir());
    }

    @Test
    void badSpeechValuesAreRefusedNamingTheKey() {
        assertTrue(error("speech: {repeatSeconds: 1}\n").contains("speech.repeatSeconds"));
        assertTrue(error("speech: {voice: \"en us; rm\"}\n").contains("speech.voice"));
        assertTrue(error("speech: {volume: 3}\n").contains("volume"));
    }
}
