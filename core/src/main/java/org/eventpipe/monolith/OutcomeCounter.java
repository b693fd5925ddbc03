package org.eventpipe.monolith;

import org.eventpipe.handler.PipelineStep;
import org.eventpipe.metrics.LatencyRecorder;
import org.eventpipe.metrics.MeasuredWindow;
import org.eventpipe.metrics.PipelineCounts;
import org.eventpipe.metrics.RejectSink;
import org.eventpipe.model.PipelineEvent;

/**
 * The end of the pipeline: applies kept events to the aggregate, records their latency, and counts every other
 * outcome, sending rejects to the reject sink. Shared by the monolith and the fused loop.
 */
final class OutcomeCounter
{
    private final PipelineStep aggregate;
    private final LatencyRecorder latency;
    private final RejectSink rejectSink;
    private final PipelineCounts counts;
    private final HandlerErrors errors;
    private final MeasuredWindow window;

    /**
     * @param aggregate applies a kept event: the {@code AggregateHandler}, or a wrapper of it that injects a fault.
     * @param latency   null to record no latency.
     * @param window    opened at the first kept event past the warm-up.
     */
    OutcomeCounter(
        final PipelineStep aggregate,
        final LatencyRecorder latency,
        final RejectSink rejectSink,
        final PipelineCounts counts,
        final HandlerErrors errors,
        final MeasuredWindow window)
    {
        this.window = window;
        this.aggregate = aggregate;
        this.latency = latency;
        this.rejectSink = rejectSink;
        this.counts = counts;
        this.errors = errors;
    }

    void onEvent(final PipelineEvent event)
    {
        switch (event.outcome())
        {
            case ACCEPTED:
                try
                {
                    aggregate.onEvent(event);
                }
                catch (final RuntimeException ex)
                {
                    counts.addFailed(1);
                    errors.handleEventException(ex, -1, event);
                    break;
                }
                counts.addKept(1);
                window.onApplied(event.lineNumber());
                if (null != latency)
                {
                    latency.onApplied(event.lineNumber(), event.ingestNanos());
                }
                break;

            case FILTERED:
                counts.addFiltered(1);
                break;

            case REJECTED:
                counts.addRejected(event.rejectReason(), 1);
                rejectSink.onReject(
                    event.lineNumber(), event.rejectReason(), event.line(), 0, event.storedLineLength());
                break;

            case FAILED:
                counts.addFailed(1);
                break;

            default:
                counts.addFailed(1);
                errors.record("line " + event.lineNumber() + ": reached the aggregate without being parsed");
                break;
        }
    }
}
