package org.eventpipe.stage;

import org.agrona.DirectBuffer;
import org.eventpipe.bridge.Edge;
import org.eventpipe.bridge.FrameReceiver;
import org.eventpipe.bridge.StageCheckpoint;
import org.eventpipe.codec.EndOfStreamCounts;
import org.eventpipe.codec.FrameType;
import org.eventpipe.codec.StageId;
import org.eventpipe.fault.FaultInjection;
import org.eventpipe.handler.PipelineStep;
import org.eventpipe.handler.RulesHandler;
import org.eventpipe.model.Outcome;
import org.eventpipe.model.PipelineEvent;

/**
 * The rules stage: parsed event batches in, kept event batches out, through the same {@link RulesHandler} as the
 * monolith. Rejects and upstream metrics pass through.
 */
public final class RulesStageAgent extends ReceivingStageAgent
{
    private final RulesHandler rules;
    private final PipelineStep rulesStep;
    private final EdgePublisher output;
    private final EventBatcher kept;
    private final EndOfStreamCounts counts = new EndOfStreamCounts();
    private long failed;
    private long keptBefore;
    private long filteredBefore;

    /**
     * Create the stage.
     *
     * @param receiver of parsed event batches.
     * @param metrics  of the stage, shared with the publisher.
     * @param output   publisher of the rules-to-aggregate edge.
     * @param settings of the run.
     */
    public RulesStageAgent(
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
     * @param receiver of parsed event batches.
     * @param metrics  of the stage, shared with the publisher.
     * @param output   publisher of the rules-to-aggregate edge.
     * @param settings of the run.
     * @param fault    to inject; {@link FaultInjection#NONE} for none.
     */
    public RulesStageAgent(
        final FrameReceiver receiver,
        final EdgePublisher output,
        final StageMetricsRecorder metrics,
        final StageSettings settings,
        final FaultInjection fault)
    {
        super(StageId.RULES, StageId.PARSE, Edge.PARSE_TO_RULES, receiver, metrics, settings);
        this.rules = new RulesHandler(settings.droppedTypes());
        this.rulesStep = fault.wrap("rules", rules);
        this.output = output;
        this.kept = new EventBatcher(EventBatcher.Kind.KEPT, StageId.RULES, output, encoder,
            settings.maxEventsPerFrame(), settings.lingerNanos());
        restartable(output, false);
    }

    /**
     * {@inheritDoc}
     */
    public void onParsedEvent(final PipelineEvent event)
    {
        if (skipEvent())
        {
            return;
        }
        try
        {
            rulesStep.onEvent(event);
        }
        catch (final RuntimeException ex)
        {
            failed++;
            eventDone();
            return;
        }
        if (event.outcome() == Outcome.ACCEPTED)
        {
            kept.claim(0).setDecoded(event.lineNumber(), event.ingestNanos(), event.userId(), event.type(),
                event.value(), event.timestamp());
        }
        eventDone();
    }

    protected void saveCounters(final StageCheckpoint checkpoint)
    {
        checkpoint.counter(0, keptBefore + rules.kept()).counter(1, filteredBefore + rules.filtered())
            .counter(2, failed);
    }

    protected void restoreCounters(final StageCheckpoint checkpoint)
    {
        keptBefore = checkpoint.counter(0);
        filteredBefore = checkpoint.counter(1);
        failed = checkpoint.counter(2);
    }

    protected void flushBeforeForward()
    {
        kept.flush();
    }

    protected void onPassThrough(final FrameType type, final DirectBuffer buffer, final int offset, final int length)
    {
        forward(output, buffer, offset, length);
    }

    protected void onInputDrained()
    {
        kept.flush();
    }

    protected void onLingerCheck(final long nowNanos)
    {
        kept.flushIfLingered(nowNanos);
    }

    protected void finish()
    {
        kept.flush();
    }

    protected void sendMetricsAndEndOfStream()
    {
        counts.copyFrom(upstreamCounts);
        counts.kept(keptBefore + rules.kept()).filtered(filteredBefore + rules.filtered())
            .failed(upstreamCounts.failed() + failed);
        sendMetricsAndEndOfStream(output, counts);
    }
}
