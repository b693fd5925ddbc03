package org.eventpipe.bridge.injvm;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.eventpipe.bridge.FrameConsumer;
import org.eventpipe.bridge.FrameReceiver;
import org.eventpipe.bridge.FrameSender;

/**
 * One edge of the split pipeline inside one JVM: a single-producer, single-consumer Agrona
 * {@link OneToOneRingBuffer} seen as both its {@link FrameSender} and its {@link FrameReceiver}. For tests and for
 * running every stage agent in one process without a transport.
 * <p>
 * Claims map to {@link RingBuffer#tryClaim(int, int)}, {@link RingBuffer#commit(int)} and
 * {@link RingBuffer#abort(int)}; {@link #offer(DirectBuffer, int, int)} maps to
 * {@link RingBuffer#write(int, DirectBuffer, int, int)}. A full ring is {@link FrameSender#BACK_PRESSURED}. Both ends
 * are connected from the start. {@link #close()} closes the sending side: further sends are
 * {@link FrameSender#CLOSED}, and the receiving side reports {@link #isSenderGone()} once it has drained every frame
 * committed before the close.
 * <p>
 * One thread sends and one thread receives; the ring orders the frames between them.
 */
public final class InJvmChannel implements FrameSender, FrameReceiver
{
    /** Default ring capacity in bytes; the longest frame is an eighth of it. */
    public static final int CAPACITY_DEFAULT = 1 << 20;

    private static final int FRAME_MSG_TYPE_ID = 1;

    private final OneToOneRingBuffer ring;
    private final String description;
    private final int maxMessageLength;
    private final FrameDispatcher dispatcher = new FrameDispatcher();
    private volatile boolean senderClosed;
    private int claimIndex = -1;

    /**
     * Create a channel with {@link #CAPACITY_DEFAULT}.
     *
     * @param description of the channel, for errors and reports.
     */
    public InJvmChannel(final String description)
    {
        this(description, CAPACITY_DEFAULT);
    }

    /**
     * Create a channel.
     *
     * @param description of the channel, for errors and reports.
     * @param capacity    of the ring in bytes, a power of two.
     */
    public InJvmChannel(final String description, final int capacity)
    {
        final int length = capacity + RingBufferDescriptor.TRAILER_LENGTH;
        this.ring = new OneToOneRingBuffer(new UnsafeBuffer(BufferUtil.allocateDirectAligned(length, 64)));
        this.maxMessageLength = ring.maxMsgLength();
        this.description = "in-jvm " + description;
    }

    /**
     * {@inheritDoc}
     */
    public long tryClaim(final int length)
    {
        if (senderClosed)
        {
            return CLOSED;
        }
        final int index = ring.tryClaim(FRAME_MSG_TYPE_ID, length);
        if (index < 0)
        {
            return BACK_PRESSURED;
        }
        claimIndex = index;
        return index;
    }

    /**
     * {@inheritDoc}
     */
    public MutableDirectBuffer claimBuffer()
    {
        return ring.buffer();
    }

    /**
     * {@inheritDoc}
     */
    public int claimOffset()
    {
        return claimIndex;
    }

    /**
     * {@inheritDoc}
     */
    public void commit()
    {
        final int index = claimIndex;
        claimIndex = -1;
        ring.commit(index);
    }

    /**
     * {@inheritDoc}
     */
    public void abort()
    {
        final int index = claimIndex;
        claimIndex = -1;
        ring.abort(index);
    }

    /**
     * {@inheritDoc}
     */
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        if (senderClosed)
        {
            return CLOSED;
        }
        return ring.write(FRAME_MSG_TYPE_ID, buffer, offset, length) ? length : BACK_PRESSURED;
    }

    /**
     * {@inheritDoc}
     */
    public int maxClaimLength()
    {
        return maxMessageLength;
    }

    /**
     * {@inheritDoc}
     */
    public int maxFrameLength()
    {
        return maxMessageLength;
    }

    /**
     * {@inheritDoc}
     */
    public int poll(final FrameConsumer consumer, final int frameLimit)
    {
        dispatcher.consumer = consumer;
        try
        {
            return ring.read(dispatcher, frameLimit);
        }
        finally
        {
            dispatcher.consumer = null;
        }
    }

    /**
     * Connected on both sides until the sender closes and the receiver has drained what it sent.
     *
     * @return false once the sender is gone.
     */
    public boolean isConnected()
    {
        return !isSenderGone();
    }

    /**
     * {@inheritDoc}
     */
    public boolean isSenderGone()
    {
        return senderClosed && 0 == ring.size();
    }

    /**
     * {@inheritDoc}
     */
    public String description()
    {
        return description;
    }

    /**
     * Close the sending side; frames already committed are still delivered.
     */
    public void close()
    {
        senderClosed = true;
    }

    private static final class FrameDispatcher implements MessageHandler
    {
        private FrameConsumer consumer;

        public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
        {
            consumer.onFrame(buffer, index, length);
        }
    }
}
