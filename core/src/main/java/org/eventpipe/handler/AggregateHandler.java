package org.eventpipe.handler;

import org.eventpipe.model.EventType;
import org.eventpipe.model.Outcome;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.workload.WorkloadAggregator;

/**
 * Folds kept events into per-type count and sum. Events with any other outcome are ignored here; counting them is
 * the business of whoever hosts the handler.
 */
public final class AggregateHandler implements WorkloadAggregator
{
    private final long[] counts = new long[EventType.count()];
    private final long[] sums = new long[EventType.count()];

    /**
     * {@inheritDoc}
     */
    public void onEvent(final PipelineEvent event)
    {
        if (event.outcome() == Outcome.ACCEPTED)
        {
            apply(event.type(), event.value());
        }
    }

    /**
     * Fold one kept event.
     *
     * @param type  of the event.
     * @param value of the event.
     */
    public void apply(final EventType type, final int value)
    {
        final int code = type.code();
        counts[code]++;
        sums[code] += value;
    }

    /**
     * Events folded so far.
     *
     * @return total count over all types.
     */
    public long total()
    {
        long total = 0;
        for (final long count : counts)
        {
            total += count;
        }
        return total;
    }

    /**
     * Snapshot of the aggregates.
     *
     * @return per-type count and sum.
     */
    public AggregateResults results()
    {
        return new AggregateResults(counts, sums);
    }
}
