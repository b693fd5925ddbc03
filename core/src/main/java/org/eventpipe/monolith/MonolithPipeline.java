package org.eventpipe.monolith;

import java.io.IOException;

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
 * The whole pipeline in one JVM, on a Disruptor ring buffer ({@link DisruptorRing}) or, with
 * {@link MonolithQueue#JDK}, on JDK queues ({@link JdkQueueRing}):
 * <pre>
 *                                  +-----------------------------------------------------------+
 *  ingest (caller's thread) -----> | ring of preallocated PipelineEvents (ring-size slots)     |
 *   claims up to ingestBatch        +-----------------------------------------------------------+
 *   slots, stamps them once,             |                  |                    |
 *   publishes them                 parse thread  --->  rules thread  --->  aggregate thread
 *                                  ParseHandler       RulesHandler        AggregateHandler + counts,
 *                                                                         latency, rejects
 * </pre>
 * Each handler is a plain {@link PipelineStep}; a handler exception is counted, the event marked failed, and the
 * pipeline goes on. The ingest loop, the handlers, the counting and the reports are the same on both queues. The
 * input is streamed through the ring, and a slot's line buffer is bounded whatever the length of the lines (long lines
 * borrow one of a bounded pool of buffers, see {@link LongLinePool}), so memory is bounded by the settings whatever
 * the input.
 * <p>
 * Paced ({@link #pacing(IngestPacer)}, the latency mode): ingest claims each event at its intended time, stamps it
 * with that time rather than the publish time, and publishes at once unless the next event is due already (when it
 * is late, it catches up in batches of up to {@code ingestBatch}). The aggregate then records every event's latency
 * from its intended time.
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
        final OutcomeCounter counter = new OutcomeCounter(aggregateStep, latency, rejectSink, counts, errors, window);
        final LongLinePool longLines = new LongLinePool(settings.longLineBuffers(), settings.maxLineLength());
        final PipelineStep last = (event) ->
        {
            try
            {
                counter.onEvent(event);
            }
            finally
            {
                longLines.reclaim(event);
            }
        };
        final EventRing ring = MonolithQueue.JDK == settings.queue() ?
            new JdkQueueRing(settings, workload, parse, rules, last, errors) :
            new DisruptorRing(settings, workload, parse, rules, last, errors);

        ring.start();
        final long startNanos = System.nanoTime();
        try
        {
            ingest(source, ring, longLines, counts, pacer);
        }
        finally
        {
            ring.finish();
        }
        if (null != intervals)
        {
            intervals.finish(System.nanoTime());
        }
        negativeLatencySamples = latency.negativeSamples();

        final long windowStartNanos = window.hasWarmup() ? window.startNanos() : startNanos;
        final long elapsed = counts.linesRead() == counts.blankLines() || 0 == windowStartNanos ?
            0 : ring.lastAppliedNanos() - windowStartNanos;
        return new RunResult(aggregate.results(), counts, elapsed, latency.histogram(),
            latency.sampleInterval(), errors.count(), errors.first(), warmupEvents);
    }

    /**
     * Copy each line that is not blank into a claimed event and publish the events in batches. A line that fits a
     * slot is copied into the slot's own buffer, which never grows past {@link PipelineSettings#slotLineLimit()}; of a
     * line longer than the maximum, which parse rejects unread, the slot keeps as much (the reject excerpt). A longer
     * line that is not too long borrows a buffer of the long-line pool; when every buffer is lent, the events claimed
     * so far are published first, since the aggregate can only return a buffer it has seen.
     */
    private void ingest(final LineSource source, final EventRing ring, final LongLinePool longLines,
        final PipelineCounts counts, final IngestPacer pacer) throws IOException
    {
        final int batch = settings.ingestBatch();
        final int maxLineLength = settings.maxLineLength();
        final int slotLineLimit = settings.slotLineLimit();
        long linesRead = 0;
        long blank = 0;
        int pending = 0;
        long lastSentNanos = null == pacer ? 0 : pacer.start(System.nanoTime()).startNanos();
        try
        {
            while (source.next())
            {
                // paced, every line takes its slot in the schedule, a blank one too
                final long intendedNanos = null == pacer ? 0 : pacer.awaitIntended(linesRead);
                linesRead++;
                final byte[] bytes = source.lineBuffer();
                final int offset = source.lineOffset();
                final int length = source.lineLength();
                if (length <= maxLineLength && LineSource.isBlank(bytes, offset, length))
                {
                    blank++;
                    continue;
                }

                byte[] longLine = null;
                if (length > slotLineLimit && length <= maxLineLength)
                {
                    longLine = longLines.poll();
                    if (null == longLine)
                    {
                        if (pending > 0)
                        {
                            lastSentNanos = publish(ring, pacer);
                            pending = 0;
                        }
                        longLine = longLines.take();
                    }
                }

                final PipelineEvent event = ring.claim();
                if (null == longLine)
                {
                    event.setLine(bytes, offset, length, slotLineLimit, source.lineNumber());
                }
                else
                {
                    event.borrowLine(longLine);
                    event.setLine(bytes, offset, length, maxLineLength, source.lineNumber());
                }
                if (null != pacer)
                {
                    event.ingestNanos(intendedNanos);
                }
                if (++pending == batch || !source.hasBufferedInput() ||
                    (null != pacer && pacer.intendedNanos(linesRead) > System.nanoTime()))
                {
                    lastSentNanos = publish(ring, pacer);
                    pending = 0;
                }
            }
        }
        finally
        {
            if (pending > 0)
            {
                lastSentNanos = publish(ring, pacer);
            }
            counts.addLinesRead(linesRead);
            counts.addBlankLines(blank);
            if (null != pacer)
            {
                pacingOutcome = PacingOutcome.of(pacer, linesRead, lastSentNanos);
            }
        }
    }

    /**
     * Hand the claimed events on: stamped now in throughput mode, with the intended times ingest gave them when
     * paced.
     */
    private static long publish(final EventRing ring, final IngestPacer pacer)
    {
        final long nowNanos = System.nanoTime();
        if (null == pacer)
        {
            ring.publish(nowNanos);
        }
        else
        {
            ring.publishStamped();
        }
        return nowNanos;
    }
}
