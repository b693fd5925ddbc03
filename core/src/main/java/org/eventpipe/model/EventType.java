package org.eventpipe.model;

/**
 * The kinds of event in the workload. The code is the stable wire value used by the SBE frames; the name is the value
 * of the {@code type} field in the NDJSON input.
 */
public enum EventType
{
    /** A click on an item. */
    CLICK((byte)0, "click"),
    /** A view of an item; filtered out by the default rules. */
    VIEW((byte)1, "view"),
    /** A purchase of an item. */
    PURCHASE((byte)2, "purchase");

    private static final EventType[] BY_CODE = values();

    private final byte code;
    private final String jsonName;
    private final byte[] jsonNameBytes;

    EventType(final byte code, final String jsonName)
    {
        this.code = code;
        this.jsonName = jsonName;
        this.jsonNameBytes = jsonName.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * Stable code of the type on the wire.
     *
     * @return the code, equal to the ordinal.
     */
    public byte code()
    {
        return code;
    }

    /**
     * Name of the type as it appears in the input.
     *
     * @return the JSON name, e.g. {@code click}.
     */
    public String jsonName()
    {
        return jsonName;
    }

    /**
     * Whether the bytes equal this type's JSON name.
     *
     * @param bytes  holding the candidate name.
     * @param offset of the first byte.
     * @param length of the candidate.
     * @return true if the candidate is exactly this type's name.
     */
    public boolean matches(final byte[] bytes, final int offset, final int length)
    {
        final byte[] name = jsonNameBytes;
        if (length != name.length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (bytes[offset + i] != name[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * The type of a wire code.
     *
     * @param code on the wire.
     * @return the type, or null if the code is unknown.
     */
    public static EventType fromCode(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /**
     * The type of a JSON name.
     *
     * @param name as written in the input or on the command line.
     * @return the type, or null if the name is unknown.
     */
    public static EventType fromJsonName(final String name)
    {
        for (final EventType type : BY_CODE)
        {
            if (type.jsonName.equals(name))
            {
                return type;
            }
        }
        return null;
    }

    /**
     * Number of types.
     *
     * @return how many types exist.
     */
    public static int count()
    {
        return BY_CODE.length;
    }
}
