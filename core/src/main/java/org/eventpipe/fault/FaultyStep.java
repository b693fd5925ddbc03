package org.eventpipe.fault;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.eventpipe.handler.PipelineStep;
import org.eventpipe.model.PipelineEvent;

/**
 * A handler that drops, duplicates or throws on every Nth event, or stalls once before its Nth, see
 * {@link FaultInjection}.
 */
final class FaultyStep implements PipelineStep
{
    private final String stage;
    private final FaultInjection.Action action;
    private final long every;
    private final long stallMillis;
    private final PipelineStep handler;
    private long events;

    FaultyStep(
        final String stage,
        final FaultInjection.Action action,
        final long every,
        final long stallMillis,
        final PipelineStep handler)
    {
        this.stage = stage;
        this.action = action;
        this.every = every;
        this.stallMillis = stallMillis;
        this.handler = handler;
    }

    /**
     * {@inheritDoc}
     */
    public void onEvent(final PipelineEvent event)
    {
        if (FaultInjection.Action.STALL == action)
        {
            if (++events == every)
            {
                final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(stallMillis);
                long left;
                while ((left = deadline - System.nanoTime()) > 0)
                {
                    LockSupport.parkNanos(left);
                }
            }
            handler.onEvent(event);
            return;
        }
        if (++events % every != 0)
        {
            handler.onEvent(event);
            return;
        }
        switch (action)
        {
            case DROP:
                break;

            case DUPLICATE:
                handler.onEvent(event);
                handler.onEvent(event);
                break;

            default:
                throw new InjectedFault("injected fault: the " + stage + " handler throws on its event " +
                    events + " (line " + event.lineNumber() + ")");
        }
    }
}
