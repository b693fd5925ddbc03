package org.eventpipe.stage;

import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.eventpipe.codec.EndOfStreamCounts;
import org.eventpipe.codec.FrameEncoder;
import org.eventpipe.codec.StageId;
import org.eventpipe.workload.EntryCodec;

/**
 * The output side of a stage: its {@link EdgePublisher} and the batchers that fill it. Batches are sent when full
 * (at the next append), and otherwise only on the explicit end-of-poll signal ({@link #onEndOfPoll}), the way the
 * Disruptor's {@code endOfBatch} works: with adaptive batching a partial batch goes as soon as the input has nothing
 * more this duty cycle, and with a linger time once its first entry has waited that long.
 * <p>
 * A frame forwarded unchanged (rejects, metrics of the stages upstream) is copied under this stage's name and the
 * output's next sequence number. When the stage keeps checkpoints, the batches pending before it are sent first, so
 * that the checkpoint stored with each frame is exact.
 */
public final class StageOutput
{
    /** Told before a frame is forwarded, after the pending batches went: a frame boundary for the checkpoint. */
    @FunctionalInterface
    public interface ForwardListener
    {
        /**
         * A frame is about to be forwarded; every batch pending before it was sent.
         */
        void beforeForward();
    }

    private final StageId stageId;
    private final EdgePublisher publisher;
    private final StageMetricsRecorder metrics;
    private final FrameEncoder encoder = new FrameEncoder();
    private final ForwardingWriter forwardingWriter = new ForwardingWriter();
    private final boolean adaptive;
    private final int maxEventsPerFrame;
    private final long lingerNanos;
    private EventBatcher first;
    private EventBatcher second;
    private ForwardListener forwardListener;

    /**
     * Create the output.
     *
     * @param stageId   of the sending stage.
     * @param publisher of the output edge.
     * @param metrics   of the stage.
     * @param settings  of the run: batch size, adaptive, linger.
     */
    public StageOutput(
        final StageId stageId,
        final EdgePublisher publisher,
        final StageMetricsRecorder metrics,
        final StageSettings settings)
    {
        this.stageId = stageId;
        this.publisher = publisher;
        this.metrics = metrics;
        this.adaptive = settings.adaptive();
        this.maxEventsPerFrame = settings.maxEventsPerFrame();
        this.lingerNanos = settings.lingerNanos();
    }

    /**
     * Add a batcher for one kind of entry; a stage has at most two (parse: events and rejects).
     *
     * @param kind of the entries.
     * @return the batcher, appended to by the step.
     */
    public EventBatcher batcher(final EventBatcher.Kind kind)
    {
        return batcher(kind, null);
    }

    /**
     * Add a batcher of a workload's entries, or of another kind; a stage has at most two (parse: entries and
     * rejects).
     *
     * @param kind  of the entries.
     * @param codec of the workload's entries for {@link EventBatcher.Kind#ENTRIES}, else null.
     * @return the batcher, appended to by the step.
     */
    public EventBatcher batcher(final EventBatcher.Kind kind, final EntryCodec codec)
    {
        final EventBatcher batcher = new EventBatcher(kind, stageId, publisher, encoder, maxEventsPerFrame,
            lingerNanos, codec);
        if (null == first)
        {
            first = batcher;
        }
        else if (null == second)
        {
            second = batcher;
        }
        else
        {
            throw new IllegalStateException("a stage output has at most two batchers");
        }
        return batcher;
    }

    /**
     * The stage keeps checkpoints: a batch is only sent once the other batcher's pending entries, which come before
     * it in the input, are sent, and pending batches are sent before a frame is forwarded.
     *
     * @param listener told before each forwarded frame.
     */
    public void keepCheckpoints(final ForwardListener listener)
    {
        this.forwardListener = listener;
        if (null != second)
        {
            first.pairWith(second);
        }
    }

    /**
     * End of a poll: send the partial batches that the flush policy says are due.
     *
     * @param inputDrained whether the input had nothing more this duty cycle.
     * @return frames sent.
     */
    public int onEndOfPoll(final boolean inputDrained)
    {
        if (null == first)
        {
            return 0;
        }
        final long framesBefore = publisher.framesSent();
        if (adaptive && inputDrained)
        {
            flush();
        }
        if (lingerNanos > 0)
        {
            final long nowNanos = System.nanoTime();
            first.flushIfLingered(nowNanos);
            if (null != second)
            {
                second.flushIfLingered(nowNanos);
            }
        }
        return (int)(publisher.framesSent() - framesBefore);
    }

    /**
     * Send every pending batch.
     */
    public void flush()
    {
        if (null != first)
        {
            first.flush();
        }
        if (null != second)
        {
            second.flush();
        }
    }

    /**
     * Copy a received frame to the output edge under this stage's name and the output's next sequence number.
     *
     * @param buffer     holding the frame being received.
     * @param offset     of the frame.
     * @param length     of the frame.
     * @param eventCount entries the frame carries.
     */
    public void forward(final DirectBuffer buffer, final int offset, final int length, final int eventCount)
    {
        if (null != forwardListener)
        {
            flush();
            forwardListener.beforeForward();
        }
        forwardingWriter.set(buffer, offset, length);
        publisher.publish(length, eventCount, forwardingWriter);
    }

    /**
     * Send this stage's metrics, then its end of stream with the counts the caller filled in.
     *
     * @param counts    to send; frames and events sent are set here.
     * @param histogram to attach to the metrics, the aggregate's end-to-end latency, or null.
     * @param transit   of the stage's input edge, or null.
     */
    public void sendMetricsAndEndOfStream(
        final EndOfStreamCounts counts, final Histogram histogram, final Histogram transit)
    {
        StageFrames.sendMetrics(publisher, encoder, stageId, metrics, histogram, transit);
        StageFrames.sendEndOfStream(publisher, encoder, stageId, counts);
    }

    /**
     * The encoder, for frames the step encodes itself (results).
     *
     * @return the encoder.
     */
    public FrameEncoder encoder()
    {
        return encoder;
    }

    /**
     * The publisher of the output edge.
     *
     * @return the publisher.
     */
    public EdgePublisher publisher()
    {
        return publisher;
    }

    private final class ForwardingWriter implements EdgePublisher.FrameWriter
    {
        private DirectBuffer source;
        private int sourceOffset;
        private int sourceLength;

        void set(final DirectBuffer source, final int offset, final int length)
        {
            this.source = source;
            this.sourceOffset = offset;
            this.sourceLength = length;
        }

        public int write(final MutableDirectBuffer buffer, final int offset)
        {
            return encoder.forward(source, sourceOffset, sourceLength, buffer, offset, stageId,
                publisher.nextSequence());
        }
    }
}
