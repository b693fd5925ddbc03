package org.eventpipe.metrics;

import java.util.ArrayList;
import java.util.List;

import org.eventpipe.model.RejectReason;
import org.eventpipe.workload.WorkloadResults;

/**
 * What happened to every line of a run: read, blank, kept, filtered, rejected (by reason), failed in a handler.
 * Every line read is exactly one of blank, kept, filtered, rejected or failed; {@link #violations(WorkloadResults)}
 * checks that, and that the aggregates hold exactly the kept events.
 */
public final class PipelineCounts
{
    private long linesRead;
    private long blankLines;
    private long kept;
    private long filtered;
    private long failed;
    private final long[] rejectedByReason = new long[RejectReason.count()];

    /**
     * Count one line read.
     */
    public void onLineRead()
    {
        linesRead++;
    }

    /**
     * Add to the lines read.
     *
     * @param count of lines.
     */
    public void addLinesRead(final long count)
    {
        linesRead += count;
    }

    /**
     * Add to the blank lines.
     *
     * @param count of lines.
     */
    public void addBlankLines(final long count)
    {
        blankLines += count;
    }

    /**
     * Add to the kept events.
     *
     * @param count of events.
     */
    public void addKept(final long count)
    {
        kept += count;
    }

    /**
     * Add to the filtered events.
     *
     * @param count of events.
     */
    public void addFiltered(final long count)
    {
        filtered += count;
    }

    /**
     * Add to the events failed in a handler.
     *
     * @param count of events.
     */
    public void addFailed(final long count)
    {
        failed += count;
    }

    /**
     * Add to the rejected lines of one reason.
     *
     * @param reason of rejection.
     * @param count  of lines.
     */
    public void addRejected(final RejectReason reason, final long count)
    {
        rejectedByReason[reason.ordinal()] += count;
    }

    /**
     * Lines read, blank ones included.
     *
     * @return the count.
     */
    public long linesRead()
    {
        return linesRead;
    }

    /**
     * Blank lines skipped.
     *
     * @return the count.
     */
    public long blankLines()
    {
        return blankLines;
    }

    /**
     * Events accepted by the parser: kept plus filtered.
     *
     * @return the count.
     */
    public long accepted()
    {
        return kept + filtered;
    }

    /**
     * Events kept by the rules.
     *
     * @return the count.
     */
    public long kept()
    {
        return kept;
    }

    /**
     * Events filtered by the rules.
     *
     * @return the count.
     */
    public long filtered()
    {
        return filtered;
    }

    /**
     * Events on which a handler threw.
     *
     * @return the count.
     */
    public long failed()
    {
        return failed;
    }

    /**
     * Lines rejected, all reasons.
     *
     * @return the count.
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
     * Lines rejected for one reason.
     *
     * @param reason of rejection.
     * @return the count.
     */
    public long rejected(final RejectReason reason)
    {
        return rejectedByReason[reason.ordinal()];
    }

    /**
     * Check conservation: every line is accounted for once and the aggregates hold exactly the kept events.
     *
     * @param results the aggregates of the run.
     * @return the violations found, empty if none.
     */
    public List<String> violations(final WorkloadResults results)
    {
        final List<String> violations = new ArrayList<>();
        final long accounted = blankLines + kept + filtered + rejected() + failed;
        if (accounted != linesRead)
        {
            violations.add("lines read " + linesRead + " != blank " + blankLines + " + kept " + kept +
                " + filtered " + filtered + " + rejected " + rejected() + " + failed " + failed);
        }
        if (results.total() != kept)
        {
            violations.add("aggregated events " + results.total() + " != kept " + kept);
        }
        return violations;
    }

    /**
     * One line summary of the counts.
     *
     * @return e.g. {@code read=10 blank=1 accepted=8 (kept=5 filtered=3) rejected=1 failed=0}.
     */
    public String summary()
    {
        return "read=" + linesRead + " blank=" + blankLines + " accepted=" + accepted() +
            " (kept=" + kept + " filtered=" + filtered + ") rejected=" + rejected() + " failed=" + failed;
    }

    /**
     * Rejections broken down by reason, reasons with no rejection left out.
     *
     * @return e.g. {@code MALFORMED_JSON=3 UNKNOWN_TYPE=1}, or an empty string.
     */
    public String rejectBreakdown()
    {
        final StringBuilder out = new StringBuilder();
        for (final RejectReason reason : RejectReason.values())
        {
            final long count = rejectedByReason[reason.ordinal()];
            if (count > 0)
            {
                if (out.length() > 0)
                {
                    out.append(' ');
                }
                out.append(reason.name()).append('=').append(count);
            }
        }
        return out.toString();
    }

    /**
     * Whether two runs accounted for their lines identically.
     *
     * @param other counts of another run.
     * @return true if every count is equal.
     */
    public boolean sameAs(final PipelineCounts other)
    {
        return linesRead == other.linesRead && blankLines == other.blankLines && kept == other.kept &&
            filtered == other.filtered && failed == other.failed &&
            java.util.Arrays.equals(rejectedByReason, other.rejectedByReason);
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return summary() + (rejected() > 0 ? " [" + rejectBreakdown() + "]" : "");
    }
}
