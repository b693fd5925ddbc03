package org.eventpipe.stage;

import org.agrona.DirectBuffer;
import org.eventpipe.bridge.Edge;
import org.eventpipe.bridge.FrameReceiver;
import org.eventpipe.bridge.StageCheckpoint;
import org.eventpipe.codec.EndOfStreamCounts;
import org.eventpipe.codec.FrameEncoder;
import org.eventpipe.codec.FrameType;
import org.eventpipe.codec.StageId;
import org.eventpipe.fault.FaultInjection;
import org.eventpipe.handler.ParseHandler;
import org.eventpipe.handler.PipelineStep;
import org.eventpipe.model.Outcome;
import org.eventpipe.model.PipelineEvent;

/**
 * The parse stage: raw line batches in, parsed event batches and reject batches out, through the same
 * {@link ParseHandler} as the monolith.
 */
public final class ParseStageAgent extends ReceivingStageAgent
{
    private final ParseHandler parse;
    private final PipelineStep parseStep;
    private final EdgePublisher output;
    private final EventBatcher parsed;
    private final EventBatcher rejects;
    private final EndOfStreamCounts counts = new EndOfStreamCounts();
    private long failed;
    private long acceptedBefore;
    private long rejectedBefore;

    /**
     * Create the stage.
     *
     * @param receiver of raw line batches.
     * @param metrics  of the stage, shared with the publisher.
     * @param output   publisher of the parse-to-rules edge.
     * @param settings of the run.
     */
    public ParseStageAgent(
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
     * @param receiver of raw line batches.
     * @param metrics  of the stage, shared with the publisher.
     * @param output   publisher of the parse-to-rules edge.
     * @param settings of the run.
     * @param fault    to inject; {@link FaultInjection#NONE} for none.
     */
    public ParseStageAgent(
        final FrameReceiver receiver,
        final EdgePublisher output,
        final StageMetricsRecorder metrics,
        final StageSettings settings,
        final FaultInjection fault)
    {
        super(StageId.PARSE, StageId.INGEST, Edge.INGEST_TO_PARSE, receiver, metrics, settings);
        this.parse = new ParseHandler(settings.maxLineLength());
        this.parseStep = fault.wrap("parse", parse);
        this.output = output;
        this.parsed = new EventBatcher(EventBatcher.Kind.PARSED, StageId.PARSE, output, encoder,
            settings.maxEventsPerFrame(), settings.lingerNanos());
        this.rejects = new EventBatcher(EventBatcher.Kind.REJECTS, StageId.PARSE, output, encoder,
            settings.maxEventsPerFrame(), settings.lingerNanos());
        restartable(output, false);
    }

    /**
     * {@inheritDoc}
     */
    public void onRawLine(final PipelineEvent event)
    {
        if (skipEvent())
        {
            return;
        }
        try
        {
            parseStep.onEvent(event);
        }
        catch (final RuntimeException ex)
        {
            failed++;
            eventDone();
            return;
        }
        if (event.outcome() == Outcome.ACCEPTED)
        {
            parsed.claim(0).setDecoded(event.lineNumber(), event.ingestNanos(), event.userId(), event.type(),
                event.value(), event.timestamp());
        }
        else
        {
            final int excerpt = Math.min(event.storedLineLength(), FrameEncoder.MAX_REJECT_EXCERPT);
            final PipelineEvent slot = rejects.claim(excerpt);
            slot.setLine(event.line(), 0, event.lineLength(), excerpt, event.lineNumber());
            slot.reject(event.rejectReason());
        }
        eventDone();
    }

    protected void onCheckpointsEnabled()
    {
        parsed.pairWith(rejects);
    }

    protected void saveCounters(final StageCheckpoint checkpoint)
    {
        checkpoint.counter(0, acceptedBefore + parse.accepted()).counter(1, rejectedBefore + parse.rejected())
            .counter(2, failed);
    }

    protected void restoreCounters(final StageCheckpoint checkpoint)
    {
        acceptedBefore = checkpoint.counter(0);
        rejectedBefore = checkpoint.counter(1);
        failed = checkpoint.counter(2);
    }

    protected void flushBeforeForward()
    {
        parsed.flush();
    }

    protected void onPassThrough(final FrameType type, final DirectBuffer buffer, final int offset, final int length)
    {
        forward(output, buffer, offset, length);
    }

    protected void onInputDrained()
    {
        parsed.flush();
        rejects.flush();
    }

    protected void onLingerCheck(final long nowNanos)
    {
        parsed.flushIfLingered(nowNanos);
        rejects.flushIfLingered(nowNanos);
    }

    protected void finish()
    {
        parsed.flush();
        rejects.flush();
    }

    protected void sendMetricsAndEndOfStream()
    {
        counts.copyFrom(upstreamCounts);
        counts.accepted(acceptedBefore + parse.accepted()).rejected(rejectedBefore + parse.rejected())
            .failed(upstreamCounts.failed() + failed);
        sendMetricsAndEndOfStream(output, counts);
    }
}
