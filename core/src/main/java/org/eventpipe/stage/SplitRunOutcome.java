package org.eventpipe.stage;

import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.eventpipe.metrics.PipelineCounts;
import org.eventpipe.metrics.RunSummary;
import org.eventpipe.pacing.PacingOutcome;
import org.eventpipe.workload.WorkloadResults;

/**
 * What the sink concluded about a split run.
 *
 * @param results  the aggregates.
 * @param counts   every line accounted for.
 * @param latency  end-to-end latency histogram in nanoseconds, or null if none arrived.
 * @param problems conservation or handler failures; empty if the run is complete.
 * @param report   the printable report.
 * @param stages   every stage's metrics, sink last.
 * @param measuredEvents events in the measured window.
 * @param windowNanos    length of the measured window, 0 if it could not be measured.
 * @param checks   every check and whether it held.
 * @param pacing   whether a paced run achieved its rate, or null in the throughput mode.
 * @param transit  per edge, the transit time of its frames (commit to poll) in nanoseconds; only edges whose two
 *                 ends share a clock domain.
 * @param notComparable figures left out because their two ends were stamped in different clock domains (hosts):
 *                 {@link SinkStep#THROUGHPUT}, {@link SinkStep#LATENCY} or {@link SinkStep#TRANSIT_PREFIX} and the
 *                 edge, each with the reason to print; empty on one host.
 * @param negativeLatencySamples latency samples the aggregate recorded as 0 because their start was stamped after
 *                 its clock read.
 */
public record SplitRunOutcome(
    WorkloadResults results,
    PipelineCounts counts,
    Histogram latency,
    List<String> problems,
    String report,
    List<StageReport> stages,
    long measuredEvents,
    long windowNanos,
    List<RunSummary.Check> checks,
    PacingOutcome pacing,
    Map<String, Histogram> transit,
    Map<String, String> notComparable,
    long negativeLatencySamples)
{
}
