package io.rollcoach.gateway.technique;

/**
 * Writes numbers and measures as words for the {@code speech} texts, so a speech engine says "one and a half
 * inches" rather than "one point five i n". Appends constant strings only: allocates nothing.
 */
final class Words {
    private static final String[] SMALL = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen"};
    private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
        "ninety"};

    private Words() {
    }

    /** A whole number, 0 to 9999 in words (larger ones in digits, which speech engines read well enough). */
    static StringBuilder number(StringBuilder sb, long n) {
        if (n < 0) {
            sb.append("minus ");
            n = -n;
        }
        if (n >= 10_000) {
            return sb.append(n);
        }
        if (n >= 1000) {
            sb.append(SMALL[(int) (n / 1000)]).append(" thousand");
            n %= 1000;
            if (n == 0) {
                return sb;
            }
            sb.append(n < 100 ? " and " : " ");
        }
        if (n >= 100) {
            sb.append(n / 100 == 1 ? "a" : SMALL[(int) (n / 100)]).append(" hundred");
            n %= 100;
            if (n == 0) {
                return sb;
            }
            sb.append(" and ");
        }
        if (n < 20) {
            return sb.append(SMALL[(int) n]);
        }
        sb.append(TENS[(int) (n / 10)]);
        if (n % 10 != 0) {
            sb.append(' ').append(SMALL[(int) (n % 10)]);
        }
        return sb;
    }

    /**
     * A length as a person says it: inches to the nearest half ("one and a half inches", "half an inch"),
     * centimetres whole. Where the nearest would meet or cross the bound the advice names ({@code saidBoundMm}, the
     * "two inches" of "roll one to two inches"), it rounds away from it instead: {@code up} for a length over it,
     * down for one short of it, so the spoken number never contradicts the advice.
     */
    static StringBuilder length(StringBuilder sb, double mm, boolean inches, boolean up, double saidBoundMm) {
        if (inches) {
            double halves = mm / TechniqueConfig.INCH_MM * 2;
            double boundHalves = saidBoundMm / TechniqueConfig.INCH_MM * 2;
            long h = Text.nearestBeyond(halves, boundHalves, up);
            long whole = h / 2;
            boolean half = h % 2 != 0;
            if (whole == 0) {
                return sb.append(half ? "half an inch" : "less than half an inch");
            }
            number(sb, whole);
            if (half) {
                sb.append(" and a half");
            }
            return sb.append(whole == 1 && !half ? " inch" : " inches");
        }
        long c = Text.nearestBeyond(mm / 10, saidBoundMm / 10, up);
        if (c == 0) {
            return sb.append("less than a centimetre");
        }
        return number(sb, c).append(c == 1 ? " centimetre" : " centimetres");
    }

    /** Whole seconds, rounded down: "fourteen seconds". */
    static StringBuilder seconds(StringBuilder sb, double seconds) {
        long s = (long) Math.floor(seconds + 1e-9);
        return number(sb, s).append(s == 1 ? " second" : " seconds");
    }

    /** A force as a weight on the roller: kilos, or pounds where the person uses inches. */
    static StringBuilder force(StringBuilder sb, double newtons, boolean pounds, boolean up) {
        double amount = pounds ? newtons / Text.NEWTONS_PER_POUND : newtons / Text.NEWTONS_PER_KG;
        long n = up ? (long) Math.ceil(amount - 1e-9) : (long) Math.floor(amount + 1e-9);
        return number(sb, n).append(pounds ? (n == 1 ? " pound" : " pounds") : (n == 1 ? " kilo" : " kilos"));
    }
}
