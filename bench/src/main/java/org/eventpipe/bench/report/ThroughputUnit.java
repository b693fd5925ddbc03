package org.eventpipe.bench.report;

import java.util.Locale;

/**
 * What a workload's throughput counts and the scale the tables and charts show it in, derived from the workload's
 * name: the events workload counts events (millions a second), work-items counts items (thousands a second, about
 * 50 times slower per line), any other workload counts its input lines (millions a second). Every workload's
 * summary measures the same thing, pipeline events (one per input line) in the measured window; only the words and
 * the scale differ. The CSV keeps {@code throughput_meps}, millions a second, whatever the workload.
 *
 * @param counted what one pipeline event is, plural: {@code events}, {@code items} or {@code lines}.
 * @param scale   events a second per shown unit: 1e6 or 1e3.
 */
public record ThroughputUnit(String counted, double scale)
{
    /**
     * The unit of a workload.
     *
     * @param workload its name, as given to {@code --workload}.
     * @return the unit.
     */
    public static ThroughputUnit of(final String workload)
    {
        return switch (workload.toLowerCase(Locale.ROOT))
        {
            case "events" -> new ThroughputUnit("events", 1e6);
            case "work-items" -> new ThroughputUnit("items", 1e3);
            default -> new ThroughputUnit("lines", 1e6);
        };
    }

    /**
     * The label of a throughput column or axis.
     *
     * @return e.g. {@code M events/s} or {@code k items/s}.
     */
    public String label()
    {
        return (1e3 == scale ? "k " : "M ") + counted + "/s";
    }

    /**
     * A throughput in this unit.
     *
     * @param millions events a second, in millions, as the summaries and the CSV give it.
     * @return the same throughput in this unit.
     */
    public double shown(final double millions)
    {
        return millions * 1e6 / scale;
    }
}
