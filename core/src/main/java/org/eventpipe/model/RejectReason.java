package org.eventpipe.model;

/**
 * Why a line was rejected. Every line read is either accepted, skipped as blank, or rejected with one of these.
 * The code is the stable wire value used by the SBE frames.
 */
public enum RejectReason
{
    /** The line is not valid JSON (syntax error, trailing content, invalid UTF-8, nesting too deep). */
    MALFORMED_JSON((byte)0, "not valid JSON"),
    /** The line is valid JSON but its top-level value is not an object. */
    NOT_AN_OBJECT((byte)1, "top-level value is not an object"),
    /** A required field (userId, type, value, ts) is missing. */
    MISSING_FIELD((byte)2, "required field missing"),
    /** A required field appears more than once. */
    DUPLICATE_FIELD((byte)3, "required field duplicated"),
    /** A required field has the wrong JSON type (e.g. a string or a fraction where an integer is required). */
    WRONG_TYPE((byte)4, "required field has the wrong JSON type"),
    /** A number is outside the range of its field. */
    OUT_OF_RANGE((byte)5, "number out of range"),
    /** The type field names no known event type. */
    UNKNOWN_TYPE((byte)6, "unknown event type"),
    /** The line is longer than the maximum line length. */
    LINE_TOO_LONG((byte)7, "line longer than the maximum line length"),
    /** An array field has the wrong number of elements (the work items' vector and matrix hold 64 each). */
    WRONG_LENGTH((byte)8, "array has the wrong number of elements");

    private static final RejectReason[] BY_CODE = values();

    private final byte code;
    private final String description;

    RejectReason(final byte code, final String description)
    {
        this.code = code;
        this.description = description;
    }

    /**
     * Stable code of the reason on the wire.
     *
     * @return the code, equal to the ordinal.
     */
    public byte code()
    {
        return code;
    }

    /**
     * Human readable description.
     *
     * @return the description.
     */
    public String description()
    {
        return description;
    }

    /**
     * The reason of a wire code.
     *
     * @param code on the wire.
     * @return the reason, or null if the code is unknown.
     */
    public static RejectReason fromCode(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /**
     * Number of reasons.
     *
     * @return how many reasons exist.
     */
    public static int count()
    {
        return BY_CODE.length;
    }
}
