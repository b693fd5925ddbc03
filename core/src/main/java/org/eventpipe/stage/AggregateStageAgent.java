package org.eventpipe.stage;

import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.eventpipe.bridge.Edge;
import org.eventpipe.bridge.FrameReceiver;
import org.eventpipe.codec.EndOfStreamCounts;
import org.eventpipe.codec.FrameEncoder;
import org.eventpipe.codec.FrameType;
import org.eventpipe.codec.StageId;
import org.eventpipe.fault.FaultInjection;
import org.eventpipe.handler.AggregateHandler;
import org.eventpipe.handler.AggregateResults;
import org.eventpipe.handler.PipelineStep;
import org.eventpipe.metrics.LatencyRecorder;
import org.eventpipe.metrics.MeasuredWindow;
import org.eventpipe.model.EventType;
import org.eventpipe.model.PipelineEvent;

/**
 * The aggregate stage: kept event batches in, folded by the same {@link AggregateHandler} as the monolith, with the
 * end-to-end latency of sampled events recorded when they are applied. At the end it sends the results, then its
 * metrics (with the latency histogram) and its end of stream. Rejects and upstream metrics pass through to the sink.
 * <p>
 * Its state (the aggregates) is not in its output, so after a restart it replays its input from the start, sending
 * only the frames the earlier process had not sent, and records no latency for the events that process had applied.
 * <p>
 * Its end of stream counts as kept the events kept by the rules less those on which it threw (counted as failed),
 * as the monolith does: the events its results must hold, which the sink checks them against.
 * <p>
 * With a warm-up ({@link MeasuredWindow}) the first-event time in its metrics is that of the first event past the
 * warm-up, the start of the measured window, and the latency of warm-up events is not recorded.
 */
public final class AggregateStageAgent extends ReceivingStageAgent
{
    private final AggregateHandler aggregate = new AggregateHandler();
    private final PipelineStep aggregateStep;
    private final LatencyRecorder latency;
    private final MeasuredWindow window;
    private final EdgePublisher output;
    private final EndOfStreamCounts counts = new EndOfStreamCounts();
    private long failed;

    /**
     * Create the stage.
     *
     * @param receiver of kept event batches.
     * @param metrics  of the stage, shared with the publisher.
     * @param output   publisher of the aggregate-to-sink edge.
     * @param settings of the run.
     */
    public AggregateStageAgent(
        final FrameReceiver receiver,
        final EdgePublisher output,
        final StageMetricsRecorder metrics,
        final StageSettings settings)
    {
        this(receiver, output, metrics, settings, FaultInjection.NONE);
    }

    /**
     * Create the stage with a fault injected into its handler, for tests.
     *
     * @param receiver of kept event batches.
     * @param metrics  of the stage, shared with the publisher.
     * @param output   publisher of the aggregate-to-sink edge.
     * @param settings of the run.
     * @param fault    to inject; {@link FaultInjection#NONE} for none.
     */
    public AggregateStageAgent(
        final FrameReceiver receiver,
        final EdgePublisher output,
        final StageMetricsRecorder metrics,
        final StageSettings settings,
        final FaultInjection fault)
    {
        this(receiver, output, metrics, settings, fault, 0);
    }

    /**
     * Create the stage with a warm-up left out of the measured window.
     *
     * @param receiver     of kept event batches.
     * @param metrics      of the stage, shared with the publisher.
     * @param output       publisher of the aggregate-to-sink edge.
     * @param settings     of the run.
     * @param fault        to inject; {@link FaultInjection#NONE} for none.
     * @param warmupEvents lines of warm-up, 0 for none.
     */
    public AggregateStageAgent(
        final FrameReceiver receiver,
        final EdgePublisher output,
        final StageMetricsRecorder metrics,
        final StageSettings settings,
        final FaultInjection fault,
        final long warmupEvents)
    {
        super(StageId.AGGREGATE, StageId.RULES, Edge.RULES_TO_AGGREGATE, receiver, metrics, settings);
        this.latency = new LatencyRecorder(settings.latencySampleInterval(), warmupEvents);
        this.window = new MeasuredWindow(warmupEvents);
        this.output = output;
        this.aggregateStep = fault.wrap("aggregate", aggregate);
        restartable(output, true);
    }

    /**
     * {@inheritDoc}
     */
    public void onKeptEvent(final PipelineEvent event)
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
        if (!isReplaying())
        {
            latency.onApplied(event.lineNumber(), event.ingestNanos());
            window.onApplied(event.lineNumber());
        }
    }

    protected void onPassThrough(final FrameType type, final DirectBuffer buffer, final int offset, final int length)
    {
        forward(output, buffer, offset, length);
    }

    protected void onInputDrained()
    {
    }

    protected void onLingerCheck(final long nowNanos)
    {
    }

    protected void finish()
    {
        final AggregateResults results = aggregate.results();
        output.publish(FrameEncoder.resultsLength(), EventType.count(),
            (buffer, offset) -> encoder.encodeResults(buffer, offset, stageId, output.nextSequence(), results));
    }

    protected Histogram metricsHistogram()
    {
        return latency.histogram();
    }

    protected void sendMetricsAndEndOfStream()
    {
        if (window.hasWarmup())
        {
            metrics.firstEventNanos(window.startNanos());
        }
        counts.copyFrom(upstreamCounts);
        counts.kept(upstreamCounts.kept() - failed).failed(upstreamCounts.failed() + failed);
        sendMetricsAndEndOfStream(output, counts);
    }
}
