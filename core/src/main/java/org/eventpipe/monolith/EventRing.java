package org.eventpipe.monolith;

import java.util.concurrent.ArrayBlockingQueue;

import org.eventpipe.model.PipelineEvent;

/**
 * What carries the monolith's preallocated events from the ingest thread through the parse, rules and aggregate
 * threads and back: a Disruptor ring buffer ({@link DisruptorRing}) or JDK queues ({@link JdkQueueRing}). The ingest
 * loop, the handlers and the counting are {@link MonolithPipeline}'s and the same for both.
 */
interface EventRing
{
    /**
     * Start the handler threads; returns once they will see every event published.
     */
    void start();

    /**
     * The next free event for ingest to fill, waiting while every event is in flight. Called at most
     * {@link PipelineSettings#ingestBatch()} times between two calls to {@link #publish(long)}.
     *
     * @return the event.
     */
    PipelineEvent claim();

    /**
     * Stamp every event claimed since the last publish and hand them to parse, in the order claimed.
     *
     * @param ingestNanos {@link System#nanoTime()} to stamp them with.
     */
    void publish(long ingestNanos);

    /**
     * Hand every event claimed since the last publish to parse, in the order claimed, with the stamps ingest gave
     * them (the intended times of a paced run).
     */
    void publishStamped();

    /**
     * Wait until every published event has been applied by the aggregate, then stop the threads.
     */
    void finish();

    /**
     * When the aggregate finished applying its last batch; read after {@link #finish()}.
     *
     * @return {@link System#nanoTime()}, or 0 if it applied none.
     */
    long lastAppliedNanos();

    /**
     * Give an event the line buffer a slot starts with. Events are allocated first, then their buffers, so that the
     * event objects lie next to each other in memory.
     *
     * @param event    of a slot.
     * @param settings of the run.
     */
    static void reserveLine(final PipelineEvent event, final PipelineSettings settings)
    {
        event.reserveLine(Math.min(PipelineEvent.DEFAULT_LINE_CAPACITY, settings.slotLineLimit()));
    }

    /**
     * Take from a queue, carrying on through interrupts and restoring the interrupt status after.
     *
     * @param queue to take from.
     * @param <T>   of the elements.
     * @return the element taken.
     */
    static <T> T takeUninterruptibly(final ArrayBlockingQueue<T> queue)
    {
        boolean interrupted = false;
        try
        {
            while (true)
            {
                try
                {
                    return queue.take();
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
            }
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Put into a queue, carrying on through interrupts and restoring the interrupt status after.
     *
     * @param queue   to put into.
     * @param element to put.
     * @param <T>     of the elements.
     */
    static <T> void putUninterruptibly(final ArrayBlockingQueue<T> queue, final T element)
    {
        boolean interrupted = false;
        try
        {
            while (true)
            {
                try
                {
                    queue.put(element);
                    return;
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
            }
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }
}
