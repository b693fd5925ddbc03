package org.eventpipe.chronicle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.agrona.DirectBuffer;
import org.eventpipe.recovery.StageCheckpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deleting consumed queue files: with a one-second roll cycle and a clock the test moves, one frame per cycle; the
 * receiver deletes the files of the cycles before the position it is told it may release, never the file of that
 * position's cycle, and nothing when deletion is off. Frames are read in place, so their first byte identifies them.
 */
final class ChronicleFrameReceiverTest
{
    private static final long START_MS = 1_767_225_600_000L;
    private static final int FRAMES = 4;

    @TempDir
    Path directory;

    private final SetTimeProvider clock = new SetTimeProvider(START_MS);
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void close() throws Exception
    {
        for (int i = closeables.size() - 1; i >= 0; i--)
        {
            closeables.get(i).close();
        }
    }

    @Test
    void shouldDeleteOnlyTheFilesOfCyclesBeforeTheReleasedPosition() throws IOException
    {
        writeOneFramePerCycle();
        final ChronicleFrameReceiver receiver = receiver(true);
        final List<Long> positions = readAll(receiver);
        assertEquals(FRAMES, queueFiles().size());

        receiver.releaseBefore(positions.get(0));
        assertEquals(FRAMES, queueFiles().size(), "the released position's own cycle stays");

        receiver.releaseBefore(positions.get(2));
        final List<String> left = queueFiles();
        assertEquals(FRAMES - 2, left.size(), left.toString());

        final ChronicleFrameReceiver restarted = receiver(true);
        assertTrue(restarted.seek(positions.get(2)));
        assertEquals(List.of(2, 3), frameIds(restarted));
    }

    @Test
    void shouldIgnoreTheNullPosition() throws IOException
    {
        writeOneFramePerCycle();
        final ChronicleFrameReceiver receiver = receiver(true);
        readAll(receiver);

        receiver.releaseBefore(StageCheckpoint.NULL_POSITION);

        assertEquals(FRAMES, queueFiles().size());
    }

    @Test
    void shouldDeleteNothingWhenDeletionIsOff() throws IOException
    {
        writeOneFramePerCycle();
        final ChronicleFrameReceiver receiver = receiver(false);
        final List<Long> positions = readAll(receiver);

        receiver.releaseBefore(positions.get(FRAMES - 1));

        assertEquals(FRAMES, queueFiles().size());
    }

    @Test
    void shouldResolveTheSecondlyRollCycleByName()
    {
        assertEquals(SecondlyRollCycle.INSTANCE, ChronicleConfiguration.rollCycle(Map.of()));
        assertEquals(RollCycles.FAST_DAILY, ChronicleConfiguration.rollCycle(
            Map.of(ChronicleConfiguration.ROLL_CYCLE_PROP_NAME, "FAST_DAILY")));
        assertEquals(1000, SecondlyRollCycle.INSTANCE.lengthInMillis());
    }

    private void writeOneFramePerCycle()
    {
        final ChronicleFrameSender sender = new ChronicleFrameSender(queue(), "test", 1 << 20, null, 0);
        closeables.add(sender);
        for (int i = 0; i < FRAMES; i++)
        {
            assertTrue(sender.tryClaim(8) >= 0);
            sender.claimBuffer().putByte(sender.claimOffset(), (byte)i);
            sender.commit();
            clock.advanceMillis(1000);
        }
    }

    private ChronicleFrameReceiver receiver(final boolean deleteConsumed)
    {
        final ChronicleFrameReceiver receiver = new ChronicleFrameReceiver(queue(), "test", deleteConsumed, null);
        closeables.add(receiver);
        return receiver;
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

    private static List<Long> readAll(final ChronicleFrameReceiver receiver)
    {
        final List<Long> positions = new ArrayList<>();
        int polls = 0;
        while (polls++ <= FRAMES && receiver.poll((final DirectBuffer buffer, final int offset, final int length) ->
            positions.add(receiver.framePosition()), 1) > 0)
        {
            assertEquals(polls - 1, positions.indexOf(receiver.framePosition()));
        }
        assertEquals(FRAMES, positions.size());
        return positions;
    }

    private static List<Integer> frameIds(final ChronicleFrameReceiver receiver)
    {
        final List<Integer> ids = new ArrayList<>();
        int polls = 0;
        while (polls++ <= FRAMES && receiver.poll((final DirectBuffer buffer, final int offset, final int length) ->
            ids.add((int)buffer.getByte(offset)), 1) > 0)
        {
            assertEquals(polls, ids.size());
        }
        return ids;
    }

    private List<String> queueFiles() throws IOException
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.map((file) -> file.getFileName().toString()).filter((name) -> name.endsWith(".cq4"))
                .sorted().collect(Collectors.toList());
        }
    }
}
