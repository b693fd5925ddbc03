package org.eventpipe.stage;

import java.util.List;

import org.HdrHistogram.Histogram;
import org.eventpipe.handler.AggregateResults;
import org.eventpipe.metrics.PipelineCounts;

/**
 * What the sink concluded about a split run.
 *
 * @param results  the aggregates.
 * @param counts   every line accounted for.
 * @param latency  end-to-end latency histogram in nanoseconds, or null if none arrived.
 * @param problems conservation or handler failures; empty if the run is complete.
 * @param report   the printable report.
 */
public record SplitRunOutcome(
    AggregateResults results,
    PipelineCounts counts,
    Histogram latency,
    List<String> problems,
    String report)
{
}
