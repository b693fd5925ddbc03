package org.eventpipe.bridge;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Sends frames on one edge of the split pipeline. A frame that fits {@link #maxClaimLength()} is encoded in place:
 * {@link #tryClaim(int)}, write at {@link #claimBuffer()} / {@link #claimOffset()}, then {@link #commit()}. A larger
 * frame is encoded elsewhere and sent with {@link #offer(DirectBuffer, int, int)}.
 * <p>
 * Both return a non-negative value on success or one of the negative result codes below, which have the same values
 * as Aeron's {@code Publication} codes. The caller decides what to do with each; see {@code FramePublisher}.
 */
public interface FrameSender extends AutoCloseable
{
    /** No receiver is connected yet, or any more. */
    long NOT_CONNECTED = -1;
    /** The receiver is behind: retry later. */
    long BACK_PRESSURED = -2;
    /** The transport did administrative work: retry. */
    long ADMIN_ACTION = -3;
    /** The sender is closed: fatal. */
    long CLOSED = -4;
    /** The stream reached its maximum position: fatal. */
    long MAX_POSITION_EXCEEDED = -5;

    /**
     * Claim space for a frame of the given length.
     *
     * @param length of the frame, at most {@link #maxClaimLength()}.
     * @return a non-negative value on success, else a negative result code.
     */
    long tryClaim(int length);

    /**
     * Buffer of the current claim.
     *
     * @return the buffer to encode into, valid until {@link #commit()} or {@link #abort()}.
     */
    MutableDirectBuffer claimBuffer();

    /**
     * Offset of the current claim in {@link #claimBuffer()}.
     *
     * @return the offset.
     */
    int claimOffset();

    /**
     * Make the claimed frame visible to the receiver.
     */
    void commit();

    /**
     * Give up the claimed frame; the receiver skips it.
     */
    void abort();

    /**
     * Send a frame by copying it.
     *
     * @param buffer holding the frame.
     * @param offset of the frame.
     * @param length of the frame, at most {@link #maxFrameLength()}.
     * @return a non-negative value on success, else a negative result code.
     */
    long offer(DirectBuffer buffer, int offset, int length);

    /**
     * Longest frame that can be claimed in place.
     *
     * @return length in bytes.
     */
    int maxClaimLength();

    /**
     * Longest frame that can be sent at all.
     *
     * @return length in bytes.
     */
    int maxFrameLength();

    /**
     * Whether a receiver is connected.
     *
     * @return true if connected.
     */
    boolean isConnected();

    /**
     * What this sender sends to, for errors and reports.
     *
     * @return a short description.
     */
    String description();

    /**
     * {@inheritDoc}
     */
    void close();

    /**
     * Name of a result code.
     *
     * @param result negative result code.
     * @return its name.
     */
    static String resultName(final long result)
    {
        if (result == NOT_CONNECTED)
        {
            return "NOT_CONNECTED";
        }
        if (result == BACK_PRESSURED)
        {
            return "BACK_PRESSURED";
        }
        if (result == ADMIN_ACTION)
        {
            return "ADMIN_ACTION";
        }
        if (result == CLOSED)
        {
            return "CLOSED";
        }
        if (result == MAX_POSITION_EXCEEDED)
        {
            return "MAX_POSITION_EXCEEDED";
        }
        return result >= 0 ? "OK" : "UNKNOWN(" + result + ")";
    }
}
