package org.eventpipe.chronicle;

import java.util.concurrent.TimeUnit;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.eventpipe.bridge.FrameSender;
import org.eventpipe.recovery.DurableOutput;
import org.eventpipe.recovery.StageCheckpoint;

/**
 * Appends frames to a Chronicle queue, one excerpt per frame: a {@link StageCheckpoint} of
 * {@link ChronicleConfiguration#CHECKPOINT_LENGTH} bytes, then the SBE frame. A claim opens a writing document and
 * wraps its memory at the write position with an {@link UnsafeBuffer}, so the frame is encoded straight into the
 * mapped queue file; {@link #commit()} writes the checkpoint and closes the document (the excerpt becomes visible to
 * tailers), {@link #abort()} rolls it back. {@link #offer(DirectBuffer, int, int)} is a claim and a copy.
 * <p>
 * A queue has no connection: the sender is always connected. Chronicle's appender never waits for a reader, so a
 * sender faster than its receiver would grow the queue in {@code /dev/shm} by the whole difference. This sender
 * reads its receiver's {@link ConsumerPosition} before each claim instead, and is {@link #BACK_PRESSURED} while it
 * is more than {@link ChronicleConfiguration#MAX_LAG_BYTES_PROP_NAME} bytes of queue file ahead (Aeron's publication
 * window, for a queue): the lag stays within two windows, one in the receiver's cycle and one in the next. The
 * appender is created on first use, on the agent's thread, since Chronicle's appenders belong to one thread.
 */
final class ChronicleFrameSender implements FrameSender, DurableOutput
{
    /** How long a receiver's position may stand still before a held-back sender lets one frame through. */
    static final long PROBE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ChronicleQueue queue;
    private final String description;
    private final int maxFrameLength;
    private final UnsafeBuffer claimBuffer = new UnsafeBuffer(0, 0);
    private final StageCheckpoint noCheckpoint = new StageCheckpoint();
    private StageCheckpoint checkpoint = noCheckpoint;
    private ExcerptAppender appender;
    private DocumentContext context;
    private final ConsumerPosition consumer;
    private final long maxLagBytes;
    private final PagePopulator populator;
    private int lastCycle = Integer.MIN_VALUE;
    private long lastOffset;
    private long bytesWritten;
    private long heldPosition = Long.MIN_VALUE;
    private long heldSinceNanos;
    private long probes;
    private boolean closed;

    /**
     * A sender held back by its receiver's position.
     *
     * @param queue       to append to.
     * @param description of the queue for messages.
     * @param blockSize   of the queue.
     * @param consumer    position of the queue's receiver, or null for no flow control.
     * @param maxLagBytes bytes of queue file the sender may be ahead of the receiver; 0 for no flow control.
     */
    ChronicleFrameSender(
        final ChronicleQueue queue,
        final String description,
        final long blockSize,
        final ConsumerPosition consumer,
        final long maxLagBytes)
    {
        this(queue, description, blockSize, consumer, maxLagBytes, null);
    }

    /**
     * Create a sender that populates the queue's pages ahead of its writes.
     *
     * @param queue       to append to.
     * @param description of the queue for messages.
     * @param blockSize   of the queue.
     * @param consumer    position of the queue's receiver, or null for no flow control.
     * @param maxLagBytes bytes of queue file the sender may be ahead of the receiver; 0 for no flow control.
     * @param populator   of the pages ahead of each write, or null to let them fault in as they are written.
     */
    ChronicleFrameSender(
        final ChronicleQueue queue,
        final String description,
        final long blockSize,
        final ConsumerPosition consumer,
        final long maxLagBytes,
        final PagePopulator populator)
    {
        this.populator = populator;
        this.queue = queue;
        this.description = description;
        this.maxFrameLength = ChronicleConfiguration.maxFrameLength(blockSize);
        this.consumer = maxLagBytes > 0 ? consumer : null;
        this.maxLagBytes = maxLagBytes;
    }

    /**
     * {@inheritDoc}
     */
    public long tryClaim(final int length)
    {
        if (closed)
        {
            return CLOSED;
        }
        if (null != consumer && isHeldBack())
        {
            return BACK_PRESSURED;
        }
        if (null == appender)
        {
            appender = queue.createAppender();
        }
        final int excerptLength = ChronicleConfiguration.CHECKPOINT_LENGTH + length;
        context = appender.writingDocument();
        final Bytes<?> bytes = context.wire().bytes();
        final long writePosition = bytes.writePosition();
        if (bytes.writeLimit() - writePosition < excerptLength)
        {
            context.rollbackOnClose();
            context.close();
            context = null;
            return MAX_POSITION_EXCEEDED;
        }
        final long address = bytes.addressForWrite(writePosition);
        if (null != populator && bytes.bytesStore() instanceof MappedBytesStore)
        {
            final MappedBytesStore store = (MappedBytesStore)bytes.bytesStore();
            populator.beforeWrite(store, store.safeLimit(), writePosition, address, excerptLength);
        }
        claimBuffer.wrap(address, excerptLength);
        bytes.writeSkip(excerptLength);
        lastCycle = appender.cycle();
        lastOffset = writePosition + excerptLength;
        bytesWritten += excerptLength;
        return writePosition;
    }

    /**
     * Whether to hold this claim back: the sender is a window ahead of the receiver, and the receiver's position has
     * moved within the last {@link #PROBE_AFTER_NANOS}. A receiver alive with something to read moves it many times
     * a second; one whose position stands still for that long is dead, hung (both the launcher's to handle) or has
     * nothing to read because the lag estimate was wrong, and then one frame goes through: it gives the receiver
     * something to read, so that no estimate can stall the pipeline, at a cost of at most a frame a second.
     */
    private boolean isHeldBack()
    {
        final long position = consumer.packed();
        if (!isAheadOf(position))
        {
            heldPosition = Long.MIN_VALUE;
            return false;
        }
        final long nowNanos = System.nanoTime();
        if (position != heldPosition)
        {
            heldPosition = position;
            heldSinceNanos = nowNanos;
            return true;
        }
        if (nowNanos - heldSinceNanos < PROBE_AFTER_NANOS)
        {
            return true;
        }
        heldSinceNanos = nowNanos;
        if (0 == probes++)
        {
            System.err.println(description + ": the receiver's position has stood still for " +
                TimeUnit.NANOSECONDS.toMillis(PROBE_AFTER_NANOS) + " ms while this sender was held back; letting " +
                "one frame through a second until it moves");
        }
        return false;
    }

    /**
     * Frames let through to a receiver whose position stood still (see {@link #isHeldBack()}).
     *
     * @return the count since this sender was made.
     */
    long probes()
    {
        return probes;
    }

    /**
     * Whether the last frame written lies more than the window ahead of what the receiver has read. One volatile
     * load; the cycle of the last write, not the clock's, so a cycle that rolled since only understates the lag.
     */
    private boolean isAheadOf(final long position)
    {
        if (ConsumerPosition.NONE == position)
        {
            return bytesWritten > maxLagBytes;
        }
        final int consumerCycle = ConsumerPosition.cycle(position);
        if (lastCycle == consumerCycle)
        {
            return lastOffset - ConsumerPosition.offset(position) > maxLagBytes;
        }
        if (lastCycle == consumerCycle + 1)
        {
            return lastOffset > maxLagBytes;
        }
        return lastCycle > consumerCycle + 1;
    }

    /**
     * {@inheritDoc}
     */
    public MutableDirectBuffer claimBuffer()
    {
        return claimBuffer;
    }

    /**
     * {@inheritDoc}
     */
    public int claimOffset()
    {
        return ChronicleConfiguration.CHECKPOINT_LENGTH;
    }

    /**
     * {@inheritDoc}
     */
    public void commit()
    {
        checkpoint.encode(claimBuffer, 0);
        final DocumentContext committed = context;
        context = null;
        committed.close();
    }

    /**
     * {@inheritDoc}
     */
    public void abort()
    {
        final DocumentContext aborted = context;
        context = null;
        aborted.rollbackOnClose();
        aborted.close();
    }

    /**
     * {@inheritDoc}
     */
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        final long result = tryClaim(length);
        if (result >= 0)
        {
            claimBuffer.putBytes(ChronicleConfiguration.CHECKPOINT_LENGTH, buffer, offset, length);
            commit();
        }
        return result;
    }

    /**
     * {@inheritDoc}
     */
    public int maxClaimLength()
    {
        return maxFrameLength;
    }

    /**
     * {@inheritDoc}
     */
    public int maxFrameLength()
    {
        return maxFrameLength;
    }

    /**
     * {@inheritDoc}
     */
    public boolean isConnected()
    {
        return !closed;
    }

    /**
     * {@inheritDoc}
     */
    public void recordCheckpoints(final StageCheckpoint checkpoint)
    {
        this.checkpoint = checkpoint;
    }

    /**
     * {@inheritDoc}
     */
    public boolean readLastCheckpoint(final StageCheckpoint checkpoint)
    {
        final UnsafeBuffer excerpt = new UnsafeBuffer(0, 0);
        try (ExcerptTailer tailer = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd())
        {
            try (DocumentContext last = tailer.readingDocument())
            {
                if (!last.isPresent())
                {
                    return false;
                }
                final Bytes<?> bytes = last.wire().bytes();
                if (bytes.readRemaining() < ChronicleConfiguration.CHECKPOINT_LENGTH)
                {
                    throw new IllegalStateException("last excerpt of " + description + " is " + bytes.readRemaining() +
                        " bytes, too short for a checkpoint");
                }
                excerpt.wrap(bytes.addressForRead(bytes.readPosition()), ChronicleConfiguration.CHECKPOINT_LENGTH);
                checkpoint.decode(excerpt, 0);
                return checkpoint.outputSequence() >= 0;
            }
        }
    }

    /**
     * {@inheritDoc}
     */
    public String description()
    {
        return description;
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        if (!closed)
        {
            closed = true;
            if (null != context)
            {
                abort();
            }
            CloseHelper.quietClose(appender);
        }
    }
}
