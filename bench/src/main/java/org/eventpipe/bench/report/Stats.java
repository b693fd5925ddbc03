package org.eventpipe.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Median, minimum and maximum of a few figures, ignoring the NaN of runs that produced none.
 */
public final class Stats
{
    private Stats()
    {
    }

    /**
     * The median.
     *
     * @param values figures, NaN ignored.
     * @return the median (mean of the middle two for an even count), NaN if there is none.
     */
    public static double median(final List<Double> values)
    {
        final List<Double> sorted = finite(values);
        if (sorted.isEmpty())
        {
            return Double.NaN;
        }
        Collections.sort(sorted);
        final int middle = sorted.size() / 2;
        return 1 == sorted.size() % 2 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /**
     * The smallest.
     *
     * @param values figures, NaN ignored.
     * @return the minimum, NaN if there is none.
     */
    public static double min(final List<Double> values)
    {
        final List<Double> finite = finite(values);
        return finite.isEmpty() ? Double.NaN : Collections.min(finite);
    }

    /**
     * The largest.
     *
     * @param values figures, NaN ignored.
     * @return the maximum, NaN if there is none.
     */
    public static double max(final List<Double> values)
    {
        final List<Double> finite = finite(values);
        return finite.isEmpty() ? Double.NaN : Collections.max(finite);
    }

    private static List<Double> finite(final List<Double> values)
    {
        final List<Double> finite = new ArrayList<>();
        for (final Double value : values)
        {
            if (null != value && Double.isFinite(value))
            {
                finite.add(value);
            }
        }
        return finite;
    }
}
