package org.eventpipe.stage;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.eventpipe.bridge.Edge;
import org.eventpipe.bridge.FrameSender;
import org.eventpipe.counters.PipelineCounter;
import org.eventpipe.recovery.StageCheckpoint;

/**
 * Sends a stage's frames on one edge with the back-pressure rules of the project: {@code BACK_PRESSURED} and
 * {@code ADMIN_ACTION} retry under the idle strategy and are counted; {@code NOT_CONNECTED} waits up to the connect
 * deadline and then fails the stage; {@code CLOSED} and {@code MAX_POSITION_EXCEEDED} fail at once. No frame is ever
 * dropped. A frame that fits the sender's claim limit is encoded in place, a larger one into a staging buffer and
 * offered. Frames on an edge are numbered from 0.
 * <p>
 * Over a transport that stores checkpoints ({@link #keepCheckpoint(StageCheckpoint)}), every frame is sent with the
 * stage's current {@link StageCheckpoint}, its output fields set here; a restarted stage continues the numbering
 * ({@link #restore(StageCheckpoint)}) or replays its input and suppresses the frames already sent
 * ({@link #suppressUntil(long)}).
 */
public final class EdgePublisher
{
    /** Encodes one frame at an offset, returning its length. */
    @FunctionalInterface
    public interface FrameWriter
    {
        /**
         * Encode the frame.
         *
         * @param buffer to encode into.
         * @param offset of the frame.
         * @return the encoded length.
         */
        int write(MutableDirectBuffer buffer, int offset);

        /**
         * For a writer that builds the whole frame in a buffer of its own: fill in the frame's header and return
         * that buffer, so that a frame too long to claim in place is offered from it rather than copied to the
         * publisher's staging buffer first.
         *
         * @param sequence of the frame.
         * @return the buffer holding the frame from index 0, or null (the default) to be asked to {@link #write}.
         */
        default DirectBuffer frame(final long sequence)
        {
            return null;
        }
    }

    /** Largest frame the staging buffer holds. */
    public static final int MAX_STAGED_FRAME_LENGTH = 1 << 20;

    private final String stageName;
    private final Edge edge;
    private final FrameSender sender;
    private final IdleStrategy idleStrategy;
    private final long connectTimeoutNanos;
    private final StageMetricsRecorder metrics;
    private final AtomicCounter heartbeat;
    private final UnsafeBuffer staging;
    private final int maxFrameLength;

    private long nextSequence;
    private long framesSent;
    private long eventsSent;
    private long suppressUntilSequence;
    private StageCheckpoint checkpoint;
    private long sentInputPosition = StageCheckpoint.NULL_POSITION;

    /**
     * Create a publisher.
     *
     * @param stageName          for errors.
     * @param edge               sent on.
     * @param sender             of the transport.
     * @param idleStrategy       between retries.
     * @param connectTimeoutMs   how long NOT_CONNECTED is tolerated.
     * @param metrics            of the stage.
     */
    public EdgePublisher(
        final String stageName,
        final Edge edge,
        final FrameSender sender,
        final IdleStrategy idleStrategy,
        final long connectTimeoutMs,
        final StageMetricsRecorder metrics)
    {
        this.stageName = stageName;
        this.edge = edge;
        this.sender = sender;
        this.idleStrategy = idleStrategy;
        this.connectTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(connectTimeoutMs);
        this.metrics = metrics;
        this.heartbeat = metrics.counters().get(PipelineCounter.HEARTBEAT);
        this.maxFrameLength = Math.min(sender.maxFrameLength(), MAX_STAGED_FRAME_LENGTH);
        final ByteBuffer stagingMemory = BufferUtil.allocateDirectAligned(
            Math.max(maxFrameLength, 64), 64);
        this.staging = new UnsafeBuffer(stagingMemory);
    }

    /**
     * Longest frame this publisher can send.
     *
     * @return bytes.
     */
    public int maxFrameLength()
    {
        return maxFrameLength;
    }

    /**
     * Sequence number the next frame must carry; call once per frame, right before {@link #publish}.
     *
     * @return the sequence number.
     */
    public long nextSequence()
    {
        return nextSequence;
    }

    /**
     * Send one frame, retrying until it is sent or the stage fails.
     *
     * @param length     of the frame, known before encoding.
     * @param eventCount carried by the frame.
     * @param writer     that encodes the frame with sequence {@link #nextSequence()}.
     */
    public void publish(final int length, final int eventCount, final FrameWriter writer)
    {
        if (length > maxFrameLength)
        {
            throw new StageFailure("stage " + stageName + ": frame of " + length + " bytes exceeds the maximum of " +
                maxFrameLength + " on edge " + edge.edgeName());
        }
        if (nextSequence < suppressUntilSequence)
        {
            nextSequence++;
            framesSent++;
            eventsSent += eventCount;
            return;
        }
        if (null != checkpoint)
        {
            checkpoint.output(nextSequence, framesSent + 1, eventsSent + eventCount);
        }
        final long startNanos = System.nanoTime();
        long notConnectedSince = 0;
        if (length <= sender.maxClaimLength())
        {
            long result;
            while ((result = sender.tryClaim(length)) < 0)
            {
                notConnectedSince = onSendFailure(result, notConnectedSince);
            }
            try
            {
                final int written = writer.write(sender.claimBuffer(), sender.claimOffset());
                checkLength(length, written);
            }
            catch (final RuntimeException ex)
            {
                sender.abort();
                throw ex;
            }
            sender.commit();
        }
        else
        {
            DirectBuffer frame = writer.frame(nextSequence);
            if (null == frame)
            {
                checkLength(length, writer.write(staging, 0));
                frame = staging;
            }
            long result;
            while ((result = sender.offer(frame, 0, length)) < 0)
            {
                notConnectedSince = onSendFailure(result, notConnectedSince);
            }
        }
        idleStrategy.reset();
        if (null != checkpoint)
        {
            sentInputPosition = checkpoint.inputPosition();
        }
        nextSequence++;
        framesSent++;
        eventsSent += eventCount;
        metrics.onFrameOut(eventCount);
        metrics.addSending(System.nanoTime() - startNanos);
    }

    private void checkLength(final int expected, final int written)
    {
        if (expected != written)
        {
            throw new StageFailure("stage " + stageName + ": encoded " + written + " bytes but expected " + expected +
                " on edge " + edge.edgeName());
        }
    }

    private long onSendFailure(final long result, final long notConnectedSince)
    {
        heartbeat.setRelease(System.currentTimeMillis());
        if (result == FrameSender.BACK_PRESSURED || result == FrameSender.ADMIN_ACTION)
        {
            metrics.onBackPressure();
            idleStrategy.idle();
            return 0;
        }
        if (result == FrameSender.NOT_CONNECTED)
        {
            final long now = System.nanoTime();
            final long since = 0 == notConnectedSince ? now : notConnectedSince;
            if (now - since > connectTimeoutNanos)
            {
                throw new StageFailure("stage " + stageName + ": no receiver connected on edge " + edge.edgeName() +
                    " (" + sender.description() + ") for " + TimeUnit.NANOSECONDS.toMillis(now - since) +
                    " ms; is the downstream stage running?");
            }
            idleStrategy.idle();
            return since;
        }
        throw new StageFailure("stage " + stageName + ": cannot send on edge " + edge.edgeName() + " (" +
            sender.description() + "): " + FrameSender.resultName(result));
    }

    /**
     * Wait until a receiver is connected, so that a stage announces itself ready only once its output is joined.
     *
     * @throws StageFailure if none connects within the connect timeout.
     */
    public void awaitConnected()
    {
        final long deadline = System.nanoTime() + connectTimeoutNanos;
        while (!sender.isConnected())
        {
            if (System.nanoTime() > deadline)
            {
                throw new StageFailure("stage " + stageName + ": no receiver connected on edge " + edge.edgeName() +
                    " (" + sender.description() + ") within " + TimeUnit.NANOSECONDS.toMillis(connectTimeoutNanos) +
                    " ms; is the downstream stage running?");
            }
            idleStrategy.idle();
        }
        idleStrategy.reset();
    }

    /**
     * Input position in the checkpoint of the last frame sent: a restarted stage resumes there or later.
     *
     * @return the position, or {@link StageCheckpoint#NULL_POSITION} if no frame was sent with a checkpoint.
     */
    public long sentInputPosition()
    {
        return sentInputPosition;
    }

    /**
     * Fill in the output side of a stage's checkpoint before every frame, for a transport that stores it with the
     * frame (see {@link org.eventpipe.recovery.DurableOutput}).
     *
     * @param checkpoint kept by the stage's recovery.
     */
    public void keepCheckpoint(final StageCheckpoint checkpoint)
    {
        this.checkpoint = checkpoint;
    }

    /**
     * The transport's sender.
     *
     * @return the sender.
     */
    public FrameSender sender()
    {
        return sender;
    }

    /**
     * Continue the edge after the frame a checkpoint was stored with: sequence numbers and counts go on from it.
     *
     * @param last checkpoint read by a stage's recovery.
     */
    public void restore(final StageCheckpoint last)
    {
        nextSequence = last.outputSequence() + 1;
        framesSent = last.outputFramesSent();
        eventsSent = last.outputEventsSent();
    }

    /**
     * For a stage that replays its input from the start after a restart: frames numbered below {@code sequence} were
     * sent by the earlier process, so they are counted but not sent again.
     *
     * @param sequence the first sequence number to send.
     */
    public void suppressUntil(final long sequence)
    {
        suppressUntilSequence = sequence;
    }

    /**
     * The next frame is the stage's end of stream: say so in its checkpoint.
     */
    public void onEndOfStream()
    {
        if (null != checkpoint)
        {
            checkpoint.endOfStreamSent();
        }
    }

    /**
     * Frames sent so far.
     *
     * @return the count.
     */
    public long framesSent()
    {
        return framesSent;
    }

    /**
     * Events sent so far, summed over the frames' event counts.
     *
     * @return the count.
     */
    public long eventsSent()
    {
        return eventsSent;
    }

    /**
     * The edge.
     *
     * @return the edge sent on.
     */
    public Edge edge()
    {
        return edge;
    }
}
