package org.eventpipe.workload.items;

import org.eventpipe.model.Outcome;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.workload.WorkloadRules;

/**
 * The rules step of the work-items workload: normalise the vector to unit length and transpose the matrix, both in
 * place. An item whose vector cannot be normalised, because its Euclidean norm is zero or not finite, is filtered
 * and counted, as the events rules filter views.
 * <p>
 * The norm is computed scaled, so that squaring neither overflows for huge elements nor underflows for tiny ones,
 * in this exact order of IEEE operations (which the reference implementation repeats, so results are bit-for-bit
 * reproducible):
 * <ol>
 *     <li>{@code scale = max |v[i]|}, the elements taken in index order;</li>
 *     <li>if an element is NaN, or {@code scale} is zero or infinite, the item is filtered;</li>
 *     <li>{@code sum = 0.0; for i in 0..63: r = v[i] / scale; sum += r * r} (no fused multiply-add);</li>
 *     <li>{@code norm = scale * Math.sqrt(sum)}; if {@code norm} is infinite (the true norm exceeds the largest
 *     double) the item is filtered;</li>
 *     <li>otherwise {@code root = Math.sqrt(sum)} and {@code v[i] = (v[i] / scale) / root} for each {@code i}:
 *     dividing by the scale first keeps full precision when the elements are subnormal, where the product
 *     {@code scale * root} would round to a subnormal norm with only a few significant bits.</li>
 * </ol>
 * The parser never produces NaN or infinite elements, but a decoded frame could carry them. Kept items then have
 * their matrix transposed in place: elements {@code (r, c)} and {@code (c, r)} swapped for {@code r < c}.
 * As a {@link WorkloadRules} it applies to the {@link WorkItem} attached to an accepted event
 * ({@link PipelineEvent#entry()}), marking the event {@link Outcome#FILTERED} if the item is filtered; events of any
 * other outcome pass untouched. Allocates nothing. Not thread safe.
 */
public final class WorkItemRules implements WorkloadRules
{
    private long kept;
    private long filtered;

    /**
     * {@inheritDoc}
     */
    public void onEvent(final PipelineEvent event)
    {
        if (event.outcome() == Outcome.ACCEPTED && !apply((WorkItem)event.entry()))
        {
            event.outcome(Outcome.FILTERED);
        }
    }

    /**
     * {@inheritDoc}: a kept item's vector is normalised and its matrix transposed.
     */
    public boolean transformsEntries()
    {
        return true;
    }

    /**
     * Apply the rules to an item.
     *
     * @param item to normalise and transpose in place.
     * @return true if the item is kept, false if it is filtered (and left unchanged).
     */
    public boolean apply(final WorkItem item)
    {
        if (!normalise(item.vector()))
        {
            filtered++;
            return false;
        }
        transpose(item.matrix());
        kept++;
        return true;
    }

    /**
     * Items kept so far.
     *
     * @return count of kept items.
     */
    public long kept()
    {
        return kept;
    }

    /**
     * Items filtered so far because their vector could not be normalised.
     *
     * @return count of filtered items.
     */
    public long filtered()
    {
        return filtered;
    }

    /**
     * Normalise a vector in place to unit Euclidean length, as the class documentation describes.
     *
     * @param vector to normalise.
     * @return false, leaving the vector unchanged, if its norm is zero or not finite.
     */
    public static boolean normalise(final double[] vector)
    {
        final int length = vector.length;
        double scale = 0.0;
        for (int i = 0; i < length; i++)
        {
            final double magnitude = Math.abs(vector[i]);
            if (magnitude != magnitude)
            {
                return false;
            }
            if (magnitude > scale)
            {
                scale = magnitude;
            }
        }
        if (scale == 0.0 || scale == Double.POSITIVE_INFINITY)
        {
            return false;
        }

        double sum = 0.0;
        for (int i = 0; i < length; i++)
        {
            final double scaled = vector[i] / scale;
            sum += scaled * scaled;
        }
        final double root = Math.sqrt(sum);
        if (scale * root == Double.POSITIVE_INFINITY)
        {
            return false;
        }

        for (int i = 0; i < length; i++)
        {
            vector[i] = (vector[i] / scale) / root;
        }
        return true;
    }

    /**
     * Transpose a square row-major matrix of {@value WorkItem#MATRIX_SIZE} rows in place.
     *
     * @param matrix of {@value WorkItem#MATRIX_LENGTH} elements.
     */
    public static void transpose(final double[] matrix)
    {
        final int size = WorkItem.MATRIX_SIZE;
        for (int r = 0; r < size; r++)
        {
            for (int c = r + 1; c < size; c++)
            {
                final int upper = r * size + c;
                final int lower = c * size + r;
                final double swap = matrix[upper];
                matrix[upper] = matrix[lower];
                matrix[lower] = swap;
            }
        }
    }
}
