package org.eventpipe.stage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.eventpipe.cli.ExitCodes;
import org.eventpipe.codec.EndOfStreamCounts;
import org.eventpipe.codec.FrameType;
import org.eventpipe.codec.StageMetricsSnapshot;
import org.eventpipe.metrics.ClockDomain;
import org.eventpipe.metrics.ColdRun;
import org.eventpipe.metrics.LatencySummary;
import org.eventpipe.metrics.PipelineCounts;
import org.eventpipe.metrics.RejectSink;
import org.eventpipe.metrics.RunSummary;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.model.RejectReason;
import org.eventpipe.pacing.PacingOutcome;
import org.eventpipe.topology.Topology;
import org.eventpipe.workload.WorkloadResults;

/**
 * The sink: receives the results, every reject, every stage's metrics and the end of stream; checks conservation
 * (every line read is blank, kept, filtered, rejected or failed; the aggregates hold exactly the kept events; every
 * reject counted by the parser arrived) and builds the report.
 */
public final class SinkStep implements StageStep
{
    /** Name of the ingest-to-parse edge in the transit figures; the others are named alike, upstream first. */
    public static final String INGEST_PARSE_EDGE = "ingest->parse";

    /** Key of the end-to-end throughput among the figures not comparable across hosts. */
    public static final String THROUGHPUT = RunSummary.THROUGHPUT_FIGURE;

    /** Key of the end-to-end latency among the figures not comparable across hosts. */
    public static final String LATENCY = RunSummary.LATENCY_FIGURE;

    /** Prefix of an edge's transit among the figures not comparable across hosts: {@code transit ingest->parse}. */
    public static final String TRANSIT_PREFIX = RunSummary.TRANSIT_FIGURE_PREFIX;

    private final RejectSink rejectSink;
    private final long[] rejectedByReason = new long[RejectReason.count()];
    private final Map<String, StageReport> stageReports = new LinkedHashMap<>();
    private final String title;
    private final StageMetricsRecorder metrics;
    private final int latencySampleRate;
    private WorkloadResults results;
    private Histogram latency;
    private SplitRunOutcome outcome;
    private long warmupEvents;
    private long rate;
    private int burst = 1;
    private PacingOutcome pacing;
    private final Map<String, Histogram> transit = new LinkedHashMap<>();
    private long measuredEvents;
    private long windowNanos;
    private final Map<String, String> notComparable = new LinkedHashMap<>();
    private long negativeLatencySamples;

    /**
     * Create the sink.
     *
     * @param rejectSink        where rejected lines go.
     * @param metrics           of the stage.
     * @param latencySampleRate 1 in how many events the aggregate sampled for latency, for the report.
     * @param title             first line of the report.
     */
    public SinkStep(
        final RejectSink rejectSink,
        final StageMetricsRecorder metrics,
        final int latencySampleRate,
        final String title)
    {
        this.rejectSink = rejectSink;
        this.metrics = metrics;
        this.latencySampleRate = latencySampleRate;
        this.title = title;
    }

    /**
     * Measure the throughput after a warm-up: from the aggregate's first event past it (which the aggregate reports
     * as its first-event time) to its last, over the lines after the warm-up.
     *
     * @param warmupEvents lines of warm-up, 0 for none.
     * @return this.
     */
    public SinkStep warmupEvents(final long warmupEvents)
    {
        this.warmupEvents = warmupEvents;
        return this;
    }

    /**
     * {@inheritDoc}
     */
    public void onReject(final PipelineEvent event)
    {
        rejectedByReason[event.rejectReason().ordinal()]++;
        rejectSink.onReject(event.lineNumber(), event.rejectReason(), event.line(), 0, event.storedLineLength());
    }

    /**
     * {@inheritDoc}
     */
    public void onResults(final WorkloadResults results)
    {
        if (null != this.results)
        {
            throw StageFailure.deterministic("stage sink: a second results frame arrived");
        }
        this.results = results;
    }

    /**
     * {@inheritDoc}
     */
    public void onStageMetrics(final StageMetricsSnapshot snapshot)
    {
        final StageReport report = StageReport.of(snapshot);
        stageReports.put(report.stage(), report);
        try
        {
            final Histogram histogram = snapshot.decodeLatencyHistogram();
            if (null != histogram)
            {
                latency = histogram;
            }
            final Histogram edgeTransit = snapshot.decodeTransitHistogram();
            final Topology.Stage stage = Topology.stage(snapshot.stage());
            if (null != edgeTransit && null != stage.upstream())
            {
                transit.put(stage.upstream().name() + "->" + stage.name(), edgeTransit);
            }
        }
        catch (final Exception ex)
        {
            throw new StageFailure("stage sink: cannot decode the histograms of stage " + report.stage(), ex,
                ExitCodes.CORRUPT_FRAME);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onPassThrough(
        final FrameType type, final DirectBuffer buffer, final int offset, final int length, final int eventCount)
    {
    }

    /**
     * {@inheritDoc}
     */
    public void onUpstreamEnd(final EndOfStreamCounts upstreamCounts, final EndOfStreamCounts ownCounts)
    {
        if (null == results)
        {
            throw StageFailure.deterministic("stage sink: end of stream arrived without results from stage aggregate");
        }
        final PipelineCounts counts = new PipelineCounts();
        counts.addLinesRead(upstreamCounts.linesRead());
        counts.addBlankLines(upstreamCounts.blankLines());
        counts.addKept(upstreamCounts.kept());
        counts.addFiltered(upstreamCounts.filtered());
        counts.addFailed(upstreamCounts.failed());
        for (final RejectReason reason : RejectReason.values())
        {
            counts.addRejected(reason, rejectedByReason[reason.ordinal()]);
        }

        final List<RunSummary.Check> checks = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        check(checks, problems, "conservation", counts.violations(results));
        final List<String> rejects = new ArrayList<>();
        if (counts.rejected() != upstreamCounts.rejected())
        {
            rejects.add("rejects received " + counts.rejected() + " != rejected by parse " +
                upstreamCounts.rejected());
        }
        check(checks, problems, "rejects arrived", rejects);
        final List<String> accepted = new ArrayList<>();
        if (upstreamCounts.failed() == 0 && upstreamCounts.accepted() != upstreamCounts.kept() +
            upstreamCounts.filtered())
        {
            accepted.add("accepted by parse " + upstreamCounts.accepted() + " != kept " + upstreamCounts.kept() +
                " + filtered " + upstreamCounts.filtered() + " by rules");
        }
        check(checks, problems, "accepted = kept + filtered", accepted);
        final List<String> failed = new ArrayList<>();
        if (upstreamCounts.failed() > 0)
        {
            failed.add(upstreamCounts.failed() + " event(s) failed in a handler");
        }
        check(checks, problems, "no failed events", failed);
        final List<String> missing = new ArrayList<>();
        for (final Topology.Stage stage : Topology.stages())
        {
            if (null != stage.output() && !stageReports.containsKey(stage.name()))
            {
                missing.add("no metrics arrived from stage " + stage.name());
            }
        }
        check(checks, problems, "metrics from every stage", missing);
        metrics.stop(System.nanoTime());
        stageReports.put("sink", StageReport.of("sink", metrics));
        judgeClockDomains();
        measureWindow(counts);
        final StageReport ingest = stageReports.get("ingest");
        if (rate > 0 && null != ingest)
        {
            // ingest's first event is the start of its schedule, its last event its last send
            pacing = new PacingOutcome(rate, burst, counts.linesRead(), ingest.firstEventNanos(),
                ingest.lastEventNanos());
        }
        outcome = new SplitRunOutcome(results, counts, latency, List.copyOf(problems), report(results, counts,
            problems), List.copyOf(stageReports.values()), measuredEvents, windowNanos, List.copyOf(checks), pacing,
            Map.copyOf(transit), Collections.unmodifiableMap(new LinkedHashMap<>(notComparable)),
            negativeLatencySamples);
    }

    private static void check(
        final List<RunSummary.Check> checks, final List<String> problems, final String name, final List<String> found)
    {
        checks.add(new RunSummary.Check(name, found.isEmpty(), String.join("; ", found)));
        problems.addAll(found);
    }

    /**
     * Keep only the figures whose two ends were stamped on one clock: a nanoTime stamp of one stage can be subtracted
     * from another's only if both share a clock domain (one boot of one kernel). The end-to-end figures run from
     * ingest's clock to the aggregate's; an edge's transit from the upstream's clock to the receiver's. The others
     * are dropped with the reason, which the report and the summary give instead of a wrong figure.
     */
    private void judgeClockDomains()
    {
        final StageReport ingest = stageReports.get("ingest");
        final StageReport aggregate = stageReports.get("aggregate");
        if (null != ingest && null != aggregate)
        {
            final String reason = ClockDomain.notComparable("ingest", ingest.clock(), "aggregate", aggregate.clock());
            if (null != reason)
            {
                if (0 == warmupEvents)
                {
                    notComparable.put(THROUGHPUT, reason);
                }
                notComparable.put(LATENCY, reason);
                latency = null;
            }
            else
            {
                // across clocks a negative sample says nothing more than "not comparable" does
                negativeLatencySamples = aggregate.negativeLatencySamples();
            }
        }
        for (final Topology.Stage stage : Topology.stages())
        {
            final String edge = null == stage.upstream() ? null : stage.upstream().name() + "->" + stage.name();
            final StageReport sender = null == stage.upstream() ? null : stageReports.get(stage.upstream().name());
            final StageReport receiver = stageReports.get(stage.name());
            if (null != edge && transit.containsKey(edge) && null != sender && null != receiver)
            {
                final String reason = ClockDomain.notComparable(
                    stage.upstream().name(), sender.clock(), stage.name(), receiver.clock());
                if (null != reason)
                {
                    transit.remove(edge);
                    notComparable.put(TRANSIT_PREFIX + edge, reason);
                }
            }
        }
    }

    private void measureWindow(final PipelineCounts counts)
    {
        if (notComparable.containsKey(THROUGHPUT))
        {
            return;
        }
        final StageReport ingest = stageReports.get("ingest");
        final StageReport aggregate = stageReports.get("aggregate");
        final long startNanos = warmupEvents > 0 ?
            (null == aggregate ? 0 : aggregate.firstEventNanos()) : (null == ingest ? 0 : ingest.firstEventNanos());
        if (null != aggregate && 0 != startNanos && aggregate.lastEventNanos() > startNanos)
        {
            windowNanos = aggregate.lastEventNanos() - startNanos;
            measuredEvents = warmupEvents > 0 ? Math.max(0, counts.linesRead() - warmupEvents) :
                counts.linesRead() - counts.blankLines();
        }
    }

    /**
     * A paced run (the latency mode): judge from ingest's metrics whether the rate was achieved.
     *
     * @param rate  offered lines per second, 0 for the throughput mode.
     * @param burst lines due together.
     * @return this.
     */
    public SinkStep pacing(final long rate, final int burst)
    {
        this.rate = rate;
        this.burst = burst;
        return this;
    }

    /**
     * The outcome, once the stream has ended.
     *
     * @return the outcome, or null before the end of stream.
     */
    public SplitRunOutcome outcome()
    {
        return outcome;
    }

    private String report(final WorkloadResults results, final PipelineCounts counts, final List<String> problems)
    {
        final StringBuilder out = new StringBuilder();
        out.append(title).append('\n');
        out.append("results:\n");
        for (final String line : results.reportLines())
        {
            out.append("  ").append(line).append('\n');
        }
        out.append("lines: ").append(counts.summary()).append('\n');
        if (counts.rejected() > 0)
        {
            out.append("rejected by reason: ").append(counts.rejectBreakdown()).append('\n');
        }
        if (notComparable.containsKey(THROUGHPUT))
        {
            out.append("throughput: ").append(notComparable.get(THROUGHPUT)).append('\n');
        }
        if (windowNanos > 0)
        {
            out.append(String.format(Locale.ROOT,
                "throughput: %.2f M events/s (%d events, %s in %.1f ms)%n",
                measuredEvents * 1e3 / windowNanos, measuredEvents, warmupEvents > 0 ?
                "after a warm-up of " + warmupEvents + " lines, aggregate's first event past it to its last" :
                "first ingested to last applied", windowNanos / 1e6));
            final String coldNote = 0 == rate ? ColdRun.note(warmupEvents, windowNanos) : null;
            if (null != coldNote)
            {
                out.append(coldNote).append('\n');
            }
        }
        final String latencyFigure = notComparable.containsKey(LATENCY) ? notComparable.get(LATENCY) :
            null == latency ? "no samples" : LatencySummary.summary(latency);
        if (null != pacing)
        {
            out.append("latency (intended send time -> aggregate applied, every event past the warm-up): ")
                .append(latencyFigure).append('\n');
            out.append("rate: ").append(pacing.summary()).append('\n');
        }
        else
        {
            out.append("latency (ingest publish -> aggregate applied, 1 in ").append(latencySampleRate)
                .append(" events sampled): ").append(latencyFigure).append('\n');
        }
        if (negativeLatencySamples > 0)
        {
            out.append("latency samples stamped later than the aggregate's clock (recorded as 0): ")
                .append(negativeLatencySamples).append('\n');
        }
        for (final Topology.Stage stage : Topology.stages())
        {
            final String edge = null == stage.upstream() ? null : stage.upstream().name() + "->" + stage.name();
            if (null != edge && transit.containsKey(edge))
            {
                out.append(TRANSIT_PREFIX).append(edge).append(" (frame commit -> poll, per frame): ")
                    .append(LatencySummary.summary(transit.get(edge))).append('\n');
            }
            else if (null != edge && notComparable.containsKey(TRANSIT_PREFIX + edge))
            {
                out.append(TRANSIT_PREFIX).append(edge).append(" (frame commit -> poll, per frame): ")
                    .append(notComparable.get(TRANSIT_PREFIX + edge)).append('\n');
            }
        }
        out.append("stages (process/send/wait as % of each stage's wall time):\n");
        out.append(StageReport.tableHeader()).append('\n');
        for (final StageReport report : stageReports.values())
        {
            out.append(report.tableRow()).append('\n');
        }
        out.append(problems.isEmpty() ? "checks: OK (every line accounted for, nothing lost or duplicated)\n" :
            "checks: FAILED\n");
        for (final String problem : problems)
        {
            out.append("FAILED: ").append(problem).append('\n');
        }
        if (null != pacing && !pacing.achieved())
        {
            out.append(pacing.notAchievedMessage()).append('\n');
        }
        return out.toString();
    }
}
