package org.eventpipe.stage;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.eventpipe.codec.EndOfStreamCounts;
import org.eventpipe.codec.FrameEncoder;
import org.eventpipe.codec.FrameType;
import org.eventpipe.counters.PipelineCounter;
import org.eventpipe.counters.StageCounters;
import org.eventpipe.fault.FaultInjection;
import org.eventpipe.handler.PipelineStep;
import org.eventpipe.model.Outcome;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.recovery.StageCheckpoint;
import org.eventpipe.workload.Workload;
import org.eventpipe.workload.WorkloadParser;

/**
 * The parse stage's step: each raw line through the same {@link ParseHandler} as the monolith, accepted events to
 * the parsed batch, rejected lines (an excerpt) to the reject batch. An event its handler throws on is counted as
 * failed.
 */
final class ParseStep implements StageStep, StageRecovery.Counters
{
    private final WorkloadParser parse;
    private final PipelineStep parseStep;
    private final StageOutput output;
    private final EventBatcher parsed;
    private final EventBatcher rejects;
    private final AtomicCounter acceptedCounter;
    private final AtomicCounter rejectedCounter;
    private final AtomicCounter failedCounter;
    private long failed;
    private long acceptedBefore;
    private long rejectedBefore;

    ParseStep(
        final StageOutput output,
        final StageSettings settings,
        final FaultInjection fault,
        final StageCounters counters,
        final Workload workload)
    {
        this.acceptedCounter = counters.get(PipelineCounter.ACCEPTED);
        this.rejectedCounter = counters.get(PipelineCounter.REJECTED);
        this.failedCounter = counters.get(PipelineCounter.FAILED);
        this.parse = workload.newParser(settings.workloadSettings());
        this.parseStep = fault.wrap("parse", parse);
        this.output = output;
        this.parsed = output.batcher(EventBatcher.Kind.ENTRIES, workload.entryCodec());
        this.rejects = output.batcher(EventBatcher.Kind.REJECTS);
    }

    /**
     * {@inheritDoc}
     */
    public void onRawLine(final PipelineEvent event)
    {
        try
        {
            parseStep.onEvent(event);
        }
        catch (final RuntimeException ex)
        {
            failed++;
            return;
        }
        if (event.outcome() == Outcome.ACCEPTED)
        {
            parsed.append(event);
        }
        else
        {
            final int excerpt = Math.min(event.storedLineLength(), FrameEncoder.MAX_REJECT_EXCERPT);
            final PipelineEvent slot = rejects.claim(excerpt);
            slot.setLine(event.line(), 0, event.lineLength(), excerpt, event.lineNumber());
            slot.reject(event.rejectReason());
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
        output.flush();
        updateCounters();
        counts.copyFrom(upstream);
        counts.accepted(acceptedCounter.get()).rejected(rejectedCounter.get())
            .failed(upstream.failed() + failedCounter.get());
    }

    /**
     * {@inheritDoc}
     */
    public void updateCounters()
    {
        acceptedCounter.setRelease(acceptedBefore + parse.accepted());
        rejectedCounter.setRelease(rejectedBefore + parse.rejected());
        failedCounter.setRelease(failed);
    }

    /**
     * {@inheritDoc}
     */
    public void save(final StageCheckpoint checkpoint)
    {
        checkpoint.counter(0, acceptedBefore + parse.accepted()).counter(1, rejectedBefore + parse.rejected())
            .counter(2, failed);
    }

    /**
     * {@inheritDoc}
     */
    public void restore(final StageCheckpoint checkpoint)
    {
        acceptedBefore = checkpoint.counter(0);
        rejectedBefore = checkpoint.counter(1);
        failed = checkpoint.counter(2);
    }
}
