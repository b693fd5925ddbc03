package org.eventpipe.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.eventpipe.metrics.RejectSink;
import org.eventpipe.model.RejectReason;

/**
 * A reject sink that keeps every reject, for tests that compare the rejects of two runs.
 */
public final class RecordingRejectSink implements RejectSink
{
    /**
     * One rejected line as a test sees it.
     *
     * @param lineNumber of the line.
     * @param reason     of the rejection.
     * @param line       the bytes held, as ISO-8859-1 so that every byte maps to one char.
     */
    public record Reject(long lineNumber, RejectReason reason, String line)
    {
    }

    /** The rejects in arrival order. */
    public final List<Reject> rejects = new ArrayList<>();

    /**
     * {@inheritDoc}
     */
    public void onReject(
        final long lineNumber, final RejectReason reason, final byte[] line, final int offset, final int length)
    {
        rejects.add(new Reject(lineNumber, reason, new String(line, offset, length, StandardCharsets.ISO_8859_1)));
    }
}
