package org.eventpipe.handler;

import org.eventpipe.model.Outcome;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.model.RejectReason;
import org.eventpipe.workload.WorkloadParser;

/**
 * Turns the bytes of a line into a typed event or a rejection with a reason. Allocates nothing.
 */
public final class ParseHandler implements WorkloadParser
{
    private final JsonEventParser parser = new JsonEventParser();
    private final int maxLineLength;
    private final long[] rejectedByReason = new long[RejectReason.count()];
    private long accepted;

    /**
     * Create a handler.
     *
     * @param maxLineLength longest line accepted, in bytes; longer lines are rejected as too long.
     */
    public ParseHandler(final int maxLineLength)
    {
        this.maxLineLength = maxLineLength;
    }

    /**
     * {@inheritDoc}
     */
    public void onEvent(final PipelineEvent event)
    {
        if (event.outcome() == Outcome.PENDING)
        {
            onLine(event.line(), 0, event.lineLength(), event);
        }
    }

    /**
     * Parse a line into an event.
     *
     * @param bytes  holding the line.
     * @param offset of the first byte.
     * @param length of the line, which may exceed the bytes held if the line was truncated.
     * @param event  filled when accepted, marked rejected otherwise.
     * @return true if the line was accepted.
     */
    public boolean onLine(final byte[] bytes, final int offset, final int length, final PipelineEvent event)
    {
        final RejectReason reason = length > maxLineLength ?
            RejectReason.LINE_TOO_LONG : parser.parse(bytes, offset, length, event);
        if (null == reason)
        {
            accepted++;
            return true;
        }
        rejectedByReason[reason.ordinal()]++;
        event.reject(reason);
        return false;
    }

    /**
     * Lines accepted so far.
     *
     * @return count of accepted lines.
     */
    public long accepted()
    {
        return accepted;
    }

    /**
     * Lines rejected so far.
     *
     * @return count of rejected lines, all reasons.
     */
    public long rejected()
    {
        long total = 0;
        for (final long count : rejectedByReason)
        {
            total += count;
        }
        return total;
    }

    /**
     * Lines rejected so far for one reason.
     *
     * @param reason of rejection.
     * @return count of lines rejected for that reason.
     */
    public long rejected(final RejectReason reason)
    {
        return rejectedByReason[reason.ordinal()];
    }
}
