package org.eventpipe.metrics;

import java.util.List;

import org.HdrHistogram.Histogram;
import org.eventpipe.workload.WorkloadResults;

/**
 * The outcome of one pipeline run: aggregates, counts, timing, latency and handler errors.
 *
 * @param results       per-type aggregates.
 * @param counts        what happened to every line.
 * @param elapsedNanos  from the first event published to the last one applied.
 * @param latency       sampled end-to-end latency in nanoseconds.
 * @param latencySampleInterval one event in how many was sampled for latency.
 * @param handlerErrors number of exceptions thrown by handlers.
 * @param firstHandlerError description of the first handler exception, or null.
 * @param warmupEvents  lines left out of the measured window at the start, 0 for none: then elapsedNanos runs
 *                      from the aggregate applying the first event past them to it applying the last one.
 */
public record RunResult(
    WorkloadResults results,
    PipelineCounts counts,
    long elapsedNanos,
    Histogram latency,
    int latencySampleInterval,
    long handlerErrors,
    String firstHandlerError,
    long warmupEvents)
{
    /**
     * Events published into the pipeline per second: {@link #measuredEvents()} over the elapsed time.
     *
     * @return events per second, 0 if nothing was timed.
     */
    public double eventsPerSecond()
    {
        return elapsedNanos <= 0 ? 0.0 : measuredEvents() * 1e9 / elapsedNanos;
    }

    /**
     * Events in the measured window: the non-blank lines, or after a warm-up the lines past it.
     *
     * @return the count the throughput divides.
     */
    public long measuredEvents()
    {
        return warmupEvents > 0 ? Math.max(0, counts.linesRead() - warmupEvents) :
            counts.linesRead() - counts.blankLines();
    }

    /**
     * Conservation violations, plus handler errors.
     *
     * @return problems that make the run unsuccessful, empty if none.
     */
    public List<String> problems()
    {
        final List<String> problems = new java.util.ArrayList<>(counts.violations(results));
        if (handlerErrors > 0)
        {
            problems.add(handlerErrors + " handler error(s), first: " + firstHandlerError);
        }
        return problems;
    }
}
