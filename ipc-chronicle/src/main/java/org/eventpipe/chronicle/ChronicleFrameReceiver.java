package org.eventpipe.chronicle;

import java.io.File;
import java.util.ArrayDeque;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.eventpipe.bridge.FrameConsumer;
import org.eventpipe.bridge.FrameReceiver;
import org.eventpipe.recovery.DurableInput;
import org.eventpipe.recovery.StageCheckpoint;

/**
 * Reads frames from a Chronicle queue in place: the tailer's reading document is wrapped with an
 * {@link UnsafeBuffer} at its read position, and the consumer gets the SBE frame after the
 * {@link ChronicleConfiguration#CHECKPOINT_LENGTH}-byte checkpoint; nothing is copied. The frame's position is the
 * excerpt's queue index. Reading starts at the start of the queue, or where {@link #seek(long)} says.
 * <p>
 * A queue has no connection: the receiver is always connected and its sender never "gone"; a sender that died is
 * noticed by the launcher, which restarts it (or stops the run). The tailer is created on first use, on the agent's
 * thread, since Chronicle's tailers belong to one thread.
 * <p>
 * Consumed files: the receiver remembers the cycle files its tailer has read from, and when the stage releases the
 * frames before a position ({@link #releaseBefore(long)}), deletes those of earlier cycles, if so configured
 * ({@link ChronicleConfiguration#DELETE_CONSUMED_PROP_NAME}). The file of the position's own cycle always stays.
 */
final class ChronicleFrameReceiver implements FrameReceiver, DurableInput
{
    private final ChronicleQueue queue;
    private final String description;
    private final UnsafeBuffer frame = new UnsafeBuffer(0, 0);
    private final boolean deleteConsumed;
    private final ConsumerPosition position;
    private final ArrayDeque<CycleFile> cycleFiles = new ArrayDeque<>();
    private int tailerCycle = Integer.MIN_VALUE;
    private ExcerptTailer tailer;
    private long seekPosition = StageCheckpoint.NULL_POSITION;
    private long framePosition = StageCheckpoint.NULL_POSITION;
    private long frameOffset;

    /**
     * A receiver that publishes where it has read to.
     *
     * @param queue          to read.
     * @param description    of the queue for messages.
     * @param deleteConsumed whether released cycle files are deleted.
     * @param position       where to publish the position of the last frame read for the sender's flow control,
     *                       or null.
     */
    ChronicleFrameReceiver(
        final ChronicleQueue queue,
        final String description,
        final boolean deleteConsumed,
        final ConsumerPosition position)
    {
        this.queue = queue;
        this.description = description;
        this.deleteConsumed = deleteConsumed;
        this.position = position;
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
                frameOffset = bytes.readPosition();
                if (deleteConsumed && tailer.cycle() != tailerCycle)
                {
                    onCycle(tailer.cycle());
                }
                frame.wrap(bytes.addressForRead(bytes.readPosition()), length);
                consumer.onFrame(frame, ChronicleConfiguration.CHECKPOINT_LENGTH,
                    length - ChronicleConfiguration.CHECKPOINT_LENGTH);
                frames++;
            }
        }
        if (frames > 0 && null != position)
        {
            position.publish(queue.rollCycle().toCycle(framePosition), frameOffset);
        }
        return frames;
    }

    private void onCycle(final int cycle)
    {
        tailerCycle = cycle;
        final File file = tailer.currentFile();
        if (null != file)
        {
            cycleFiles.addLast(new CycleFile(cycle, file));
        }
    }

    /**
     * {@inheritDoc}
     * <p>
     * Deletes the files of the cycles before the position's, among those read from, when consumed files are deleted.
     */
    public void releaseBefore(final long position)
    {
        if (StageCheckpoint.NULL_POSITION == position || cycleFiles.isEmpty())
        {
            return;
        }
        final int cycle = queue.rollCycle().toCycle(position);
        while (!cycleFiles.isEmpty() && cycleFiles.peekFirst().cycle < cycle)
        {
            final File consumed = cycleFiles.pollFirst().file;
            if (!consumed.delete() && consumed.exists())
            {
                throw new IllegalStateException("cannot delete consumed queue file " + consumed + " of " +
                    description);
            }
        }
    }

    private void openTailer()
    {
        if (null != position)
        {
            position.reset();
        }
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

    private static final class CycleFile
    {
        private final int cycle;
        private final File file;

        CycleFile(final int cycle, final File file)
        {
            this.cycle = cycle;
            this.file = file;
        }
    }
}
