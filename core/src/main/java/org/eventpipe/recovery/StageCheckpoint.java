package org.eventpipe.recovery;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * How far a stage has got, as stored by a transport that persists frames with every frame the stage sends (see
 * {@link DurableOutput#recordCheckpoints(StageCheckpoint)}), so that a restarted stage resumes exactly where the frames
 * it already sent leave off: no input event lost, none reflected twice, output sequence numbers without a gap.
 * <p>
 * The checkpoint stored with a frame describes the state of the stage with everything before it sent and nothing
 * pending: the input frame being consumed ({@link #inputPosition()}), how many of its events are reflected in the
 * output ({@link #inputEventsDone()}, or all of it when {@link #inputFrameDone()}), the receiver's counts before
 * that input frame, the stage's own counters, and the output sequence and counts including the frame itself.
 * <p>
 * It is a fixed block of {@link #LENGTH} bytes in little-endian order; the transport stores it next to the frame and
 * never interprets it. Mutable and reused: no allocation after construction.
 */
public final class StageCheckpoint
{
    /** No input position: the stage has no input (ingest), or has consumed nothing yet. */
    public static final long NULL_POSITION = -1;

    /** Counters a stage can keep in its checkpoint. */
    public static final int COUNTERS = 4;

    /** Encoded length in bytes. */
    public static final int LENGTH = 14 * Long.BYTES;

    private static final long FLAG_FRAME_DONE = 1;
    private static final long FLAG_END_OF_STREAM_SENT = 2;

    private long inputPosition = NULL_POSITION;
    private long inputEventsDone;
    private long inputSequence;
    private long inputFramesBefore;
    private long inputEventsBefore;
    private long flags;
    private long outputSequence = -1;
    private long outputFramesSent;
    private long outputEventsSent;
    private final long[] counters = new long[COUNTERS];

    /**
     * Record the input side of an event or frame boundary.
     *
     * @param position     of the input frame being consumed, {@link #NULL_POSITION} if none.
     * @param eventsDone   events of that frame whose output is sent or pending in this stage's batches.
     * @param frameDone    whether the whole frame is consumed (its pass-through forwarded, its events done).
     * @param sequence     sequence number of that input frame.
     * @param framesBefore input frames received before it, end of stream excluded.
     * @param eventsBefore input events received before it.
     * @return this.
     */
    public StageCheckpoint input(
        final long position,
        final long eventsDone,
        final boolean frameDone,
        final long sequence,
        final long framesBefore,
        final long eventsBefore)
    {
        inputPosition = position;
        inputEventsDone = eventsDone;
        inputSequence = sequence;
        inputFramesBefore = framesBefore;
        inputEventsBefore = eventsBefore;
        flags = frameDone ? flags | FLAG_FRAME_DONE : flags & ~FLAG_FRAME_DONE;
        return this;
    }

    /**
     * Record the output side, for the frame about to be sent.
     *
     * @param sequence   of the frame.
     * @param framesSent frames sent on the edge including it.
     * @param eventsSent events sent on the edge including its events.
     * @return this.
     */
    public StageCheckpoint output(final long sequence, final long framesSent, final long eventsSent)
    {
        outputSequence = sequence;
        outputFramesSent = framesSent;
        outputEventsSent = eventsSent;
        return this;
    }

    /**
     * Mark that the frame about to be sent is the stage's end of stream: a stage restarted after it has nothing to do.
     *
     * @return this.
     */
    public StageCheckpoint endOfStreamSent()
    {
        flags |= FLAG_END_OF_STREAM_SENT;
        return this;
    }

    /**
     * Set a stage counter.
     *
     * @param index of the counter, below {@link #COUNTERS}.
     * @param value of the counter.
     * @return this.
     */
    public StageCheckpoint counter(final int index, final long value)
    {
        counters[index] = value;
        return this;
    }

    /**
     * A stage counter.
     *
     * @param index of the counter.
     * @return its value.
     */
    public long counter(final int index)
    {
        return counters[index];
    }

    /**
     * Position of the input frame being consumed.
     *
     * @return the transport's position, or {@link #NULL_POSITION}.
     */
    public long inputPosition()
    {
        return inputPosition;
    }

    /**
     * Events of the input frame already reflected in the output.
     *
     * @return the count.
     */
    public long inputEventsDone()
    {
        return inputEventsDone;
    }

    /**
     * Whether the input frame at {@link #inputPosition()} is wholly consumed.
     *
     * @return true if the stage resumes after it.
     */
    public boolean inputFrameDone()
    {
        return (flags & FLAG_FRAME_DONE) != 0;
    }

    /**
     * Sequence number of the input frame at {@link #inputPosition()}.
     *
     * @return the sequence number.
     */
    public long inputSequence()
    {
        return inputSequence;
    }

    /**
     * Input frames received before the frame at {@link #inputPosition()}.
     *
     * @return the count.
     */
    public long inputFramesBefore()
    {
        return inputFramesBefore;
    }

    /**
     * Input events received before the frame at {@link #inputPosition()}.
     *
     * @return the count.
     */
    public long inputEventsBefore()
    {
        return inputEventsBefore;
    }

    /**
     * Whether this checkpoint was stored with the stage's own end of stream.
     *
     * @return true if the stage had finished.
     */
    public boolean isEndOfStreamSent()
    {
        return (flags & FLAG_END_OF_STREAM_SENT) != 0;
    }

    /**
     * Sequence number of the frame stored with this checkpoint.
     *
     * @return the sequence number, -1 if none.
     */
    public long outputSequence()
    {
        return outputSequence;
    }

    /**
     * Frames sent on the output edge up to and including the frame stored with this checkpoint.
     *
     * @return the count.
     */
    public long outputFramesSent()
    {
        return outputFramesSent;
    }

    /**
     * Events sent on the output edge up to and including the frame stored with this checkpoint.
     *
     * @return the count.
     */
    public long outputEventsSent()
    {
        return outputEventsSent;
    }

    /**
     * Copy another checkpoint.
     *
     * @param other to copy.
     * @return this.
     */
    public StageCheckpoint copyFrom(final StageCheckpoint other)
    {
        inputPosition = other.inputPosition;
        inputEventsDone = other.inputEventsDone;
        inputSequence = other.inputSequence;
        inputFramesBefore = other.inputFramesBefore;
        inputEventsBefore = other.inputEventsBefore;
        flags = other.flags;
        outputSequence = other.outputSequence;
        outputFramesSent = other.outputFramesSent;
        outputEventsSent = other.outputEventsSent;
        System.arraycopy(other.counters, 0, counters, 0, COUNTERS);
        return this;
    }

    /**
     * Write the checkpoint.
     *
     * @param buffer to write to.
     * @param offset of the first byte; {@link #LENGTH} bytes are written.
     */
    public void encode(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putLong(offset, inputPosition);
        buffer.putLong(offset + 8, inputEventsDone);
        buffer.putLong(offset + 16, inputSequence);
        buffer.putLong(offset + 24, inputFramesBefore);
        buffer.putLong(offset + 32, inputEventsBefore);
        buffer.putLong(offset + 40, flags);
        buffer.putLong(offset + 48, outputSequence);
        buffer.putLong(offset + 56, outputFramesSent);
        buffer.putLong(offset + 64, outputEventsSent);
        for (int i = 0; i < COUNTERS; i++)
        {
            buffer.putLong(offset + 72 + i * 8, counters[i]);
        }
        buffer.putLong(offset + 72 + COUNTERS * 8, 0);
    }

    /**
     * Read a checkpoint written by {@link #encode(MutableDirectBuffer, int)}.
     *
     * @param buffer to read from.
     * @param offset of the first byte.
     * @return this.
     */
    public StageCheckpoint decode(final DirectBuffer buffer, final int offset)
    {
        inputPosition = buffer.getLong(offset);
        inputEventsDone = buffer.getLong(offset + 8);
        inputSequence = buffer.getLong(offset + 16);
        inputFramesBefore = buffer.getLong(offset + 24);
        inputEventsBefore = buffer.getLong(offset + 32);
        flags = buffer.getLong(offset + 40);
        outputSequence = buffer.getLong(offset + 48);
        outputFramesSent = buffer.getLong(offset + 56);
        outputEventsSent = buffer.getLong(offset + 64);
        for (int i = 0; i < COUNTERS; i++)
        {
            counters[i] = buffer.getLong(offset + 72 + i * 8);
        }
        return this;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "input frame " + inputSequence + " at position " + inputPosition + (inputFrameDone() ? " done" :
            " with " + inputEventsDone + " event(s) done") + ", output frame " + outputSequence + " (" +
            outputFramesSent + " frames / " + outputEventsSent + " events sent)";
    }
}
