package org.eventpipe.stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.eventpipe.codec.EndOfStreamCounts;
import org.eventpipe.codec.FrameEncoder;
import org.eventpipe.codec.FrameType;
import org.eventpipe.codec.StageId;
import org.eventpipe.counters.PipelineCounter;
import org.eventpipe.counters.StageCounters;
import org.eventpipe.fault.FaultInjection;
import org.eventpipe.handler.PipelineStep;
import org.eventpipe.metrics.LatencyIntervals;
import org.eventpipe.metrics.LatencyRecorder;
import org.eventpipe.metrics.MeasuredWindow;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.workload.Workload;
import org.eventpipe.workload.WorkloadAggregator;
import org.eventpipe.workload.WorkloadResults;

/**
 * The aggregate stage's step: each kept event folded by the same {@link AggregateHandler} as the monolith, with the
 * end-to-end latency of sampled events recorded when they are applied; at the end the results. Rejects and the
 * metrics of the stages upstream pass through to the sink.
 * <p>
 * Its end of stream counts as kept the events kept by the rules less those on which it threw (counted as failed),
 * as the monolith does: the events its results must hold, which the sink checks them against. While it replays input
 * an earlier process of it had applied, it records no latency.
 * <p>
 * With a warm-up ({@link MeasuredWindow}) the first-event time in its metrics is that of the first event past the
 * warm-up, the start of the measured window, and the latency of warm-up events is not recorded.
 */
final class AggregateStep implements StageStep
{
    private final WorkloadAggregator aggregate;
    private final PipelineStep aggregateStep;
    private final LatencyRecorder latency;
    private final MeasuredWindow window;
    private final StageMetricsRecorder metrics;
    private final StageOutput output;
    private final AtomicCounter appliedCounter;
    private final AtomicCounter failedCounter;
    private BooleanSupplier replaying = () -> false;
    private Path intervalLog;
    private long failed;

    AggregateStep(
        final StageOutput output,
        final StageSettings settings,
        final FaultInjection fault,
        final StageMetricsRecorder metrics,
        final long warmupEvents,
        final Workload workload)
    {
        this.aggregate = workload.newAggregator(settings.workloadSettings());
        final StageCounters counters = metrics.counters();
        this.metrics = metrics;
        this.window = new MeasuredWindow(warmupEvents);
        this.appliedCounter = counters.get(PipelineCounter.APPLIED);
        this.failedCounter = counters.get(PipelineCounter.FAILED);
        this.latency = new LatencyRecorder(settings.latencySampleInterval(), warmupEvents);
        this.output = output;
        this.aggregateStep = fault.wrap("aggregate", aggregate);
    }

    void writeLatencyIntervals(final Path file)
    {
        intervalLog = file;
        latency.recordIntervals(new LatencyIntervals());
    }

    void replaying(final BooleanSupplier replaying)
    {
        this.replaying = replaying;
    }

    /**
     * {@inheritDoc}
     */
    public void onEntry(final PipelineEvent event, final DirectBuffer buffer, final int offset)
    {
        try
        {
            aggregateStep.onEvent(event);
        }
        catch (final RuntimeException ex)
        {
            failed++;
            return;
        }
        if (!replaying.getAsBoolean())
        {
            latency.onApplied(event.lineNumber(), event.ingestNanos());
            window.onApplied(event.lineNumber());
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onPassThrough(
        final FrameType type, final DirectBuffer buffer, final int offset, final int length, final int eventCount)
    {
        output.forward(buffer, offset, length, eventCount);
    }

    /**
     * {@inheritDoc}
     */
    public void onUpstreamEnd(final EndOfStreamCounts upstream, final EndOfStreamCounts counts)
    {
        final WorkloadResults results = aggregate.results();
        final EdgePublisher publisher = output.publisher();
        publisher.publish(FrameEncoder.resultsLength(results), 0,
            (buffer, offset) -> output.encoder().encodeResults(buffer, offset, StageId.AGGREGATE,
                publisher.nextSequence(), results));
        updateCounters();
        if (null != intervalLog)
        {
            latency.intervals().finish(System.nanoTime());
            try
            {
                latency.intervals().write(intervalLog);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("stage aggregate: cannot write " + intervalLog, ex);
            }
        }
        if (window.hasWarmup())
        {
            metrics.firstEventNanos(window.startNanos());
        }
        metrics.negativeLatencySamples(latency.negativeSamples());
        counts.copyFrom(upstream);
        counts.kept(upstream.kept() - failedCounter.get()).failed(upstream.failed() + failedCounter.get());
    }

    /**
     * {@inheritDoc}
     */
    public void updateCounters()
    {
        appliedCounter.setRelease(aggregate.total());
        failedCounter.setRelease(failed);
    }

    /**
     * {@inheritDoc}
     */
    public Histogram metricsHistogram()
    {
        return latency.histogram();
    }
}
