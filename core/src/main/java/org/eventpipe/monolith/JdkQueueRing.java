package org.eventpipe.monolith;

import java.util.ArrayList;
import java.util.concurrent.ArrayBlockingQueue;

import org.eventpipe.handler.PipelineStep;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.workload.Workload;

/**
 * The monolith's events on {@code java.util.concurrent} queues, as a developer without the Disruptor would join three
 * threads: the baseline the Disruptor is measured against. The same preallocated events go round a cycle of
 * {@link ArrayBlockingQueue}s, so memory is bounded by the ring size as on the Disruptor:
 * <pre>
 *  ingest (caller's thread) --put--> [to parse] --take--> parse thread --put--> [to rules] --take--> rules thread
 *    ^ takes a free event,                                                                              |
 *    | fills and stamps up to ingestBatch of them, then puts them one by one                           put
 *    |                                                                                                  v
 *    +--take-- [free list: every event not in flight] <--put-- aggregate thread <--take-- [to aggregate]
 * </pre>
 * Each queue holds the ring size, so a put only waits while the thread after it is behind. A handler thread takes
 * one event, waiting for it, then drains whatever else is queued and handles the batch (the JDK idiom that pays the
 * queue's lock once per batch, as close as {@code ArrayBlockingQueue} comes to the Disruptor's batches). A handler
 * exception goes to {@link HandlerErrors}, which marks the event failed, and the pipeline goes on. End of input is an
 * end marker passed along behind the last event.
 */
final class JdkQueueRing implements EventRing
{
    private static final PipelineEvent END = new PipelineEvent();

    private final ArrayBlockingQueue<PipelineEvent> free;
    private final ArrayBlockingQueue<PipelineEvent> toParse;
    private final PipelineEvent[] claimed;
    private final HandlerThread aggregate;
    private final Thread[] threads;
    private int claimedCount;

    /**
     * Create the queues and the preallocated events, all on the free list; no thread runs until {@link #start()}.
     *
     * @param settings of the run: ring size (events and queue capacity) and ingest batch.
     * @param workload whose entry each event carries.
     * @param parse    the first handler.
     * @param rules    the second handler.
     * @param last     the aggregate and everything done with an event at the end.
     * @param errors   counts handler exceptions.
     */
    JdkQueueRing(
        final PipelineSettings settings,
        final Workload workload,
        final PipelineStep parse,
        final PipelineStep rules,
        final PipelineStep last,
        final HandlerErrors errors)
    {
        final int size = settings.ringSize();
        final PipelineEvent[] events = new PipelineEvent[size];
        for (int i = 0; i < size; i++)
        {
            events[i] = new PipelineEvent().entry(workload.newEntry());
        }
        free = new ArrayBlockingQueue<>(size);
        for (final PipelineEvent event : events)
        {
            EventRing.reserveLine(event, settings);
            free.add(event);
        }
        toParse = new ArrayBlockingQueue<>(size);
        final ArrayBlockingQueue<PipelineEvent> toRules = new ArrayBlockingQueue<>(size);
        final ArrayBlockingQueue<PipelineEvent> toAggregate = new ArrayBlockingQueue<>(size);
        claimed = new PipelineEvent[settings.ingestBatch()];
        aggregate = new HandlerThread(toAggregate, last, free, false, errors, size);
        threads = new Thread[]{
            thread("parse", new HandlerThread(toParse, parse, toRules, true, errors, size)),
            thread("rules", new HandlerThread(toRules, rules, toAggregate, true, errors, size)),
            thread("aggregate", aggregate) };
    }

    /**
     * {@inheritDoc}
     */
    public void start()
    {
        for (final Thread thread : threads)
        {
            thread.start();
        }
    }

    /**
     * {@inheritDoc}
     */
    public PipelineEvent claim()
    {
        final PipelineEvent event = EventRing.takeUninterruptibly(free);
        claimed[claimedCount++] = event;
        return event;
    }

    /**
     * {@inheritDoc}
     */
    public void publish(final long ingestNanos)
    {
        final PipelineEvent[] claimed = this.claimed;
        final int count = claimedCount;
        for (int i = 0; i < count; i++)
        {
            claimed[i].ingestNanos(ingestNanos);
        }
        publishStamped();
    }

    /**
     * {@inheritDoc}
     */
    public void publishStamped()
    {
        final PipelineEvent[] claimed = this.claimed;
        final int count = claimedCount;
        for (int i = 0; i < count; i++)
        {
            EventRing.putUninterruptibly(toParse, claimed[i]);
            claimed[i] = null;
        }
        claimedCount = 0;
    }

    /**
     * {@inheritDoc}
     */
    public void finish()
    {
        EventRing.putUninterruptibly(toParse, END);
        boolean interrupted = false;
        for (final Thread thread : threads)
        {
            while (thread.isAlive())
            {
                try
                {
                    thread.join();
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@inheritDoc}
     */
    public long lastAppliedNanos()
    {
        return aggregate.lastAppliedNanos;
    }

    private static Thread thread(final String name, final Runnable runnable)
    {
        final Thread thread = new Thread(runnable, "eventpipe-" + name);
        thread.setDaemon(true);
        return thread;
    }

    private static final class HandlerThread implements Runnable
    {
        private final ArrayBlockingQueue<PipelineEvent> input;
        private final PipelineStep step;
        private final ArrayBlockingQueue<PipelineEvent> output;
        private final boolean forwardEnd;
        private final HandlerErrors errors;
        private final ArrayList<PipelineEvent> batch;
        private final int batchLimit;
        private long lastAppliedNanos;

        HandlerThread(
            final ArrayBlockingQueue<PipelineEvent> input,
            final PipelineStep step,
            final ArrayBlockingQueue<PipelineEvent> output,
            final boolean forwardEnd,
            final HandlerErrors errors,
            final int batchLimit)
        {
            this.input = input;
            this.step = step;
            this.output = output;
            this.forwardEnd = forwardEnd;
            this.errors = errors;
            this.batch = new ArrayList<>(batchLimit);
            this.batchLimit = batchLimit;
        }

        public void run()
        {
            final ArrayList<PipelineEvent> batch = this.batch;
            boolean running = true;
            while (running)
            {
                batch.add(EventRing.takeUninterruptibly(input));
                input.drainTo(batch, batchLimit - 1);
                int handled = 0;
                for (int i = 0, size = batch.size(); i < size; i++)
                {
                    final PipelineEvent event = batch.get(i);
                    if (END == event)
                    {
                        // the end marker is the last element ever put into the queue
                        if (forwardEnd)
                        {
                            EventRing.putUninterruptibly(output, END);
                        }
                        running = false;
                        break;
                    }
                    try
                    {
                        step.onEvent(event);
                    }
                    catch (final Throwable ex)
                    {
                        errors.handleEventException(ex, -1, event);
                    }
                    EventRing.putUninterruptibly(output, event);
                    handled++;
                }
                batch.clear();
                if (handled > 0 && !forwardEnd)
                {
                    lastAppliedNanos = System.nanoTime();
                }
            }
        }
    }
}
