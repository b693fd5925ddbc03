package org.eventpipe.workload.items;

import org.eventpipe.model.Outcome;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.model.RejectReason;
import org.eventpipe.workload.WorkloadParser;

/**
 * The parse step of the work-items workload: a {@link WorkItemParser} and the counts of what it made of each line,
 * in the shape of the events workload's parse handler. As a {@link WorkloadParser} it parses an event's line into
 * the {@link WorkItem} attached to the event ({@link PipelineEvent#entry()}); it can also fill a bare item. Allocates
 * nothing for a well-formed line. Not thread safe.
 */
public final class WorkItemParseStep implements WorkloadParser
{
    private final WorkItemParser parser;
    private final long[] rejectedByReason = new long[RejectReason.count()];
    private long accepted;

    /**
     * Create a step.
     *
     * @param maxLineLength longest line accepted, in bytes; longer lines are rejected as too long.
     */
    public WorkItemParseStep(final int maxLineLength)
    {
        parser = new WorkItemParser(maxLineLength);
    }

    /**
     * {@inheritDoc}: the event's line, if the event is still {@link Outcome#PENDING}, into its attached
     * {@link WorkItem}. A line held truncated ({@link PipelineEvent#storedLineLength()} below
     * {@link PipelineEvent#lineLength()}) is rejected as {@link RejectReason#LINE_TOO_LONG} without being read, even
     * if this parser's own maximum is larger than the event's.
     */
    public void onEvent(final PipelineEvent event)
    {
        if (event.outcome() == Outcome.PENDING)
        {
            final int length = event.lineLength();
            if (event.storedLineLength() < length)
            {
                rejectedByReason[RejectReason.LINE_TOO_LONG.ordinal()]++;
                event.reject(RejectReason.LINE_TOO_LONG);
            }
            else
            {
                onLine(event.line(), 0, length, event);
            }
        }
    }

    /**
     * {@inheritDoc} The entry is the event's {@link WorkItem}: on acceptance its id, vector and matrix are set, and
     * its line number and ingest stamp are copied from the event; on rejection it holds whatever was parsed before
     * the line was found wanting.
     */
    public boolean onLine(final byte[] bytes, final int offset, final int length, final PipelineEvent event)
    {
        final WorkItem item = (WorkItem)event.entry();
        final RejectReason reason = onLine(bytes, offset, length, item);
        if (null == reason)
        {
            item.lineNumber(event.lineNumber());
            item.ingestNanos(event.ingestNanos());
            event.outcome(Outcome.ACCEPTED);
            return true;
        }
        event.reject(reason);
        return false;
    }

    /**
     * Parse a line into an item and count the outcome.
     *
     * @param bytes  holding the line.
     * @param offset of the first byte.
     * @param length true length of the line, which may exceed the bytes held if the line was truncated.
     * @param item   filled when accepted.
     * @return null if the line was accepted, else why it was rejected.
     */
    public RejectReason onLine(final byte[] bytes, final int offset, final int length, final WorkItem item)
    {
        final RejectReason reason = parser.parse(bytes, offset, length, item);
        if (null == reason)
        {
            accepted++;
        }
        else
        {
            rejectedByReason[reason.ordinal()]++;
        }
        return reason;
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
