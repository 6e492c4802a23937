package io.rollcoach.gateway.technique;

/**
 * Appends numbers to message text without allocating ({@code StringBuilder.append(double)} does allocate), and
 * lengths in the person's units.
 */
final class Text {
    private Text() {
    }

    /** Appends {@code value} with one decimal place. */
    static StringBuilder fixed1(StringBuilder sb, double value) {
        long tenths = Math.round(value * 10);
        if (tenths < 0) {
            sb.append('-');
            tenths = -tenths;
        }
        return sb.append(tenths / 10).append('.').append(tenths % 10);
    }

    static StringBuilder whole(StringBuilder sb, double value) {
        return sb.append(Math.round(value));
    }

    /** A length in the person's units: {@code 1.5 in} or {@code 3.8 cm}. */
    static StringBuilder length(StringBuilder sb, double mm, boolean inches) {
        return inches ? fixed1(sb, mm / TechniqueConfig.INCH_MM).append(" in") : fixed1(sb, mm / 10).append(" cm");
    }
}
