package org.eventpipe.monolith;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.lmax.disruptor.ExceptionHandler;
import org.eventpipe.model.Outcome;
import org.eventpipe.model.PipelineEvent;

/**
 * Counts handler exceptions and keeps going: the event is marked {@link Outcome#FAILED} so later handlers skip it,
 * the first error is kept for the report, and the run's exit status reports the failure.
 */
final class HandlerErrors implements ExceptionHandler<PipelineEvent>
{
    private final AtomicLong count = new AtomicLong();
    private final AtomicReference<String> first = new AtomicReference<>();

    /**
     * {@inheritDoc}
     */
    public void handleEventException(final Throwable ex, final long sequence, final PipelineEvent event)
    {
        count.incrementAndGet();
        if (null != event)
        {
            event.outcome(Outcome.FAILED);
        }
        first.compareAndSet(null, describe(ex, null == event ? -1 : event.lineNumber()));
    }

    /**
     * {@inheritDoc}
     */
    public void handleOnStartException(final Throwable ex)
    {
        count.incrementAndGet();
        first.compareAndSet(null, "on start: " + describe(ex, -1));
    }

    /**
     * {@inheritDoc}
     */
    public void handleOnShutdownException(final Throwable ex)
    {
        count.incrementAndGet();
        first.compareAndSet(null, "on shutdown: " + describe(ex, -1));
    }

    void record(final String error)
    {
        count.incrementAndGet();
        first.compareAndSet(null, error);
    }

    long count()
    {
        return count.get();
    }

    String first()
    {
        return first.get();
    }

    private static String describe(final Throwable ex, final long lineNumber)
    {
        final String where = lineNumber >= 0 ? "line " + lineNumber + ": " : "";
        return where + ex.getClass().getName() + (null == ex.getMessage() ? "" : ": " + ex.getMessage());
    }
}
