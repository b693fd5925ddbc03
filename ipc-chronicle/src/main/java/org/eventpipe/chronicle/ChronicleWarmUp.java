package org.eventpipe.chronicle;

import java.io.IOException;
import java.nio.file.Path;

import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.agrona.DirectBuffer;
import org.eventpipe.bridge.FrameConsumer;

/**
 * Runs frames through a scratch queue with the transport's own sender and receiver, so that the JIT compiles
 * Chronicle's appender and tailer paths while the stage starts up rather than while it carries the run's events. The
 * scratch queue has a clock of its own that moves a second every
 * {@link ChronicleConfiguration#WARM_UP_FRAMES_PER_CYCLE} frames, so that rolling to the next cycle and deleting
 * consumed files are exercised too. It is removed afterwards.
 */
final class ChronicleWarmUp implements FrameConsumer
{
    private long framesRead;
    private long checksum;

    private ChronicleWarmUp()
    {
    }

    /**
     * Append and read frames through a scratch queue, then remove it.
     *
     * @param scratch     directory of the scratch queue; anything already there is removed first.
     * @param frames      to append and read.
     * @param frameLength bytes of each frame.
     * @return frames read back, equal to {@code frames}.
     */
    static long run(final Path scratch, final int frames, final int frameLength)
    {
        delete(scratch);
        final ChronicleWarmUp consumer = new ChronicleWarmUp();
        final SetTimeProvider clock = new SetTimeProvider(System.currentTimeMillis());
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.binary(scratch)
            .rollCycle(SecondlyRollCycle.INSTANCE)
            .blockSize(ChronicleConfiguration.WARM_UP_BLOCK_SIZE)
            .timeProvider(clock)
            .build();
            ConsumerPosition position = ConsumerPosition.map(scratch);
            ChronicleFrameSender sender = new ChronicleFrameSender(queue, "warm-up queue",
                ChronicleConfiguration.WARM_UP_BLOCK_SIZE, position, ChronicleConfiguration.MAX_LAG_BYTES_DEFAULT);
            ChronicleFrameReceiver receiver = new ChronicleFrameReceiver(queue, "warm-up queue", true, position))
        {
            for (int i = 0; i < frames; i++)
            {
                final long claimed = sender.tryClaim(frameLength);
                if (claimed < 0)
                {
                    throw new IllegalStateException("warm-up: claim on " + scratch + " failed with " + claimed);
                }
                sender.claimBuffer().putLong(sender.claimOffset(), i);
                sender.commit();
                if (i % ChronicleConfiguration.WARM_UP_FRAMES_PER_CYCLE ==
                    ChronicleConfiguration.WARM_UP_FRAMES_PER_CYCLE - 1)
                {
                    clock.advanceMillis(SecondlyRollCycle.INSTANCE.lengthInMillis());
                }
                if (receiver.poll(consumer, 1) > 0)
                {
                    receiver.releaseBefore(receiver.framePosition());
                }
            }
            while (receiver.poll(consumer, Integer.MAX_VALUE) > 0)
            {
                receiver.releaseBefore(receiver.framePosition());
            }
        }
        finally
        {
            delete(scratch);
        }
        final long expectedChecksum = (long)frames * (frames - 1) / 2;
        if (consumer.framesRead != frames || consumer.checksum != expectedChecksum)
        {
            throw new IllegalStateException("warm-up: read " + consumer.framesRead + " of " + frames +
                " frames back from " + scratch);
        }
        return consumer.framesRead;
    }

    /**
     * {@inheritDoc}
     */
    public void onFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        framesRead++;
        checksum += buffer.getLong(offset);
    }

    private static void delete(final Path scratch)
    {
        try
        {
            QueueDirectories.delete(scratch);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("warm-up: cannot remove " + scratch + ": " + ex.getMessage(), ex);
        }
    }
}
