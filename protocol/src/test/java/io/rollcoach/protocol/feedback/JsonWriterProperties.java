package io.rollcoach.protocol.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.agrona.concurrent.UnsafeBuffer;

/** The hand-written number formatting agrees with the JDK's for every value, on heap and direct buffers. */
class JsonWriterProperties {
    private final JsonWriter json = new JsonWriter();

    private String write(UnsafeBuffer buffer, Consumer<JsonWriter> writing) {
        writing.accept(json.wrap(buffer, 3));
        return buffer.getStringWithoutLengthAscii(3, json.position() - 3);
    }

    @Property(tries = 2000)
    void wholeNumbersAreWrittenAsLongToStringWrites(@ForAll long value, @ForAll boolean direct) {
        Assume.that(value != Long.MIN_VALUE);
        UnsafeBuffer buffer = direct ? new UnsafeBuffer(ByteBuffer.allocateDirect(64)) : new UnsafeBuffer(new byte[64]);
        assertEquals(Long.toString(value), write(buffer, j -> j.number(value)));
    }

    @Property(tries = 2000)
    void decimalsAreRoundedAndTrimmed(@ForAll @DoubleRange(min = -1e9, max = 1e9) double value,
                                      @ForAll @IntRange(min = 0, max = 6) int decimals) {
        String written = write(new UnsafeBuffer(new byte[64]), j -> j.number(value, decimals));
        BigDecimal expected = BigDecimal.valueOf(Math.round(Math.abs(value) * Math.pow(10, decimals)))
            .movePointLeft(decimals).stripTrailingZeros();
        if (value < 0 && expected.signum() != 0) {
            expected = expected.negate();
        }
        assertEquals(0, new BigDecimal(written).compareTo(expected.setScale(decimals, RoundingMode.UNNECESSARY)),
            value + " to " + decimals + " places: " + written);
    }
}
