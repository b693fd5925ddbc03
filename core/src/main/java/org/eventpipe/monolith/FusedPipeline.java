package org.eventpipe.monolith;

import java.io.IOException;

import org.eventpipe.ingest.LineSource;
import org.eventpipe.metrics.LatencyRecorder;
import org.eventpipe.metrics.MeasuredWindow;
import org.eventpipe.metrics.PipelineCounts;
import org.eventpipe.metrics.RejectSink;
import org.eventpipe.metrics.RunResult;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.workload.Workload;
import org.eventpipe.workload.WorkloadAggregator;
import org.eventpipe.workload.WorkloadParser;
import org.eventpipe.workload.WorkloadRules;
import org.eventpipe.workload.Workloads;

/**
 * The same handlers as the monolith fused into one loop on the caller's thread: read a line, parse it in place in the
 * source's buffer (no copy into a ring slot), rules, aggregate. It records no latency.
 * The baseline the monolith is measured against, and the reference its results are checked against.
 */
public final class FusedPipeline
{
    private final PipelineSettings settings;
    private final Workload workload;
    private final RejectSink rejectSink;
    private long warmupEvents;

    /**
     * Create a fused loop.
     *
     * @param settings   of the run; the ring and wait settings are ignored.
     * @param rejectSink receives rejected lines.
     */
    public FusedPipeline(final PipelineSettings settings, final RejectSink rejectSink)
    {
        this(settings, Workloads.events(), rejectSink);
    }

    /**
     * Create a fused loop of a workload's handlers.
     *
     * @param settings   of the run; only the line limit and the dropped types apply.
     * @param workload   whose handlers to run.
     * @param rejectSink receives rejected lines.
     */
    public FusedPipeline(final PipelineSettings settings, final Workload workload, final RejectSink rejectSink)
    {
        this.settings = settings;
        this.workload = workload;
        this.rejectSink = rejectSink;
    }

    /**
     * Leave the first lines out of the measured window (see {@link MeasuredWindow}).
     *
     * @param warmupEvents lines of warm-up, 0 for none.
     * @return this.
     */
    public FusedPipeline warmupEvents(final long warmupEvents)
    {
        this.warmupEvents = warmupEvents;
        return this;
    }

    /**
     * Run over all lines of a source.
     *
     * @param source of lines; not closed.
     * @return the results of the run.
     * @throws IOException if the source cannot be read.
     */
    public RunResult run(final LineSource source) throws IOException
    {
        final int maxLineLength = settings.maxLineLength();
        final WorkloadParser parse = workload.newParser(settings.workloadSettings());
        final WorkloadRules rules = workload.newRules(settings.workloadSettings());
        final WorkloadAggregator aggregate = workload.newAggregator(settings.workloadSettings());
        final HandlerErrors errors = new HandlerErrors();
        final PipelineCounts counts = new PipelineCounts();
        final MeasuredWindow window = new MeasuredWindow(warmupEvents);
        final OutcomeCounter counter = new OutcomeCounter(aggregate, null, rejectSink, counts, errors, window);
        final PipelineEvent event = new PipelineEvent().entry(workload.newEntry());

        long linesRead = 0;
        long blank = 0;
        final long startNanos = System.nanoTime();
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
            event.clearParsed();
            event.lineNumber(source.lineNumber());
            if (parse.onLine(bytes, offset, length, event))
            {
                rules.onEvent(event);
                counter.onEvent(event);
            }
            else
            {
                counts.addRejected(event.rejectReason(), 1);
                rejectSink.onReject(event.lineNumber(), event.rejectReason(), bytes, offset,
                    Math.min(length, maxLineLength));
            }
        }
        final long endNanos = System.nanoTime();
        final long elapsed = !window.hasWarmup() ? endNanos - startNanos :
            0 == window.startNanos() ? 0 : endNanos - window.startNanos();
        counts.addLinesRead(linesRead);
        counts.addBlankLines(blank);
        return new RunResult(aggregate.results(), counts, elapsed, new LatencyRecorder(1).histogram(), 1,
            errors.count(), errors.first(), warmupEvents);
    }
}
