package org.eventpipe.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The rounds of one row on one input source in one regime, and their medians.
 */
public final class Group
{
    private final String source;
    private final String regime;
    private final Row row;
    private final List<RunRecord> runs = new ArrayList<>();

    /**
     * Start a group.
     *
     * @param source of the input.
     * @param regime of the runs.
     * @param row    the row.
     */
    public Group(final String source, final String regime, final Row row)
    {
        this.source = source;
        this.regime = regime;
        this.row = row;
    }

    /**
     * Add a round.
     *
     * @param record of the run.
     */
    public void add(final RunRecord record)
    {
        runs.add(record);
    }

    /**
     * Source of the input.
     *
     * @return {@code file} or {@code generated}.
     */
    public String source()
    {
        return source;
    }

    /**
     * Regime.
     *
     * @return {@code cold} or {@code steady}.
     */
    public String regime()
    {
        return regime;
    }

    /**
     * The row.
     *
     * @return the row.
     */
    public Row row()
    {
        return row;
    }

    /**
     * The runs, in round order.
     *
     * @return the runs.
     */
    public List<RunRecord> runs()
    {
        return runs;
    }

    /**
     * Throughput of every round, NaN for a run without a summary.
     *
     * @return M events/s per round.
     */
    public List<Double> throughputs()
    {
        final List<Double> values = new ArrayList<>();
        for (final RunRecord run : runs)
        {
            values.add(run.succeeded() ? run.throughputMillions() : Double.NaN);
        }
        return values;
    }

    /**
     * Median throughput of the successful rounds.
     *
     * @return M events/s, NaN if none succeeded.
     */
    public double medianThroughput()
    {
        return Stats.median(throughputs());
    }

    /**
     * Median of a latency percentile over the rounds.
     *
     * @param name e.g. {@code p99}.
     * @return microseconds, NaN if none was recorded.
     */
    public double medianLatency(final String name)
    {
        final List<Double> values = new ArrayList<>();
        for (final RunRecord run : runs)
        {
            values.add(run.latencyMicros(name));
        }
        return Stats.median(values);
    }

    /**
     * Median of a stage's share over the rounds.
     *
     * @param stage name.
     * @param what  {@code processing}, {@code sending} or {@code waiting}.
     * @return the percentage, NaN if the row has no such stage.
     */
    public double medianStagePercent(final String stage, final String what)
    {
        final List<Double> values = new ArrayList<>();
        for (final RunRecord run : runs)
        {
            values.add(run.stagePercent(stage, what));
        }
        return Stats.median(values);
    }

    /**
     * Whether every round matched the monolith.
     *
     * @return true if all are correct.
     */
    public boolean correct()
    {
        return runs.stream().allMatch(RunRecord::correct);
    }

    /**
     * The correctness column.
     *
     * @return {@code OK}, or {@code FAILED} with how many rounds and the first reason.
     */
    public String correctness()
    {
        if (correct())
        {
            return "OK";
        }
        final List<RunRecord> failed = runs.stream().filter((run) -> !run.correct()).toList();
        return "FAILED (" + failed.size() + " of " + runs.size() + "): " +
            failed.get(0).correctness().replaceFirst("^FAILED: ", "");
    }

    /**
     * The run whose throughput is the median's, or the first, for a chart of one run's histogram.
     *
     * @return a run.
     */
    public RunRecord representative()
    {
        final double median = medianThroughput();
        RunRecord best = runs.get(0);
        double distance = Double.MAX_VALUE;
        for (final RunRecord run : runs)
        {
            final double d = Math.abs(run.throughputMillions() - median);
            if (run.succeeded() && d < distance)
            {
                distance = d;
                best = run;
            }
        }
        return best;
    }
}
