package org.eventpipe.stage;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.status.AtomicCounter;
import org.eventpipe.codec.EndOfStreamCounts;
import org.eventpipe.codec.FrameEncoder;
import org.eventpipe.codec.StageId;
import org.eventpipe.counters.PipelineCounter;
import org.eventpipe.ingest.LineSource;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.pacing.IngestPacer;
import org.eventpipe.recovery.DurableOutput;
import org.eventpipe.recovery.StageCheckpoint;

/**
 * The ingest stage: reads lines from a file, standard input or the generator, skips and counts blank lines, and sends
 * the others as raw line batches stamped with the time they are published. At the end of the input it sends its
 * metrics and an end of stream carrying the lines read and blank.
 * <p>
 * Paced ({@link #pacing(IngestPacer)}, the latency mode): each line is sent at its intended time and carries that time
 * as its stamp; the batch is flushed at once unless the next line is due already, so that a late ingest catches up
 * in batches. Its metrics then say when the schedule started (first event) and when the last line was sent (last
 * event), from which the sink judges whether the rate was achieved.
 * <p>
 * Over a transport that stores checkpoints, each frame carries the lines read and blank before the line being
 * batched; a restarted ingest reads (or generates) the input again, skips those lines and goes on from there.
 */
public final class IngestStageAgent implements Agent
{
    private final LineSource source;
    private final EdgePublisher output;
    private final StageSettings settings;
    private final EventBatcher batcher;
    private final StageMetricsRecorder metrics;
    private final FrameEncoder encoder = new FrameEncoder();
    private final EndOfStreamCounts counts = new EndOfStreamCounts();
    private final int maxLineLength;
    private final int linesPerDutyCycle;

    private final AtomicCounter heartbeat;
    private final boolean inputMayBlock;
    private final AtomicCounter linesReadCounter;
    private final AtomicCounter blankLinesCounter;
    private long linesRead;
    private long blankLines;
    private boolean finished;
    private StageCheckpoint checkpoint;
    private IngestPacer pacer;
    private long pacedFrom;

    /**
     * Create the stage.
     *
     * @param source   of lines; closed by the caller.
     * @param output   publisher of the ingest-to-parse edge.
     * @param metrics  of the stage, shared with the publisher.
     * @param settings of the run.
     */
    public IngestStageAgent(
        final LineSource source,
        final EdgePublisher output,
        final StageMetricsRecorder metrics,
        final StageSettings settings)
    {
        this.source = source;
        this.output = output;
        this.settings = settings;
        this.metrics = metrics;
        this.heartbeat = metrics.counters().get(PipelineCounter.HEARTBEAT);
        this.inputMayBlock = source.mayBlock();
        this.linesReadCounter = metrics.counters().get(PipelineCounter.LINES_READ);
        this.blankLinesCounter = metrics.counters().get(PipelineCounter.BLANK_LINES);
        this.maxLineLength = settings.maxLineLength();
        this.linesPerDutyCycle = Math.max(settings.maxEventsPerFrame(), 64);
        this.batcher = new EventBatcher(EventBatcher.Kind.RAW_LINES, StageId.INGEST, output, encoder,
            settings.maxEventsPerFrame(), settings.lingerNanos());
    }

    /**
     * Offer the lines at a fixed rate, each stamped with its intended time.
     *
     * @param pacer of the schedule, or null for the throughput mode.
     * @return this.
     */
    public IngestStageAgent pacing(final IngestPacer pacer)
    {
        this.pacer = pacer;
        return this;
    }

    /**
     * Before the stage runs, over a transport that persists frames: store a checkpoint with every frame, and if an
     * earlier process of this stage sent frames on the edge, skip the lines those frames accounted for.
     *
     * @param durable the output edge's durable side.
     * @return what was resumed, for the log, or null on a first start.
     * @throws IOException if the input cannot be read.
     */
    public String recover(final DurableOutput durable) throws IOException
    {
        checkpoint = new StageCheckpoint();
        durable.recordCheckpoints(checkpoint);
        output.keepCheckpoint(checkpoint);
        final StageCheckpoint last = new StageCheckpoint();
        if (!durable.readLastCheckpoint(last))
        {
            return null;
        }
        if (last.isEndOfStreamSent())
        {
            finished = true;
            return "restarted after its end of stream was sent: nothing left to do";
        }
        output.restore(last);
        checkpoint.copyFrom(last);
        final long skip = last.counter(0);
        while (linesRead < skip)
        {
            if (!source.next())
            {
                throw StageFailure.deterministic("stage ingest: input " + source.description() + " has only " +
                    linesRead + " lines, but " + skip + " were sent before the restart");
            }
            linesRead++;
        }
        blankLines = last.counter(1);
        return "restarted: skipped the " + skip + " lines already sent, resuming at " + last;
    }

    /**
     * {@inheritDoc}
     */
    public void onStart()
    {
        metrics.start(System.nanoTime());
    }

    /**
     * {@inheritDoc}
     */
    public int doWork()
    {
        if (finished)
        {
            // done: no heartbeat any more, so that the launcher does not take the process's exit for a hang
            heartbeat.setRelease(0);
            throw new AgentTerminationException();
        }
        final long beat = System.currentTimeMillis();
        heartbeat.setRelease(beat);
        final long startNanos = System.nanoTime();
        final long sendingBefore = metrics.sendingNanos();
        if (0 == metrics.firstEventNanos())
        {
            metrics.onEventsHandled(startNanos);
            if (null != pacer)
            {
                // a restarted ingest starts its schedule afresh at the line it resumes from
                pacer.start(startNanos);
                pacedFrom = linesRead;
            }
        }
        final IngestPacer pacer = this.pacer;
        int lines = 0;
        boolean endOfInput = false;
        try
        {
            while (lines < linesPerDutyCycle)
            {
                final boolean more;
                if (inputMayBlock)
                {
                    // a read may block on a pipe or standard input, even with bytes buffered (a partial line):
                    // waiting on its input is not hanging, so the heartbeat says "none" (0) for the time of the read
                    heartbeat.setRelease(0);
                    more = source.next();
                    // beat afresh: the read may have waited longer than the hung deadline, and the beat of the duty
                    // cycle's start would then look like a hang the moment the input arrives
                    heartbeat.setRelease(System.currentTimeMillis());
                }
                else
                {
                    more = source.next();
                }
                if (!more)
                {
                    endOfInput = true;
                    break;
                }
                final long intendedNanos = null == pacer ? 0 : pacer.awaitIntended(linesRead - pacedFrom);
                linesRead++;
                final byte[] bytes = source.lineBuffer();
                final int offset = source.lineOffset();
                final int length = source.lineLength();
                if (length <= maxLineLength && LineSource.isBlank(bytes, offset, length))
                {
                    blankLines++;
                    lineDone();
                    continue;
                }
                final int stored = Math.min(length, maxLineLength);
                final PipelineEvent slot = batcher.claim(stored);
                slot.setLine(bytes, offset, length, maxLineLength, source.lineNumber());
                slot.ingestNanos(intendedNanos);
                lines++;
                lineDone();
                if (null != pacer)
                {
                    if (pacer.intendedNanos(linesRead - pacedFrom) > System.nanoTime())
                    {
                        batcher.flush();
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("stage ingest: cannot read " + source.description(), ex);
        }

        linesReadCounter.setRelease(linesRead);
        blankLinesCounter.setRelease(blankLines);
        if (endOfInput)
        {
            batcher.flush();
            final long now = System.nanoTime();
            if (null != pacer)
            {
                // the metrics' last event is the last send, which the sink's rate check reads
                metrics.onEventsHandled(now);
            }
            metrics.addProcessing(now - startNanos - (metrics.sendingNanos() - sendingBefore));
            metrics.stop(now);
            counts.linesRead(linesReadCounter.get()).blankLines(blankLinesCounter.get()).failed(0);
            StageFrames.sendMetrics(output, encoder, StageId.INGEST, metrics, null, null);
            StageFrames.sendEndOfStream(output, encoder, StageId.INGEST, counts);
            finished = true;
            return 1;
        }
        if (settings.adaptive() && !source.hasBufferedInput())
        {
            batcher.flush();
        }
        final long endNanos = System.nanoTime();
        batcher.flushIfLingered(endNanos);
        metrics.addProcessing(endNanos - startNanos - (metrics.sendingNanos() - sendingBefore));
        return lines;
    }

    private void lineDone()
    {
        if (null != checkpoint)
        {
            checkpoint.counter(0, linesRead).counter(1, blankLines);
        }
    }

    /**
     * {@inheritDoc}
     */
    public String roleName()
    {
        return "eventpipe-ingest";
    }
}
