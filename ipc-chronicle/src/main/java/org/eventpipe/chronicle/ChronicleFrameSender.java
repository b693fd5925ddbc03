package org.eventpipe.chronicle;

import net.openhft.chronicle.bytes.Bytes;
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
 * A queue has no connection: the sender is always connected and never back-pressured (the queue grows on disk,
 * here {@code /dev/shm}). The appender is created on first use, on the agent's thread, since Chronicle's appenders
 * belong to one thread.
 */
final class ChronicleFrameSender implements FrameSender, DurableOutput
{
    private final ChronicleQueue queue;
    private final String description;
    private final int maxFrameLength;
    private final UnsafeBuffer claimBuffer = new UnsafeBuffer(0, 0);
    private final StageCheckpoint noCheckpoint = new StageCheckpoint();
    private StageCheckpoint checkpoint = noCheckpoint;
    private ExcerptAppender appender;
    private DocumentContext context;
    private boolean closed;

    ChronicleFrameSender(final ChronicleQueue queue, final String description, final long blockSize)
    {
        this.queue = queue;
        this.description = description;
        this.maxFrameLength = ChronicleConfiguration.maxFrameLength(blockSize);
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
        claimBuffer.wrap(bytes.addressForWrite(writePosition), excerptLength);
        bytes.writeSkip(excerptLength);
        return writePosition;
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
