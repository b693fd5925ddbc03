package org.eventpipe.handler;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonGenerator;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.eventpipe.model.EventType;
import org.eventpipe.workload.WorkloadResults;

/**
 * Immutable per-type count, sum and average.
 */
public final class AggregateResults implements WorkloadResults
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
     * {@inheritDoc}
     */
    public List<String> reportLines()
    {
        final List<String> lines = new ArrayList<>();
        for (final EventType type : presentTypesSortedByKey())
        {
            lines.add(String.format(Locale.ROOT, "%-9s count=%d sum=%d avg=%s", type.jsonName(), count(type),
                sum(type), formatAverage(average(type))));
        }
        return lines;
    }

    /**
     * {@inheritDoc}
     */
    public void writeSummary(final JsonGenerator json) throws IOException
    {
        json.writeStartArray();
        for (final EventType type : presentTypesSortedByKey())
        {
            json.writeStartObject();
            json.writeStringField("key", type.jsonName());
            json.writeNumberField("count", count(type));
            json.writeNumberField("sum", sum(type));
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /**
     * {@inheritDoc}
     */
    public int encodedLength()
    {
        return EventType.count() * 2 * Long.BYTES;
    }

    /**
     * {@inheritDoc}: the count and the sum of each type, by type code, little-endian int64s.
     */
    public void encode(final MutableDirectBuffer buffer, final int offset)
    {
        int position = offset;
        for (int code = 0; code < counts.length; code++)
        {
            buffer.putLong(position, counts[code], ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(position + Long.BYTES, sums[code], ByteOrder.LITTLE_ENDIAN);
            position += 2 * Long.BYTES;
        }
    }

    /**
     * Decode what {@link #encode} wrote.
     *
     * @param buffer holding the encoding.
     * @param offset of the first byte.
     * @param length of the encoding.
     * @return the results.
     * @throws IllegalArgumentException if the length is not that of an encoding, or a count is negative.
     */
    public static AggregateResults decode(final DirectBuffer buffer, final int offset, final int length)
    {
        final int types = EventType.count();
        if (length != types * 2 * Long.BYTES)
        {
            throw new IllegalArgumentException("event results must be " + types * 2 * Long.BYTES + " bytes: " +
                length);
        }
        final long[] counts = new long[types];
        final long[] sums = new long[types];
        for (int code = 0; code < types; code++)
        {
            final int position = offset + code * 2 * Long.BYTES;
            counts[code] = buffer.getLong(position, ByteOrder.LITTLE_ENDIAN);
            sums[code] = buffer.getLong(position + Long.BYTES, ByteOrder.LITTLE_ENDIAN);
            if (counts[code] < 0)
            {
                throw new IllegalArgumentException("negative count " + counts[code] + " for type code " + code);
            }
        }
        return new AggregateResults(counts, sums);
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
