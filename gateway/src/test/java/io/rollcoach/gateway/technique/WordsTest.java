package io.rollcoach.gateway.technique;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Spoken numbers and measures, and numbers that never read as reaching a target they missed. */
class WordsTest {
    private static String s(StringBuilder sb) {
        return sb.toString();
    }

    @Test
    void numbersAreSaidAsAPersonSaysThem() {
        assertEquals("fifteen", s(Words.number(new StringBuilder(), 15)));
        assertEquals("forty six", s(Words.number(new StringBuilder(), 46)));
        assertEquals("a hundred and thirty four", s(Words.number(new StringBuilder(), 134)));
        assertEquals("two thousand and five", s(Words.number(new StringBuilder(), 2005)));
    }

    @Test
    void lengthsAreSaidInHalfInchesRoundedAwayFromTheBand() {
        assertEquals("one and a half inches", s(Words.length(new StringBuilder(), 38.1, true, true)));
        assertEquals("half an inch", s(Words.length(new StringBuilder(), 19.9, true, false)));
        assertEquals("two and a half inches", s(Words.length(new StringBuilder(), 58.5, true, true)));
        assertEquals("six centimetres", s(Words.length(new StringBuilder(), 58.5, false, true)));
        assertEquals("fourteen seconds", s(Words.seconds(new StringBuilder(), 14.6)));
    }

    @Test
    void aMissedTargetIsRoundedAwayFromIt() {
        assertEquals("14", s(Text.beyond(new StringBuilder(), 14.6, false, 0)));
        assertEquals(1, Text.apart(45.97, 45.87, true, 0));
        assertEquals("46.0", s(Text.beyond(new StringBuilder(), 45.97, true, 1)));
        assertEquals("2.3", s(Text.beyond(new StringBuilder(), 58.2 / 25.4, true, 1)));
    }
}
