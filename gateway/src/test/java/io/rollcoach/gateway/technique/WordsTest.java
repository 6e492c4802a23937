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
        double oneInch = 25.4;
        double twoInches = 50.8;
        assertEquals("one and a half inches", s(Words.length(new StringBuilder(), 38.1, true, true, oneInch)));
        // 0.78 in is nearest one inch, the very bound "roll one to two inches" names: said as half an inch
        assertEquals("half an inch", s(Words.length(new StringBuilder(), 19.9, true, false, oneInch)));
        assertEquals("two and a half inches", s(Words.length(new StringBuilder(), 58.5, true, true, twoInches)));
        assertEquals("six centimetres", s(Words.length(new StringBuilder(), 58.5, false, true, 50)));
        // 3.2 in is said "three inches", as near as a half-inch can say it, not "three and a half"
        assertEquals("three inches", s(Words.length(new StringBuilder(), 81.1, true, true, twoInches)));
        // 2.1 in (a stroke.maxMm set under two inches) is nearest "two": said over it, as two and a half
        assertEquals("two and a half inches", s(Words.length(new StringBuilder(), 53.3, true, true, twoInches)));
        assertEquals("two centimetres", s(Words.length(new StringBuilder(), 24, false, false, 25)));
        assertEquals("four inches", s(Words.length(new StringBuilder(), 99, true, true, 76.2)));
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
