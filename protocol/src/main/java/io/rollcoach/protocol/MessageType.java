package io.rollcoach.protocol;

/** Message type codes of protocol v1 and the least payload each needs. */
public final class MessageType {
    public static final int HELLO = 0x01;
    public static final int SAMPLE = 0x02;
    public static final int STATUS = 0x03;
    public static final int EVENT = 0x04;
    public static final int CUE = 0x81;
    public static final int CONFIGURE = 0x82;

    private MessageType() {
    }

    /** The shortest payload a type needs, or -1 for a type protocol v1 does not know. */
    public static int minPayloadLength(int type) {
        switch (type) {
            case HELLO: return HelloDecoder.LENGTH;
            case SAMPLE: return SampleDecoder.LENGTH;
            case STATUS: return StatusDecoder.LENGTH;
            case EVENT: return EventDecoder.LENGTH;
            case CUE: return CueDecoder.LENGTH;
            case CONFIGURE: return ConfigureDecoder.LENGTH;
            default: return -1;
        }
    }

    public static String name(int type) {
        switch (type) {
            case HELLO: return "HELLO";
            case SAMPLE: return "SAMPLE";
            case STATUS: return "STATUS";
            case EVENT: return "EVENT";
            case CUE: return "CUE";
            case CONFIGURE: return "CONFIGURE";
            default: return "UNKNOWN(0x" + Integer.toHexString(type) + ")";
        }
    }
}
