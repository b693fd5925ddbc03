package org.eventpipe.handler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.eventpipe.model.EventType;

/**
 * Immutable per-type count, sum and average.
 */
public final class AggregateResults
{
    private final long[] counts;
    private final long[] sums;

    /**
     * Create results from per-type arrays indexed by {@link EventType#code()}.
     *
     * @param counts per type.
     * @param sums   per type.
     */
    public AggregateResults(final long[] counts, final long[] sums)
    {
        this.counts = Arrays.copyOf(counts, EventType.count());
        this.sums = Arrays.copyOf(sums, EventType.count());
    }

    /**
     * Count of one type.
     *
     * @param type of event.
     * @return events of that type folded.
     */
    public long count(final EventType type)
    {
        return counts[type.code()];
    }

    /**
     * Sum of values of one type.
     *
     * @param type of event.
     * @return sum of the values.
     */
    public long sum(final EventType type)
    {
        return sums[type.code()];
    }

    /**
     * Average value of one type.
     *
     * @param type of event.
     * @return sum / count, or 0 if the count is 0.
     */
    public double average(final EventType type)
    {
        final long count = counts[type.code()];
        return count == 0 ? 0.0 : (double)sums[type.code()] / count;
    }

    /**
     * Total count over all types.
     *
     * @return events folded.
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
     * Types with at least one event, sorted by their JSON name.
     *
     * @return the types present.
     */
    public List<EventType> presentTypesSortedByKey()
    {
        final List<EventType> types = new ArrayList<>();
        for (final EventType type : EventType.values())
        {
            if (counts[type.code()] > 0)
            {
                types.add(type);
            }
        }
        types.sort(Comparator.comparing(EventType::jsonName));
        return types;
    }

    /**
     * The results as JSON lines, one per type with at least one event, sorted by key.
     *
     * @return lines of the form {@code {"key":"click","count":N,"sum":S,"avg":A}}, each ending in a newline.
     */
    public String toJsonLines()
    {
        final StringBuilder out = new StringBuilder();
        for (final EventType type : presentTypesSortedByKey())
        {
            out.append("{\"key\":\"").append(type.jsonName())
                .append("\",\"count\":").append(count(type))
                .append(",\"sum\":").append(sum(type))
                .append(",\"avg\":").append(formatAverage(average(type)))
                .append("}\n");
        }
        return out.toString();
    }

    /**
     * Format an average with six decimals, the way the reports and result files show it.
     *
     * @param average to format.
     * @return the formatted number.
     */
    public static String formatAverage(final double average)
    {
        return String.format(Locale.ROOT, "%.6f", average);
    }

    /**
     * {@inheritDoc}
     */
    public boolean equals(final Object other)
    {
        if (this == other)
        {
            return true;
        }
        if (!(other instanceof AggregateResults))
        {
            return false;
        }
        final AggregateResults that = (AggregateResults)other;
        return Arrays.equals(counts, that.counts) && Arrays.equals(sums, that.sums);
    }

    /**
     * {@inheritDoc}
     */
    public int hashCode()
    {
        return 31 * Arrays.hashCode(counts) + Arrays.hashCode(sums);
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        final StringBuilder out = new StringBuilder("AggregateResults{");
        for (final EventType type : EventType.values())
        {
            out.append(type.jsonName()).append('=').append(count(type)).append('/').append(sum(type)).append(' ');
        }
        return out.append('}').toString();
    }
}
