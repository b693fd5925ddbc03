package org.eventpipe.chronicle;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.eventpipe.bridge.FrameConsumer;
import org.eventpipe.bridge.FrameReceiver;
import org.eventpipe.bridge.StageCheckpoint;

/**
 * Reads frames from a Chronicle queue in place: the tailer's reading document is wrapped with an
 * {@link UnsafeBuffer} at its read position, and the consumer gets the SBE frame after the
 * {@link ChronicleConfiguration#CHECKPOINT_LENGTH}-byte checkpoint; nothing is copied. The frame's position is the
 * excerpt's queue index. Reading starts at the start of the queue, or where {@link #seek(long)} says.
 * <p>
 * A queue has no connection: the receiver is always connected and its sender never "gone"; a sender that died is
 * noticed by the launcher, which restarts it (or stops the run). The tailer is created on first use, on the agent's
 * thread, since Chronicle's tailers belong to one thread.
 */
final class ChronicleFrameReceiver implements FrameReceiver
{
    private final ChronicleQueue queue;
    private final String description;
    private final UnsafeBuffer frame = new UnsafeBuffer(0, 0);
    private ExcerptTailer tailer;
    private long seekPosition = StageCheckpoint.NULL_POSITION;
    private long framePosition = StageCheckpoint.NULL_POSITION;

    ChronicleFrameReceiver(final ChronicleQueue queue, final String description)
    {
        this.queue = queue;
        this.description = description;
    }

    /**
     * {@inheritDoc}
     */
    public int poll(final FrameConsumer consumer, final int frameLimit)
    {
        if (null == tailer)
        {
            openTailer();
        }
        int frames = 0;
        while (frames < frameLimit)
        {
            try (DocumentContext document = tailer.readingDocument())
            {
                if (!document.isPresent())
                {
                    break;
                }
                final Bytes<?> bytes = document.wire().bytes();
                final int length = (int)bytes.readRemaining();
                if (length < ChronicleConfiguration.CHECKPOINT_LENGTH)
                {
                    throw new IllegalStateException("excerpt " + Long.toHexString(document.index()) + " of " +
                        description + " is " + length + " bytes, shorter than its checkpoint");
                }
                framePosition = document.index();
                frame.wrap(bytes.addressForRead(bytes.readPosition()), length);
                consumer.onFrame(frame, ChronicleConfiguration.CHECKPOINT_LENGTH,
                    length - ChronicleConfiguration.CHECKPOINT_LENGTH);
                frames++;
            }
        }
        return frames;
    }

    private void openTailer()
    {
        tailer = queue.createTailer();
        if (StageCheckpoint.NULL_POSITION != seekPosition && !tailer.moveToIndex(seekPosition))
        {
            throw new IllegalStateException("no excerpt at index " + Long.toHexString(seekPosition) + " in " +
                description);
        }
    }

    /**
     * {@inheritDoc}
     */
    public long framePosition()
    {
        return framePosition;
    }

    /**
     * {@inheritDoc}
     * <p>
     * The tailer moves there when it is first polled, on the agent's thread.
     */
    public boolean seek(final long position)
    {
        if (null != tailer)
        {
            return tailer.moveToIndex(position);
        }
        seekPosition = position;
        return true;
    }

    /**
     * {@inheritDoc}
     */
    public boolean isConnected()
    {
        return true;
    }

    /**
     * {@inheritDoc}
     */
    public boolean isSenderGone()
    {
        return false;
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
        CloseHelper.quietClose(tailer);
    }
}
