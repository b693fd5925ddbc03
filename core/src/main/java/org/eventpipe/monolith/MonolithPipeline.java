package org.eventpipe.monolith;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import org.eventpipe.fault.FaultInjection;
import org.eventpipe.handler.PipelineStep;
import org.eventpipe.ingest.LineSource;
import org.eventpipe.metrics.LatencyIntervals;
import org.eventpipe.metrics.LatencyRecorder;
import org.eventpipe.metrics.MeasuredWindow;
import org.eventpipe.metrics.PipelineCounts;
import org.eventpipe.metrics.RejectSink;
import org.eventpipe.metrics.RunResult;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.pacing.IngestPacer;
import org.eventpipe.pacing.PacingOutcome;
import org.eventpipe.workload.Workload;
import org.eventpipe.workload.WorkloadAggregator;
import org.eventpipe.workload.Workloads;

/**
 * The whole pipeline in one JVM on a Disruptor ring buffer:
 * <pre>
 *                                  +-----------------------------------------------------------+
 *  ingest (caller's thread) -----> | ring buffer of preallocated PipelineEvents                |
 *   claims up to ingestBatch        +-----------------------------------------------------------+
 *   slots, stamps them once,             |                  |                    |
 *   publishes the range            parse thread  --->  rules thread  --->  aggregate thread
 *                                  ParseHandler       RulesHandler        AggregateHandler + counts,
 *                                                                         latency, rejects
 * </pre>
 * Each handler is a plain {@link PipelineStep} wrapped in a Disruptor {@link EventHandler}; a handler exception is
 * counted, the event marked failed, and the pipeline goes on. The input is streamed through the ring, so memory is
 * bounded by the ring size whatever the input size.
 * <p>
 * Paced ({@link #pacing(IngestPacer)}, the latency mode): ingest claims each event's slot at its intended time,
 * stamps the event with that time rather than the publish time, and publishes at once unless the next event is due
 * already (when it is late, it catches up in batches of up to {@code ingestBatch}). The aggregate then records every
 * event's latency from its intended time.
 */
public final class MonolithPipeline
{
    private final PipelineSettings settings;
    private final Workload workload;
    private final PipelineStep parse;
    private final PipelineStep rules;
    private final WorkloadAggregator aggregate;
    private final PipelineStep aggregateStep;
    private final RejectSink rejectSink;
    private long warmupEvents;
    private IngestPacer pacer;
    private LatencyIntervals intervals;
    private PacingOutcome pacingOutcome;
    private long negativeLatencySamples;

    /**
     * Create a pipeline with the standard handlers.
     *
     * @param settings   of the run.
     * @param rejectSink receives rejected lines.
     */
    public MonolithPipeline(final PipelineSettings settings, final RejectSink rejectSink)
    {
        this(settings, Workloads.events(), rejectSink);
    }

    /**
     * Create a pipeline with a workload's handlers.
     *
     * @param settings   of the run.
     * @param workload   whose handlers to run.
     * @param rejectSink receives rejected lines.
     */
    public MonolithPipeline(final PipelineSettings settings, final Workload workload, final RejectSink rejectSink)
    {
        this(settings, workload, FaultInjection.NONE, rejectSink);
    }

    private MonolithPipeline(
        final PipelineSettings settings, final Workload workload, final FaultInjection fault,
        final RejectSink rejectSink)
    {
        this(settings, workload, fault, workload.newAggregator(settings.workloadSettings()), rejectSink);
    }

    private MonolithPipeline(
        final PipelineSettings settings, final Workload workload, final FaultInjection fault,
        final WorkloadAggregator aggregate, final RejectSink rejectSink)
    {
        this(settings, workload, fault.wrap("parse", workload.newParser(settings.workloadSettings())),
            fault.wrap("rules", workload.newRules(settings.workloadSettings())), aggregate,
            fault.wrap("aggregate", aggregate), rejectSink);
    }

    /**
     * Create a pipeline with given parse and rules steps.
     *
     * @param settings   of the run.
     * @param parse      the parse step.
     * @param rules      the rules step.
     * @param aggregate  the aggregate.
     * @param rejectSink receives rejected lines.
     */
    public MonolithPipeline(
        final PipelineSettings settings,
        final PipelineStep parse,
        final PipelineStep rules,
        final WorkloadAggregator aggregate,
        final RejectSink rejectSink)
    {
        this(settings, Workloads.events(), parse, rules, aggregate, aggregate, rejectSink);
    }

    private MonolithPipeline(
        final PipelineSettings settings,
        final Workload workload,
        final PipelineStep parse,
        final PipelineStep rules,
        final WorkloadAggregator aggregate,
        final PipelineStep aggregateStep,
        final RejectSink rejectSink)
    {
        this.settings = settings;
        this.workload = workload;
        this.parse = parse;
        this.rules = rules;
        this.aggregate = aggregate;
        this.aggregateStep = aggregateStep;
        this.rejectSink = rejectSink;
    }

    /**
     * Create a pipeline with the standard handlers, one of them wrapped to inject a fault, for tests.
     *
     * @param settings   of the run.
     * @param rejectSink receives rejected lines.
     * @param fault      to inject; {@link FaultInjection#NONE} for none.
     * @return the pipeline.
     */
    public static MonolithPipeline withFault(
        final PipelineSettings settings, final RejectSink rejectSink, final FaultInjection fault)
    {
        return withFault(settings, Workloads.events(), rejectSink, fault);
    }

    /**
     * Create a pipeline with a workload's handlers, one of them wrapped to inject a fault, for tests.
     *
     * @param settings   of the run.
     * @param workload   whose handlers to run.
     * @param rejectSink receives rejected lines.
     * @param fault      to inject; {@link FaultInjection#NONE} for none.
     * @return the pipeline.
     */
    public static MonolithPipeline withFault(
        final PipelineSettings settings, final Workload workload, final RejectSink rejectSink,
        final FaultInjection fault)
    {
        return new MonolithPipeline(settings, workload, fault, rejectSink);
    }

    /**
     * Leave the first lines out of the measured window and the latency histogram (see {@link MeasuredWindow}).
     *
     * @param warmupEvents lines of warm-up, 0 for none.
     * @return this.
     */
    public MonolithPipeline warmupEvents(final long warmupEvents)
    {
        this.warmupEvents = warmupEvents;
        return this;
    }

    /**
     * Offer the events at a fixed rate, each stamped with its intended time, and record every event's latency.
     *
     * @param pacer of the schedule, or null for a throughput run.
     * @return this.
     */
    public MonolithPipeline pacing(final IngestPacer pacer)
    {
        this.pacer = pacer;
        return this;
    }

    /**
     * Also record the latency into per-second interval histograms.
     *
     * @param intervals to record into, or null for none.
     * @return this.
     */
    public MonolithPipeline recordIntervals(final LatencyIntervals intervals)
    {
        this.intervals = intervals;
        return this;
    }

    /**
     * Whether the last paced run achieved its rate.
     *
     * @return the outcome, or null after a throughput run.
     */
    public PacingOutcome pacingOutcome()
    {
        return pacingOutcome;
    }

    /**
     * Latency samples of the last run whose stamp was later than the aggregate's clock (recorded as 0).
     *
     * @return the count.
     */
    public long negativeLatencySamples()
    {
        return negativeLatencySamples;
    }

    /**
     * Run the pipeline over all lines of a source; returns once every published event has been applied.
     *
     * @param source of lines; not closed.
     * @return the results of the run.
     * @throws IOException if the source cannot be read; the pipeline is shut down first.
     */
    public RunResult run(final LineSource source) throws IOException
    {
        final HandlerErrors errors = new HandlerErrors();
        final PipelineCounts counts = new PipelineCounts();
        final LatencyRecorder latency = new LatencyRecorder(
            null == pacer ? settings.latencySampleInterval() : 1, warmupEvents).recordIntervals(intervals);
        final MeasuredWindow window = new MeasuredWindow(warmupEvents);
        final CountDownLatch handlersStarted = new CountDownLatch(3);
        final AggregateEventHandler aggregateHandler = new AggregateEventHandler(
            new OutcomeCounter(aggregateStep, latency, rejectSink, counts, errors, window), handlersStarted);

        final Workload workload = this.workload;
        final Disruptor<PipelineEvent> disruptor = new Disruptor<>(
            () -> new PipelineEvent().entry(workload.newEntry()),
            settings.ringSize(),
            new StageThreadFactory(),
            ProducerType.SINGLE,
            MonolithConfiguration.newWaitStrategy(settings.waitStrategy()));
        disruptor.setDefaultExceptionHandler(errors);
        disruptor
            .handleEventsWith(new StepEventHandler(parse, handlersStarted))
            .then(new StepEventHandler(rules, handlersStarted))
            .then(aggregateHandler);

        final RingBuffer<PipelineEvent> ringBuffer = disruptor.getRingBuffer();
        for (int i = 0, size = ringBuffer.getBufferSize(); i < size; i++)
        {
            ringBuffer.get(i).reserveLine(Math.min(PipelineEvent.DEFAULT_LINE_CAPACITY, settings.maxLineLength()));
        }
        disruptor.start();
        // Disruptor.shutdown() only drains handlers already running: one not yet started when a short input has been
        // published would be halted before it ever saw its events.
        awaitUninterruptibly(handlersStarted);
        final long startNanos = System.nanoTime();
        try
        {
            if (null == pacer)
            {
                ingest(source, ringBuffer, counts);
            }
            else
            {
                ingestPaced(source, ringBuffer, counts, pacer);
            }
        }
        finally
        {
            disruptor.shutdown();
        }
        if (null != intervals)
        {
            intervals.finish(System.nanoTime());
        }
        negativeLatencySamples = latency.negativeSamples();

        final long windowStartNanos = window.hasWarmup() ? window.startNanos() : startNanos;
        final long elapsed = counts.linesRead() == counts.blankLines() || 0 == windowStartNanos ?
            0 : aggregateHandler.lastAppliedNanos() - windowStartNanos;
        return new RunResult(aggregate.results(), counts, elapsed, latency.histogram(),
            latency.sampleInterval(), errors.count(), errors.first(), warmupEvents);
    }

    private void ingest(final LineSource source, final RingBuffer<PipelineEvent> ringBuffer,
        final PipelineCounts counts) throws IOException
    {
        final int batch = settings.ingestBatch();
        final int maxLineLength = settings.maxLineLength();
        long linesRead = 0;
        long blank = 0;
        long low = 0;
        long high = -1;
        int pending = 0;
        try
        {
            while (source.next())
            {
                linesRead++;
                final byte[] bytes = source.lineBuffer();
                final int offset = source.lineOffset();
                final int length = source.lineLength();
                if (length <= maxLineLength && LineSource.isBlank(bytes, offset, length))
                {
                    blank++;
                    continue;
                }

                high = ringBuffer.next();
                if (0 == pending)
                {
                    low = high;
                }
                ringBuffer.get(high).setLine(bytes, offset, length, maxLineLength, source.lineNumber());
                if (++pending == batch || !source.hasBufferedInput())
                {
                    publish(ringBuffer, low, high);
                    pending = 0;
                }
            }
        }
        finally
        {
            if (pending > 0)
            {
                publish(ringBuffer, low, high);
            }
            counts.addLinesRead(linesRead);
            counts.addBlankLines(blank);
        }
    }

    private void ingestPaced(final LineSource source, final RingBuffer<PipelineEvent> ringBuffer,
        final PipelineCounts counts, final IngestPacer pacer) throws IOException
    {
        final int batch = settings.ingestBatch();
        final int maxLineLength = settings.maxLineLength();
        long linesRead = 0;
        long blank = 0;
        long low = 0;
        long high = -1;
        int pending = 0;
        long lastSentNanos = pacer.start(System.nanoTime()).startNanos();
        try
        {
            while (source.next())
            {
                // every line takes its slot in the schedule, a blank one too
                final long intendedNanos = pacer.awaitIntended(linesRead++);
                final byte[] bytes = source.lineBuffer();
                final int offset = source.lineOffset();
                final int length = source.lineLength();
                if (length <= maxLineLength && LineSource.isBlank(bytes, offset, length))
                {
                    blank++;
                    continue;
                }

                high = ringBuffer.next();
                if (0 == pending)
                {
                    low = high;
                }
                final PipelineEvent event = ringBuffer.get(high);
                event.setLine(bytes, offset, length, maxLineLength, source.lineNumber());
                event.ingestNanos(intendedNanos);
                final long nowNanos = System.nanoTime();
                if (++pending == batch || !source.hasBufferedInput() || pacer.intendedNanos(linesRead) > nowNanos)
                {
                    ringBuffer.publish(low, high);
                    pending = 0;
                    lastSentNanos = nowNanos;
                }
            }
        }
        finally
        {
            if (pending > 0)
            {
                ringBuffer.publish(low, high);
                lastSentNanos = System.nanoTime();
            }
            counts.addLinesRead(linesRead);
            counts.addBlankLines(blank);
            pacingOutcome = PacingOutcome.of(pacer, linesRead, lastSentNanos);
        }
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

    private static void publish(final RingBuffer<PipelineEvent> ringBuffer, final long low, final long high)
    {
        final long now = System.nanoTime();
        for (long sequence = low; sequence <= high; sequence++)
        {
            ringBuffer.get(sequence).ingestNanos(now);
        }
        ringBuffer.publish(low, high);
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
        private final OutcomeCounter counter;
        private final CountDownLatch started;
        private long lastAppliedNanos;

        AggregateEventHandler(final OutcomeCounter counter, final CountDownLatch started)
        {
            this.counter = counter;
            this.started = started;
        }

        public void onStart()
        {
            started.countDown();
        }

        public void onEvent(final PipelineEvent event, final long sequence, final boolean endOfBatch)
        {
            counter.onEvent(event);
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
