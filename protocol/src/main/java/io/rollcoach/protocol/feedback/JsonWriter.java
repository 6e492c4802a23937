package io.rollcoach.protocol.feedback;

import java.nio.charset.StandardCharsets;

import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;

/**
 * Appends JSON tokens to a buffer without allocating. Output is pure ASCII: anything else in a string is
 * written as a {@code \\uXXXX} escape. Numbers are fixed-point with trailing zeros trimmed, so the same
 * value always prints the same way in every output.
 */
public final class JsonWriter {
    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1000, 10000, 100000, 1000000};
    /** 10^i for digit counting without dividing. */
    private static final long[] POWERS = new long[19];

    static {
        POWERS[0] = 1;
        for (int i = 1; i < POWERS.length; i++) {
            POWERS[i] = POWERS[i - 1] * 10;
        }
    }

    private MutableDirectBuffer buffer;
    private int position;
    private boolean needsComma;
    private int arrayItems;
    private byte[] array;

    public JsonWriter wrap(MutableDirectBuffer buffer, int offset) {
        this.buffer = buffer;
        // Over a heap array, write the array itself: the JIT drops most bounds checks, the buffer's stay.
        byte[] backing = buffer.byteArray();
        long address = buffer.addressOffset() - BufferUtil.ARRAY_BASE_OFFSET;
        this.array = backing != null && address == 0 ? backing : null;
        this.position = offset;
        this.needsComma = false;
        return this;
    }

    public int position() {
        return position;
    }

    public JsonWriter beginObject() {
        putByte('{');
        needsComma = false;
        return this;
    }

    public JsonWriter endObject() {
        putByte('}');
        needsComma = true;
        return this;
    }

    /** Opens an array of objects or values; call {@link #item()} before each element. Arrays do not nest. */
    public JsonWriter beginArray() {
        putByte('[');
        arrayItems = 0;
        return this;
    }

    /** Separates array elements. */
    public JsonWriter item() {
        if (arrayItems++ > 0) {
            putByte(',');
        }
        needsComma = false;
        return this;
    }

    public JsonWriter endArray() {
        putByte(']');
        needsComma = true;
        return this;
    }

    /** A field name encoded once, for writers that name the same fields many times a second. */
    public static byte[] key(String name) {
        return ("\"" + name + "\":").getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes a name made by {@link #key}: one copy instead of a loop over its characters. */
    public JsonWriter name(byte[] key) {
        if (needsComma) {
            putByte(',');
        }
        if (array != null) {
            System.arraycopy(key, 0, array, position, key.length);
        } else {
            buffer.putBytes(position, key);
        }
        position += key.length;
        needsComma = true;
        return this;
    }

    public JsonWriter name(String name) {
        if (needsComma) {
            putByte(',');
        }
        putByte('"');
        for (int i = 0; i < name.length(); i++) {
            putByte(name.charAt(i));
        }
        putByte('"');
        putByte(':');
        needsComma = true;
        return this;
    }

    public JsonWriter string(CharSequence value) {
        if (value == null) {
            return raw(NULL);
        }
        putByte('"');
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                putByte('\\');
                putByte(c);
            } else if (c == '\n') {
                putByte('\\');
                putByte('n');
            } else if (c < 0x20 || c > 0x7E) {
                putByte('\\');
                putByte('u');
                putByte(HEX[(c >>> 12) & 0xF]);
                putByte(HEX[(c >>> 8) & 0xF]);
                putByte(HEX[(c >>> 4) & 0xF]);
                putByte(HEX[c & 0xF]);
            } else {
                putByte(c);
            }
        }
        putByte('"');
        return this;
    }

    /** Writes an ASCII token as a JSON string (enum names, kept as bytes). */
    JsonWriter string(byte[] ascii) {
        putByte('"');
        raw(ascii);
        putByte('"');
        return this;
    }

    public JsonWriter bool(boolean value) {
        return raw(value ? TRUE : FALSE);
    }

    public JsonWriter number(long value) {
        if (value == Long.MIN_VALUE) {
            throw new IllegalArgumentException("Long.MIN_VALUE has no JSON form here");
        }
        if (value < 0) {
            putByte('-');
            value = -value;
        }
        if (value < 10) { // most telemetry fields: one digit, no loops
            putByte((int) ('0' + value));
            return this;
        }
        int digits = 2;
        while (digits < 19 && value >= POWERS[digits]) {
            digits++;
        }
        int end = position + digits;
        if (value <= Integer.MAX_VALUE) {
            int v = (int) value; // int division by a constant is cheaper than long
            for (int i = end - 1; i >= position; i--) {
                int next = v / 10;
                put(i, (byte) ('0' + (v - next * 10)));
                v = next;
            }
        } else {
            for (int i = end - 1; i >= position; i--) {
                put(i, (byte) ('0' + (value % 10)));
                value /= 10;
            }
        }
        position = end;
        return this;
    }

    /** Writes {@code value} rounded to {@code decimals} (0..6) places, trailing zeros trimmed; NaN as null. */
    public JsonWriter number(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return raw(NULL);
        }
        long scale = POWERS_OF_TEN[decimals];
        long scaled = Math.round(Math.abs(value) * scale);
        if (value < 0 && scaled != 0) {
            putByte('-');
        }
        number(scaled / scale);
        long fraction = scaled % scale;
        if (fraction != 0) {
            int places = decimals;
            while (fraction % 10 == 0) {
                fraction /= 10;
                places--;
            }
            putByte('.');
            int end = position + places;
            for (int i = end - 1; i >= position; i--) {
                put(i, (byte) ('0' + (fraction % 10)));
                fraction /= 10;
            }
            position = end;
        }
        return this;
    }

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    private JsonWriter raw(byte[] ascii) {
        buffer.putBytes(position, ascii);
        position += ascii.length;
        return this;
    }

    private void putByte(int b) {
        put(position++, (byte) b);
    }

    private void put(int index, byte b) {
        if (array != null) {
            array[index] = b;
        } else {
            buffer.putByte(index, b);
        }
    }
}
