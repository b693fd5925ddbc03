package org.eventpipe.metrics;

import org.eventpipe.model.RejectReason;

/**
 * Receives every rejected line with its number and reason.
 */
@FunctionalInterface
public interface RejectSink
{
    /** A sink that keeps nothing. */
    RejectSink NONE = (lineNumber, reason, line, offset, length) -> {};

    /**
     * One rejected line.
     *
     * @param lineNumber of the line in the input.
     * @param reason     why it was rejected.
     * @param line       bytes of the line (possibly truncated).
     * @param offset     of the first byte.
     * @param length     of the bytes held.
     */
    void onReject(long lineNumber, RejectReason reason, byte[] line, int offset, int length);
}
