package org.eventpipe.stage;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.eventpipe.codec.EndOfStreamCounts;
import org.eventpipe.codec.FrameType;
import org.eventpipe.counters.PipelineCounter;
import org.eventpipe.counters.StageCounters;
import org.eventpipe.fault.FaultInjection;
import org.eventpipe.handler.PipelineStep;
import org.eventpipe.model.Outcome;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.recovery.StageCheckpoint;
import org.eventpipe.workload.Workload;
import org.eventpipe.workload.WorkloadRules;

/**
 * The rules stage's step: each parsed event through the same {@link RulesHandler} as the monolith, kept events to
 * the kept batch. Rejects and the metrics of the stages upstream pass through.
 */
final class RulesStep implements StageStep, StageRecovery.Counters
{
    private final WorkloadRules rules;
    private final boolean forwardBytes;
    private final PipelineStep rulesStep;
    private final StageOutput output;
    private final EventBatcher kept;
    private final AtomicCounter keptCounter;
    private final AtomicCounter filteredCounter;
    private final AtomicCounter failedCounter;
    private long failed;
    private long keptBefore;
    private long filteredBefore;

    RulesStep(
        final StageOutput output,
        final StageSettings settings,
        final FaultInjection fault,
        final StageCounters counters,
        final Workload workload)
    {
        this.keptCounter = counters.get(PipelineCounter.KEPT);
        this.filteredCounter = counters.get(PipelineCounter.FILTERED);
        this.failedCounter = counters.get(PipelineCounter.FAILED);
        this.rules = workload.newRules(settings.workloadSettings());
        this.forwardBytes = !rules.transformsEntries();
        this.rulesStep = fault.wrap("rules", rules);
        this.output = output;
        this.kept = output.batcher(EventBatcher.Kind.ENTRIES, workload.entryCodec());
    }

    /**
     * {@inheritDoc}
     */
    public void onEntry(final PipelineEvent event, final DirectBuffer buffer, final int offset)
    {
        try
        {
            rulesStep.onEvent(event);
        }
        catch (final RuntimeException ex)
        {
            failed++;
            return;
        }
        if (event.outcome() == Outcome.ACCEPTED)
        {
            if (forwardBytes)
            {
                kept.append(buffer, offset);
            }
            else
            {
                kept.append(event);
            }
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
        counts.kept(keptCounter.get()).filtered(filteredCounter.get()).failed(upstream.failed() + failedCounter.get());
    }

    /**
     * {@inheritDoc}
     */
    public void updateCounters()
    {
        keptCounter.setRelease(keptBefore + rules.kept());
        filteredCounter.setRelease(filteredBefore + rules.filtered());
        failedCounter.setRelease(failed);
    }

    /**
     * {@inheritDoc}
     */
    public void save(final StageCheckpoint checkpoint)
    {
        checkpoint.counter(0, keptBefore + rules.kept()).counter(1, filteredBefore + rules.filtered())
            .counter(2, failed);
    }

    /**
     * {@inheritDoc}
     */
    public void restore(final StageCheckpoint checkpoint)
    {
        keptBefore = checkpoint.counter(0);
        filteredBefore = checkpoint.counter(1);
        failed = checkpoint.counter(2);
    }
}
