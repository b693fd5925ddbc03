package org.eventpipe.monolith;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import org.eventpipe.handler.PipelineStep;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.workload.Workload;

/**
 * The monolith's events on one Disruptor ring buffer, the handlers chained on its sequences:
 * <pre>
 *                                  +-----------------------------------------------------------+
 *  ingest (caller's thread) -----> | ring buffer of preallocated PipelineEvents                |
 *   claims up to ingestBatch        +-----------------------------------------------------------+
 *   slots, stamps them once,             |                  |                    |
 *   publishes the range            parse thread  --->  rules thread  --->  aggregate thread
 * </pre>
 * Each handler is a plain {@link PipelineStep} wrapped in a Disruptor {@link EventHandler}; a handler exception goes
 * to {@link HandlerErrors}, which marks the event failed, and the pipeline goes on.
 */
final class DisruptorRing implements EventRing
{
    private final Disruptor<PipelineEvent> disruptor;
    private final RingBuffer<PipelineEvent> ringBuffer;
    private final CountDownLatch handlersStarted = new CountDownLatch(3);
    private final AggregateEventHandler aggregateHandler;
    private long low;
    private long high = -1;
    private boolean claimed;

    /**
     * Create the ring and its preallocated events; no thread runs until {@link #start()}.
     *
     * @param settings of the run: ring size and wait strategy.
     * @param workload whose entry each event carries.
     * @param parse    the first handler.
     * @param rules    the second handler.
     * @param last     the aggregate and everything done with an event at the end.
     * @param errors   counts handler exceptions.
     */
    DisruptorRing(
        final PipelineSettings settings,
        final Workload workload,
        final PipelineStep parse,
        final PipelineStep rules,
        final PipelineStep last,
        final HandlerErrors errors)
    {
        disruptor = new Disruptor<>(
            () -> new PipelineEvent().entry(workload.newEntry()),
            settings.ringSize(),
            new StageThreadFactory(),
            ProducerType.SINGLE,
            MonolithConfiguration.newWaitStrategy(settings.waitStrategy()));
        disruptor.setDefaultExceptionHandler(errors);
        aggregateHandler = new AggregateEventHandler(last, handlersStarted);
        disruptor
            .handleEventsWith(new StepEventHandler(parse, handlersStarted))
            .then(new StepEventHandler(rules, handlersStarted))
            .then(aggregateHandler);

        ringBuffer = disruptor.getRingBuffer();
        for (int i = 0, size = ringBuffer.getBufferSize(); i < size; i++)
        {
            EventRing.reserveLine(ringBuffer.get(i), settings);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void start()
    {
        disruptor.start();
        // Disruptor.shutdown() only drains handlers already running: one not yet started when a short input has been
        // published would be halted before it ever saw its events.
        awaitUninterruptibly(handlersStarted);
    }

    /**
     * {@inheritDoc}
     */
    public PipelineEvent claim()
    {
        high = ringBuffer.next();
        if (!claimed)
        {
            low = high;
            claimed = true;
        }
        return ringBuffer.get(high);
    }

    /**
     * {@inheritDoc}
     */
    public void publish(final long ingestNanos)
    {
        if (!claimed)
        {
            return;
        }
        for (long sequence = low; sequence <= high; sequence++)
        {
            ringBuffer.get(sequence).ingestNanos(ingestNanos);
        }
        ringBuffer.publish(low, high);
        claimed = false;
    }

    /**
     * {@inheritDoc}
     */
    public void publishStamped()
    {
        if (claimed)
        {
            ringBuffer.publish(low, high);
            claimed = false;
        }
    }

    /**
     * {@inheritDoc}
     */
    public void finish()
    {
        disruptor.shutdown();
    }

    /**
     * {@inheritDoc}
     */
    public long lastAppliedNanos()
    {
        return aggregateHandler.lastAppliedNanos();
    }

    private static void awaitUninterruptibly(final CountDownLatch latch)
    {
        boolean interrupted = false;
        while (true)
        {
            try
            {
                latch.await();
                break;
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static final class StepEventHandler implements EventHandler<PipelineEvent>
    {
        private final PipelineStep step;
        private final CountDownLatch started;

        StepEventHandler(final PipelineStep step, final CountDownLatch started)
        {
            this.step = step;
            this.started = started;
        }

        public void onStart()
        {
            started.countDown();
        }

        public void onEvent(final PipelineEvent event, final long sequence, final boolean endOfBatch)
        {
            step.onEvent(event);
        }
    }

    private static final class AggregateEventHandler implements EventHandler<PipelineEvent>
    {
        private final PipelineStep last;
        private final CountDownLatch started;
        private long lastAppliedNanos;

        AggregateEventHandler(final PipelineStep last, final CountDownLatch started)
        {
            this.last = last;
            this.started = started;
        }

        public void onStart()
        {
            started.countDown();
        }

        public void onEvent(final PipelineEvent event, final long sequence, final boolean endOfBatch)
        {
            last.onEvent(event);
            if (endOfBatch)
            {
                lastAppliedNanos = System.nanoTime();
            }
        }

        long lastAppliedNanos()
        {
            return lastAppliedNanos;
        }
    }

    private static final class StageThreadFactory implements ThreadFactory
    {
        private static final String[] NAMES = { "parse", "rules", "aggregate" };
        private final AtomicInteger index = new AtomicInteger();

        public Thread newThread(final Runnable runnable)
        {
            final int i = index.getAndIncrement();
            final Thread thread = new Thread(runnable, "eventpipe-" + (i < NAMES.length ? NAMES[i] : "handler-" + i));
            thread.setDaemon(true);
            return thread;
        }
    }
}
