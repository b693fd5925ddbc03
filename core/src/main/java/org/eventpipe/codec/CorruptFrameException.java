package org.eventpipe.codec;

/**
 * A frame that does not decode under the schema: the one error type of {@link FrameDecoder}. The frame is rejected as a
 * whole; no callback has been made for it. The exception carries no stack trace, since the place is always the decoder
 * and a corrupt frame should be cheap to count.
 */
public final class CorruptFrameException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * What was wrong with the frame.
     */
    public enum Reason
    {
        /** The offset and length given do not lie within the buffer. */
        OUTSIDE_BUFFER,
        /** The frame is shorter than the SBE message header. */
        SHORTER_THAN_HEADER,
        /** The schema id in the header is not this schema's. */
        UNKNOWN_SCHEMA,
        /** The schema version in the header is not the version this decoder knows. */
        UNKNOWN_VERSION,
        /** The template id names no message of the schema. */
        UNKNOWN_TEMPLATE,
        /** The block length in the header differs from the message's block length. */
        BAD_BLOCK_LENGTH,
        /** A group header's block length differs from the entry length of the schema. */
        BAD_GROUP_BLOCK_LENGTH,
        /** A group holds more entries than the format allows, or more than its kind can have. */
        BAD_GROUP_COUNT,
        /** The event count field disagrees with the number of entries in the batch group. */
        EVENT_COUNT_MISMATCH,
        /** A field, group or var data claims more bytes than the frame has. */
        TRUNCATED,
        /** Bytes follow the end of the decoded message. */
        TRAILING_BYTES,
        /** A stage code is not a known stage. */
        UNKNOWN_STAGE,
        /** An entry of a batch failed its workload's check, e.g. an unknown event type code. */
        BAD_ENTRY,
        /** A reject reason code is not a known reason. */
        UNKNOWN_REJECT_REASON,
        /** A field has a value the format forbids: a negative sequence or length, a line longer than it claims. */
        BAD_FIELD_VALUE
    }

    private final Reason reason;

    /**
     * Create an exception.
     *
     * @param reason  what was wrong.
     * @param message naming the field and the values found.
     */
    public CorruptFrameException(final Reason reason, final String message)
    {
        super(reason + ": " + message, null, false, false);
        this.reason = reason;
    }

    /**
     * What was wrong with the frame.
     *
     * @return the reason.
     */
    public Reason reason()
    {
        return reason;
    }
}
