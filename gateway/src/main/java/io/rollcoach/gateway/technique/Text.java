package io.rollcoach.gateway.technique;

/**
 * Appends numbers to message text without allocating ({@code StringBuilder.append(double)} does allocate), in
 * the person's units, and so that a number said to have missed a target never reads as reaching it: a value short
 * of a minimum is rounded down, one over a maximum up, with a decimal more where rounding would make them meet.
 */
final class Text {
    static final double NEWTONS_PER_KG = 9.81;
    static final double NEWTONS_PER_POUND = 4.448;

    private Text() {
    }

    /** Appends {@code value} with one decimal place. */
    static StringBuilder fixed1(StringBuilder sb, double value) {
        return fixed(sb, value, 1);
    }

    static StringBuilder whole(StringBuilder sb, double value) {
        return sb.append(Math.round(value));
    }

    /** {@code value} with {@code decimals} places (0 to 3), rounded to nearest. */
    static StringBuilder fixed(StringBuilder sb, double value, int decimals) {
        long scale = decimals == 0 ? 1 : decimals == 1 ? 10 : decimals == 2 ? 100 : 1000;
        long scaled = Math.round(value * scale);
        if (scaled < 0) {
            sb.append('-');
            scaled = -scaled;
        }
        sb.append(scaled / scale);
        if (decimals > 0) {
            sb.append('.');
            long fraction = scaled % scale;
            for (long digit = scale / 10; digit > 0; digit /= 10) {
                sb.append(fraction / digit % 10);
            }
        }
        return sb;
    }

    /**
     * The fewest decimal places, from {@code decimals} up to two more, at which {@code value} (rounded away from
     * the bound) and {@code bound} (rounded to nearest) print differently.
     */
    static int apart(double value, double bound, boolean above, int decimals) {
        for (int d = decimals; d < decimals + 2; d++) {
            long scale = d == 0 ? 1 : d == 1 ? 10 : d == 2 ? 100 : 1000;
            long v = away(value, above, scale);
            long b = Math.round(bound * scale);
            if (above ? v > b : v < b) {
                return d;
            }
        }
        return decimals + 2;
    }

    /** {@code value} rounded away from a bound it missed: up when it is over a maximum, down when under a minimum. */
    static StringBuilder beyond(StringBuilder sb, double value, boolean above, int decimals) {
        long scale = decimals == 0 ? 1 : decimals == 1 ? 10 : decimals == 2 ? 100 : 1000;
        return fixed(sb, away(value, above, scale) / (double) scale, decimals);
    }

    /**
     * {@code value} to the nearest whole number, unless that would meet or pass the {@code bound} it missed: then
     * away from it. For counts far from their bound ("4 strokes a minute" for 3.9), where always rounding away
     * would be off by up to one.
     */
    static StringBuilder wholeBeyond(StringBuilder sb, double value, double bound, boolean above) {
        return sb.append(nearestBeyond(value, bound, above));
    }

    /** The nearest whole number to {@code value}, or the next one away from {@code bound} where it would meet it. */
    static long nearestBeyond(double value, double bound, boolean above) {
        long nearest = Math.round(value);
        boolean meets = above ? nearest <= bound + 1e-9 : nearest >= bound - 1e-9;
        return meets ? away(value, above, 1) : nearest;
    }

    private static long away(double value, boolean above, long scale) {
        double scaled = value * scale;
        return above ? (long) Math.ceil(scaled - 1e-9) : (long) Math.floor(scaled + 1e-9);
    }

    /** A length in the person's units: {@code 1.5 in} or {@code 3.8 cm}. */
    static StringBuilder length(StringBuilder sb, double mm, boolean inches) {
        return inches ? fixed1(sb, mm / TechniqueConfig.INCH_MM).append(" in") : fixed1(sb, mm / 10).append(" cm");
    }

    /** A length that missed a bound, rounded away from it: {@code 2.3 in}. */
    static StringBuilder lengthBeyond(StringBuilder sb, double mm, boolean above, boolean inches) {
        return inches ? beyond(sb, mm / TechniqueConfig.INCH_MM, above, 1).append(" in")
            : beyond(sb, mm / 10, above, 1).append(" cm");
    }

    /** Newtons in the weight a person knows: kilograms, or pounds where they use inches. */
    static double weight(double newtons, boolean pounds) {
        return newtons / (pounds ? NEWTONS_PER_POUND : NEWTONS_PER_KG);
    }

    static String weightUnit(boolean pounds) {
        return pounds ? " lb" : " kg";
    }
}
