package org.eventpipe.chronicle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.agrona.DirectBuffer;
import org.eventpipe.bridge.FrameConsumer;
import org.eventpipe.bridge.FrameSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flow control over a queue: a sender is back-pressured once it is a window of queue bytes ahead of what its
 * receiver (in another "process": its own queue instance and mapping of the position file) has read, within a cycle
 * and across cycles, and goes on as soon as the receiver reads; a position left by an earlier receiver holds the
 * sender back only until the new receiver opens the queue; no window means Chronicle's own unbounded appending.
 */
final class ChronicleFlowControlTest
{
    private static final long START_MS = 1_767_225_600_000L;
    private static final int FRAME_LENGTH = 1000;
    private static final long WINDOW = 64 * 1024;

    @TempDir
    Path directory;

    private final SetTimeProvider clock = new SetTimeProvider(START_MS);
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private long framesRead;
    private final FrameConsumer counter = (final DirectBuffer buffer, final int offset, final int length) ->
        framesRead++;

    @AfterEach
    void close() throws Exception
    {
        for (int i = closeables.size() - 1; i >= 0; i--)
        {
            closeables.get(i).close();
        }
    }

    @Test
    void shouldBackPressureTheSenderAWindowAheadOfTheReceiverAndReleaseItWhenTheReceiverReads()
    {
        final ChronicleFrameSender sender = sender(WINDOW);
        final ChronicleFrameReceiver receiver = receiver();
        assertEquals(0, receiver.poll(counter, Integer.MAX_VALUE), "the receiver opens the queue");

        final int sent = sendUntilBackPressured(sender);
        assertTrue(sent * (long)FRAME_LENGTH >= WINDOW && (sent - 1) * (long)FRAME_LENGTH <= WINDOW + FRAME_LENGTH,
            "sent " + sent + " frames of " + FRAME_LENGTH + " bytes with a window of " + WINDOW);

        assertEquals(sent, receiver.poll(counter, Integer.MAX_VALUE));
        assertTrue(sendUntilBackPressured(sender) > sent / 2, "the sender goes on once the receiver has read");
    }

    @Test
    void shouldBoundTheLagAcrossCyclesByTwoWindows()
    {
        final ChronicleFrameSender sender = sender(WINDOW);
        final ChronicleFrameReceiver receiver = receiver();
        receiver.poll(counter, Integer.MAX_VALUE);
        assertTrue(claimAndCommit(sender) >= 0);
        assertEquals(1, receiver.poll(counter, 1), "the receiver has read the first frame of the first cycle");

        long sent = 1 + sendUntilBackPressured(sender);
        clock.advanceMillis(1000);
        sent += sendUntilBackPressured(sender);
        clock.advanceMillis(1000);
        assertEquals(FrameSender.BACK_PRESSURED, claimAndCommit(sender), "two cycles ahead of the receiver");

        assertTrue((sent - 1) * FRAME_LENGTH <= 2 * (WINDOW + 2L * FRAME_LENGTH), "sent " + sent);
        assertEquals(sent - 1, receiver.poll(counter, Integer.MAX_VALUE));
        assertTrue(claimAndCommit(sender) >= 0, "caught up");
    }

    @Test
    void shouldIgnoreThePositionOfAnEarlierReceiverOnceTheNewOneOpensTheQueue()
    {
        final ChronicleFrameSender sender = sender(WINDOW);
        try (ConsumerPosition stale = ConsumerPosition.map(directory))
        {
            stale.publish(1, 0);
        }
        assertTrue(claimAndCommit(sender) >= 0, "the sender learns its cycle from its first frame");
        assertEquals(FrameSender.BACK_PRESSURED, claimAndCommit(sender), "a receiver far behind holds it back");

        final ChronicleFrameReceiver receiver = receiver();
        assertEquals(1, receiver.poll(counter, Integer.MAX_VALUE), "the new receiver reads the first frame");
        assertTrue(sendUntilBackPressured(sender) > 0, "and publishes its own position");
    }

    @Test
    void shouldLetOneFrameThroughASecondWhileTheReceiversPositionStandsStill() throws InterruptedException
    {
        final ChronicleFrameSender sender = sender(WINDOW);
        receiver().poll(counter, Integer.MAX_VALUE);
        sendUntilBackPressured(sender);
        assertEquals(FrameSender.BACK_PRESSURED, claimAndCommit(sender));
        assertEquals(0, sender.probes());

        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(ChronicleFrameSender.PROBE_AFTER_NANOS) + 100);
        assertTrue(claimAndCommit(sender) >= 0, "a probe after the position stood still");
        assertEquals(FrameSender.BACK_PRESSURED, claimAndCommit(sender), "one frame, then held back again");
        assertEquals(1, sender.probes());
    }

    @Test
    void shouldNeverBackPressureWithoutAWindow()
    {
        final ChronicleFrameSender sender = sender(0);
        receiver().poll(counter, Integer.MAX_VALUE);
        for (int i = 0; i < 4 * WINDOW / FRAME_LENGTH; i++)
        {
            assertTrue(claimAndCommit(sender) >= 0, "frame " + i);
        }
    }

    @Test
    void shouldPackCycleAndOffsetIntoOneLong()
    {
        final long packed = ConsumerPosition.pack(1_767_225_600, 123_456_789_012L & ((1L << 33) - 1));
        assertEquals(1_767_225_600, ConsumerPosition.cycle(packed));
        assertEquals(123_456_789_012L & ((1L << 33) - 1), ConsumerPosition.offset(packed));
        assertEquals((1L << 33) - 1, ConsumerPosition.offset(ConsumerPosition.pack(7, Long.MAX_VALUE)));
        assertTrue(ConsumerPosition.NONE != ConsumerPosition.pack(1, 0));
    }

    private int sendUntilBackPressured(final ChronicleFrameSender sender)
    {
        int sent = 0;
        long result;
        while ((result = claimAndCommit(sender)) >= 0)
        {
            sent++;
            assertTrue(sent < 100_000, "never back-pressured");
        }
        assertEquals(FrameSender.BACK_PRESSURED, result);
        return sent;
    }

    private static long claimAndCommit(final ChronicleFrameSender sender)
    {
        final long result = sender.tryClaim(FRAME_LENGTH - ChronicleConfiguration.CHECKPOINT_LENGTH);
        if (result >= 0)
        {
            sender.commit();
        }
        return result;
    }

    private ChronicleFrameSender sender(final long window)
    {
        final ChronicleQueue queue = queue();
        final ConsumerPosition position = mapped();
        final ChronicleFrameSender sender = new ChronicleFrameSender(queue, "test", 1 << 20, position, window);
        closeables.add(sender);
        return sender;
    }

    private ChronicleFrameReceiver receiver()
    {
        final ChronicleQueue queue = queue();
        final ChronicleFrameReceiver receiver = new ChronicleFrameReceiver(queue, "test", false, mapped());
        closeables.add(receiver);
        return receiver;
    }

    private ConsumerPosition mapped()
    {
        final ConsumerPosition position = ConsumerPosition.map(directory);
        closeables.add(position);
        return position;
    }

    private ChronicleQueue queue()
    {
        final ChronicleQueue queue = SingleChronicleQueueBuilder.binary(directory)
            .rollCycle(SecondlyRollCycle.INSTANCE)
            .blockSize(1 << 20)
            .timeProvider(clock)
            .build();
        closeables.add(queue);
        return queue;
    }
}
