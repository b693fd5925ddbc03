package org.eventpipe.workload.items;

import org.eventpipe.model.RejectReason;

/**
 * The parse step of the work-items workload: a {@link WorkItemParser} and the counts of what it made of each line,
 * in the shape of the events workload's parse handler. Allocates nothing for a well-formed line. Not thread safe.
 */
public final class WorkItemParseStep
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
