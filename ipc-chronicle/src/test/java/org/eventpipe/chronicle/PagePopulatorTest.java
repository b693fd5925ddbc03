package org.eventpipe.chronicle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PagePopulator}: when it calls the kernel and over which range, against a recording fake; then a real queue
 * in {@code /dev/shm} written through a populating sender, with the real system call, read back byte for byte.
 */
final class PagePopulatorTest
{
    private static final long BASE = 0x7f00_0000_0000L;
    private static final long AHEAD = 64 * 1024;

    private final List<long[]> calls = new ArrayList<>();
    private final Object chunk = new Object();
    private Path queueDirectory;

    @AfterEach
    void deleteQueue() throws IOException
    {
        if (null != queueDirectory)
        {
            try (Stream<Path> files = Files.walk(queueDirectory))
            {
                files.sorted((a, b) -> b.compareTo(a)).forEach((file) -> file.toFile().delete());
            }
        }
    }

    @Test
    void shouldPopulateFromThePageOfTheWriteToAheadBytesFurther()
    {
        final PagePopulator populator = recording(0);

        populator.beforeWrite(chunk, 1 << 30, 5000, BASE + 5000, 100);

        assertEquals(1, calls.size());
        assertCall(calls.get(0), BASE + 4096, 5000 - 4096 + AHEAD);
        assertEquals(5000 - 4096 + AHEAD, populator.populatedBytes());
    }

    @Test
    void shouldCallAgainOnlyWhenAWriteCrossesThePopulatedEnd()
    {
        final PagePopulator populator = recording(0);
        populator.beforeWrite(chunk, 1 << 30, 0, BASE, 100);

        populator.beforeWrite(chunk, 1 << 30, 100, BASE + 100, 1000);
        populator.beforeWrite(chunk, 1 << 30, AHEAD - 200, BASE + AHEAD - 200, 200);
        assertEquals(1, calls.size(), "writes within the populated range");

        populator.beforeWrite(chunk, 1 << 30, AHEAD - 100, BASE + AHEAD - 100, 200);
        assertEquals(2, calls.size());
        assertCall(calls.get(1), BASE + AHEAD - 4096, 4096 - 100 + AHEAD);
    }

    @Test
    void shouldStartAfreshInANewChunkOrFile()
    {
        final PagePopulator populator = recording(0);
        populator.beforeWrite(chunk, 1 << 30, 0, BASE, 100);

        final long otherBase = BASE + (1L << 32);
        populator.beforeWrite(new Object(), 1 << 30, 200, otherBase + 200, 100);

        assertEquals(2, calls.size());
        assertCall(calls.get(1), otherBase, 200 + AHEAD);
    }

    @Test
    void shouldStopAtTheEndOfTheMappedChunk()
    {
        final PagePopulator populator = recording(0);

        populator.beforeWrite(chunk, 10_000, 8192, BASE + 8192, 100);
        populator.beforeWrite(chunk, 10_000, 9000, BASE + 9000, 100);

        assertEquals(1, calls.size());
        assertCall(calls.get(0), BASE + 8192, 10_000 - 8192);
    }

    @Test
    void shouldCoverAWriteLongerThanTheAheadBytes()
    {
        final PagePopulator populator = recording(0);

        populator.beforeWrite(chunk, 1 << 30, 0, BASE, (int)(3 * AHEAD));

        assertCall(calls.get(0), BASE, 3 * AHEAD);
    }

    @Test
    void shouldStopCallingWhenTheKernelDoesNotSupportTheAdvice()
    {
        final PagePopulator populator = recording(22);

        populator.beforeWrite(chunk, 1 << 30, 0, BASE, 100);
        populator.beforeWrite(new Object(), 1 << 30, 0, BASE, 100);

        assertEquals(1, calls.size());
        assertTrue(populator.disabled());
        assertEquals(0, populator.populatedBytes());
    }

    @Test
    void shouldSkipARangeWithoutSpaceAndGoOn()
    {
        final PagePopulator populator = recording(14);

        populator.beforeWrite(chunk, 1 << 30, 0, BASE, 100);
        populator.beforeWrite(chunk, 1 << 30, 10, BASE + 10, 100);
        populator.beforeWrite(chunk, 1 << 30, AHEAD, BASE + AHEAD, 100);

        assertEquals(2, calls.size(), "the next range is tried, the skipped one is not retried");
        assertFalse(populator.disabled());
        assertEquals(2, populator.failedCalls());
        assertEquals(0, populator.populatedBytes());
    }

    @Test
    void shouldRefuseLessThanAPageAhead()
    {
        assertThrows(IllegalArgumentException.class, () -> new PagePopulator(4095, (a, l, advice) -> 0, "q"));
        assertThrows(IllegalArgumentException.class, () -> ChronicleConfiguration.populateAheadBytes(
            java.util.Map.of(ChronicleConfiguration.POPULATE_AHEAD_PROP_NAME, "100")));
        assertEquals(0, ChronicleConfiguration.populateAheadBytes(
            java.util.Map.of(ChronicleConfiguration.POPULATE_AHEAD_PROP_NAME, "0")));
        assertEquals(ChronicleConfiguration.POPULATE_AHEAD_DEFAULT,
            ChronicleConfiguration.populateAheadBytes(java.util.Map.of()));
    }

    @Test
    void shouldPopulateARealQueueThatReadsBackByteForByte() throws IOException
    {
        queueDirectory = Files.createTempDirectory(Path.of("/dev/shm"), "eventpipe-test-populate-");
        final int frames = 600;
        final int frameLength = 3000;
        final PagePopulator populator = PagePopulator.posix(AHEAD, "test queue");
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.binary(queueDirectory).blockSize(1 << 20).build();
            ChronicleFrameSender sender = new ChronicleFrameSender(queue, "test", 1 << 20, null, 0, populator);
            ChronicleFrameReceiver receiver = new ChronicleFrameReceiver(queue, "test", false, null))
        {
            for (int i = 0; i < frames; i++)
            {
                assertTrue(sender.tryClaim(frameLength) >= 0);
                for (int b = 0; b < frameLength; b++)
                {
                    sender.claimBuffer().putByte(sender.claimOffset() + b, (byte)(i * 31 + b));
                }
                sender.commit();
            }

            final byte[] expected = new byte[frameLength];
            final byte[] actual = new byte[frameLength];
            final int[] read = new int[1];
            while (receiver.poll((final DirectBuffer buffer, final int offset, final int length) ->
            {
                assertEquals(frameLength, length);
                for (int b = 0; b < frameLength; b++)
                {
                    expected[b] = (byte)(read[0] * 31 + b);
                }
                buffer.getBytes(offset, actual);
                assertArrayEquals(expected, actual, "frame " + read[0]);
                read[0]++;
            }, 16) > 0)
            {
                assertTrue(read[0] <= frames);
            }
            assertEquals(frames, read[0]);
        }
        assertFalse(populator.disabled(), "the kernel populated the pages (MADV_POPULATE_WRITE, Linux 5.14)");
        assertTrue(populator.calls() >= (long)frames * frameLength / AHEAD / 2,
            "one call per " + AHEAD + " bytes written or so: " + populator.calls());
    }

    private PagePopulator recording(final int error)
    {
        return new PagePopulator(AHEAD, (address, length, advice) ->
        {
            assertEquals(PagePopulator.MADV_POPULATE_WRITE, advice);
            calls.add(new long[]{ address, length });
            return error;
        }, "test queue");
    }

    private static void assertCall(final long[] call, final long address, final long length)
    {
        assertEquals(address, call[0], "address");
        assertEquals(length, call[1], "length");
    }
}
