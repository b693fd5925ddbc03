package org.eventpipe.workload.items;

import org.agrona.DirectBuffer;
import org.eventpipe.ingest.LineSource;
import org.eventpipe.workload.EntryCodec;
import org.eventpipe.workload.Workload;
import org.eventpipe.workload.WorkloadAggregator;
import org.eventpipe.workload.WorkloadParser;
import org.eventpipe.workload.WorkloadResults;
import org.eventpipe.workload.WorkloadRules;

/**
 * The CPU-bound work items: {@code id}, a {@code vector} of 64 doubles and an 8x8 {@code matrix} as NDJSON; the
 * rules normalise the vector and transpose the matrix, filtering a vector of zero or infinite norm; the aggregate
 * folds running sums and id hashes (see {@link WorkItemAggregator}). Each pipeline event carries a {@link WorkItem}
 * as its entry, which every handler reads and writes in place.
 */
public final class WorkItemsWorkload implements Workload
{
    private static final int RING_SIZE = 4_096;

    /** Name given to {@code --workload}. */
    public static final String NAME = "work-items";

    /**
     * For {@link java.util.ServiceLoader}: the workload is stateless.
     */
    public WorkItemsWorkload()
    {
    }

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return NAME;
    }

    /**
     * {@inheritDoc}
     */
    public String description()
    {
        return "NDJSON work items (id, 64-double vector, 8x8 matrix); vector normalised, matrix transposed; " +
            "running sums and id hashes";
    }

    /**
     * {@inheritDoc}
     */
    public LineSource generator(final long seed, final long lines)
    {
        return new WorkItemGenerator(seed, lines);
    }

    /**
     * Work items ask for 4,096 slots: an entry holds two 64-double vectors and a 4x4 matrix, and its line is about
     * 1.5 KB, so 16,384 slots would keep about 64 MiB live whatever the input (130-192 MB RSS against 83-93 MB with
     * 4,096, at the same throughput: a CPU-bound handler needs no deep queue to stay busy).
     *
     * @return 4,096.
     */
    public int defaultRingSize()
    {
        return RING_SIZE;
    }

    /**
     * {@inheritDoc}
     */
    public Object newEntry()
    {
        return new WorkItem();
    }

    /**
     * {@inheritDoc}
     */
    public WorkloadParser newParser(final Settings settings)
    {
        return new WorkItemParseStep(settings.maxLineLength());
    }

    /**
     * {@inheritDoc}: the dropped types do not apply to work items.
     */
    public WorkloadRules newRules(final Settings settings)
    {
        return new WorkItemRules();
    }

    /**
     * {@inheritDoc}
     */
    public WorkloadAggregator newAggregator(final Settings settings)
    {
        return new WorkItemAggregator();
    }

    /**
     * {@inheritDoc}
     */
    public EntryCodec entryCodec()
    {
        return WorkItemEntryCodec.INSTANCE;
    }

    /**
     * {@inheritDoc}
     */
    public WorkloadResults decodeResults(final DirectBuffer buffer, final int offset, final int length)
    {
        return WorkItemResults.decode(buffer, offset, length);
    }
}
