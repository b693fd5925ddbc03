package org.eventpipe.stage;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.eventpipe.codec.EndOfStreamCounts;
import org.eventpipe.codec.FrameType;
import org.eventpipe.codec.StageMetricsSnapshot;
import org.eventpipe.handler.AggregateResults;
import org.eventpipe.metrics.LatencySummary;
import org.eventpipe.metrics.PipelineCounts;
import org.eventpipe.metrics.RejectSink;
import org.eventpipe.model.EventType;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.model.RejectReason;
import org.eventpipe.topology.Topology;

/**
 * The sink: receives the results, every reject, every stage's metrics and the end of stream; checks conservation
 * (every line read is blank, kept, filtered, rejected or failed; the aggregates hold exactly the kept events; every
 * reject counted by the parser arrived) and builds the report.
 */
public final class SinkStep implements StageStep
{
    private final RejectSink rejectSink;
    private final long[] rejectedByReason = new long[RejectReason.count()];
    private final Map<String, StageReport> stageReports = new LinkedHashMap<>();
    private final String title;
    private final StageMetricsRecorder metrics;
    private final int latencySampleRate;
    private long[] resultCounts;
    private long[] resultSums;
    private Histogram latency;
    private SplitRunOutcome outcome;

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
    public void onResults(final long[] countsByTypeCode, final long[] sumsByTypeCode)
    {
        if (null != resultCounts)
        {
            throw new StageFailure("stage sink: a second results frame arrived");
        }
        resultCounts = countsByTypeCode.clone();
        resultSums = sumsByTypeCode.clone();
    }

    /**
     * {@inheritDoc}
     */
    public void onStageMetrics(final StageMetricsSnapshot snapshot)
    {
        final StageReport report = StageReport.of(snapshot);
        stageReports.put(report.stage(), report);
        if (snapshot.latencyHistogramLength() > 0)
        {
            try
            {
                latency = Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(snapshot.latencyHistogram(), 0, snapshot.latencyHistogramLength()), 0);
            }
            catch (final Exception ex)
            {
                throw new StageFailure("stage sink: cannot decode the latency histogram of stage " +
                    report.stage(), ex);
            }
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
        if (null == resultCounts)
        {
            throw new StageFailure("stage sink: end of stream arrived without results from stage aggregate");
        }
        final AggregateResults results = new AggregateResults(resultCounts, resultSums);
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

        final List<String> problems = new ArrayList<>(counts.violations(results));
        if (counts.rejected() != upstreamCounts.rejected())
        {
            problems.add("rejects received " + counts.rejected() + " != rejected by parse " +
                upstreamCounts.rejected());
        }
        if (upstreamCounts.failed() == 0 && upstreamCounts.accepted() != upstreamCounts.kept() +
            upstreamCounts.filtered())
        {
            problems.add("accepted by parse " + upstreamCounts.accepted() + " != kept " + upstreamCounts.kept() +
                " + filtered " + upstreamCounts.filtered() + " by rules");
        }
        if (upstreamCounts.failed() > 0)
        {
            problems.add(upstreamCounts.failed() + " event(s) failed in a handler");
        }
        for (final Topology.Stage stage : Topology.stages())
        {
            if (null != stage.output() && !stageReports.containsKey(stage.name()))
            {
                problems.add("no metrics arrived from stage " + stage.name());
            }
        }
        metrics.stop(System.nanoTime());
        stageReports.put("sink", StageReport.of("sink", metrics));
        outcome = new SplitRunOutcome(results, counts, latency, List.copyOf(problems), report(results, counts,
            problems));
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

    private String report(final AggregateResults results, final PipelineCounts counts, final List<String> problems)
    {
        final StringBuilder out = new StringBuilder();
        out.append(title).append('\n');
        out.append("results:\n");
        for (final EventType type : results.presentTypesSortedByKey())
        {
            out.append(String.format(Locale.ROOT, "  %-9s count=%d sum=%d avg=%s%n", type.jsonName(),
                results.count(type), results.sum(type), AggregateResults.formatAverage(results.average(type))));
        }
        out.append("lines: ").append(counts.summary()).append('\n');
        if (counts.rejected() > 0)
        {
            out.append("rejected by reason: ").append(counts.rejectBreakdown()).append('\n');
        }
        final StageReport ingest = stageReports.get("ingest");
        final StageReport aggregate = stageReports.get("aggregate");
        if (null != ingest && null != aggregate && aggregate.lastEventNanos() > ingest.firstEventNanos())
        {
            final long events = counts.linesRead() - counts.blankLines();
            final long nanos = aggregate.lastEventNanos() - ingest.firstEventNanos();
            out.append(String.format(Locale.ROOT,
                "throughput: %.2f M events/s (%d events, first ingested to last applied in %.1f ms)%n",
                events * 1e3 / nanos, events, nanos / 1e6));
        }
        out.append("latency (ingest publish -> aggregate applied, 1 in ").append(latencySampleRate)
            .append(" events sampled): ").append(null == latency ? "no samples" : LatencySummary.summary(latency))
            .append('\n');
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
        return out.toString();
    }
}
