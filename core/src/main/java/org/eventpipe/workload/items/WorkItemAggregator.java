package org.eventpipe.workload.items;

import org.eventpipe.model.Outcome;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.workload.WorkloadAggregator;

/**
 * The aggregate step of the work-items workload: folds a checksum over the kept items in arrival order.
 * <ul>
 *     <li>{@code vectorSum}: every element of every normalised vector added, one at a time in index order, to one
 *     running double sum;</li>
 *     <li>{@code diagonalSum}: the diagonal {@code (0,0), (1,1), ..., (7,7)} of every transposed matrix added the
 *     same way to a second running sum;</li>
 *     <li>{@code firstRowSum}: the first row {@code (0,0), (0,1), ..., (0,7)} of every transposed matrix added the
 *     same way to a third running sum. The diagonal is the same before and after a transposition; the first row,
 *     the first column of the parsed matrix, is what shows that the rules transposed it;</li>
 *     <li>{@code items}: the count of items folded;</li>
 *     <li>{@code idHashSum} and {@code idHashXor}: the wrapping sum and the xor of {@link #mixId(long)} of every
 *     id, which do not depend on the order.</li>
 * </ul>
 * Floating-point addition is not associative, so the two sums are bit-for-bit reproducible only for the same items in
 * the same order: every way of running the pipeline must feed this fold in input order. As a
 * {@link WorkloadAggregator} it folds the {@link WorkItem} attached to each kept ({@link Outcome#ACCEPTED}) event
 * ({@link PipelineEvent#entry()}) and ignores events of any other outcome. Allocates nothing. Not thread safe.
 */
public final class WorkItemAggregator implements WorkloadAggregator
{
    private double vectorSum;
    private double diagonalSum;
    private double firstRowSum;
    private long items;
    private long idHashSum;
    private long idHashXor;

    /**
     * {@inheritDoc}
     */
    public void onEvent(final PipelineEvent event)
    {
        if (event.outcome() == Outcome.ACCEPTED)
        {
            onItem((WorkItem)event.entry());
        }
    }

    /**
     * Fold one kept item.
     *
     * @param item normalised and transposed by the rules.
     */
    public void onItem(final WorkItem item)
    {
        final double[] vector = item.vector();
        double vectorTotal = vectorSum;
        for (int i = 0; i < WorkItem.VECTOR_LENGTH; i++)
        {
            vectorTotal += vector[i];
        }
        vectorSum = vectorTotal;

        final double[] matrix = item.matrix();
        double diagonalTotal = diagonalSum;
        for (int i = 0; i < WorkItem.MATRIX_LENGTH; i += WorkItem.MATRIX_SIZE + 1)
        {
            diagonalTotal += matrix[i];
        }
        diagonalSum = diagonalTotal;

        double firstRowTotal = firstRowSum;
        for (int i = 0; i < WorkItem.MATRIX_SIZE; i++)
        {
            firstRowTotal += matrix[i];
        }
        firstRowSum = firstRowTotal;

        items++;
        final long hash = mixId(item.id());
        idHashSum += hash;
        idHashXor ^= hash;
    }

    /**
     * Items folded so far.
     *
     * @return the count.
     */
    public long items()
    {
        return items;
    }

    /**
     * {@inheritDoc}
     */
    public long total()
    {
        return items;
    }

    /**
     * The checksum so far.
     *
     * @return an immutable snapshot of the results.
     */
    public WorkItemResults results()
    {
        return new WorkItemResults(items, vectorSum, diagonalSum, firstRowSum, idHashSum, idHashXor);
    }

    /**
     * The 64-bit mix of an id that the order-independent hashes fold: the SplitMix64 output for the state
     * {@code id} (Stafford's variant 13 finaliser of {@code id + 0x9E3779B97F4A7C15}), a bijection, so distinct
     * ids give distinct hashes and id 0 does not hash to 0.
     *
     * @param id of an item.
     * @return its hash.
     */
    public static long mixId(final long id)
    {
        long z = id + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
