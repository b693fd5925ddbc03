package org.eventpipe.stage;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.NoOpIdleStrategy;
import org.eventpipe.bridge.Edge;
import org.eventpipe.codec.FrameEncoder;
import org.eventpipe.codec.FrameType;
import org.eventpipe.codec.StageId;
import org.eventpipe.model.EventType;
import org.eventpipe.support.TestEvents;
import org.eventpipe.workload.events.EventEntryCodec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When {@link EventBatcher} sends: a full batch, a lingered batch, an explicit flush, and before a frame would grow
 * past the edge's frame length limit; never an empty frame, and every event once, in order.
 */
final class EventBatcherTest
{
    private static final long NO_LINGER = 0;
    private static final long LONG_LINGER_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final FrameEncoder encoder = new FrameEncoder();

    @Test
    void shouldSendWhenBatchIsFull()
    {
        final ScriptedFrameSender sender = new ScriptedFrameSender(1 << 16, 1 << 16);
        final EventBatcher batcher = keptBatcher(sender, 3, NO_LINGER);

        for (int line = 1; line <= 7; line++)
        {
            claimKept(batcher, line);
            batcher.flushIfFull();
        }

        final List<FrameLog.Frame> frames = FrameLog.decode(sender.frames());
        assertEquals(2, frames.size());
        assertEquals(List.of(1L, 2L, 3L), frames.get(0).lineNumbers());
        assertEquals(List.of(4L, 5L, 6L), frames.get(1).lineNumbers());
        assertEquals(1, batcher.size());
    }

    @Test
    void shouldSendFullBatchBeforeClaimingOneMore()
    {
        final ScriptedFrameSender sender = new ScriptedFrameSender(1 << 16, 1 << 16);
        final EventBatcher batcher = keptBatcher(sender, 3, NO_LINGER);

        for (int line = 1; line <= 3; line++)
        {
            claimKept(batcher, line);
        }
        assertEquals(0, sender.frames().size());
        claimKept(batcher, 4);

        final List<FrameLog.Frame> frames = FrameLog.decode(sender.frames());
        assertEquals(1, frames.size());
        assertEquals(FrameType.ENTRY_BATCH, frames.get(0).type());
        assertEquals(StageId.RULES, frames.get(0).sender());
        assertEquals(3, frames.get(0).eventCount());
        assertEquals(1, batcher.size());
    }

    @Test
    void shouldSendPartialBatchOnlyOnceItsLingerHasPassed()
    {
        final ScriptedFrameSender sender = new ScriptedFrameSender(1 << 16, 1 << 16);
        final EventBatcher batcher = keptBatcher(sender, 100, LONG_LINGER_NANOS);

        claimKept(batcher, 1);
        claimKept(batcher, 2);
        batcher.flushIfLingered(System.nanoTime());
        assertEquals(0, sender.frames().size());

        batcher.flushIfLingered(System.nanoTime() + LONG_LINGER_NANOS);
        batcher.flushIfLingered(System.nanoTime() + 2 * LONG_LINGER_NANOS);

        final List<FrameLog.Frame> frames = FrameLog.decode(sender.frames());
        assertEquals(1, frames.size());
        assertEquals(List.of(1L, 2L), frames.get(0).lineNumbers());
        assertEquals(0, batcher.size());
    }

    @Test
    void shouldNeverSendOnLingerWhenLingerIsDisabled()
    {
        final ScriptedFrameSender sender = new ScriptedFrameSender(1 << 16, 1 << 16);
        final EventBatcher batcher = keptBatcher(sender, 100, NO_LINGER);

        claimKept(batcher, 1);
        batcher.flushIfLingered(Long.MAX_VALUE);

        assertEquals(0, sender.frames().size());
        assertEquals(1, batcher.size());
    }

    @Test
    void shouldSendPartialBatchOnFlushAndNothingWhenEmpty()
    {
        final ScriptedFrameSender sender = new ScriptedFrameSender(1 << 16, 1 << 16);
        final EventBatcher batcher = keptBatcher(sender, 100, NO_LINGER);

        batcher.flush();
        assertEquals(0, sender.frames().size());

        claimKept(batcher, 1);
        batcher.flush();
        batcher.flush();
        claimKept(batcher, 2);
        claimKept(batcher, 3);
        batcher.flush();

        final List<FrameLog.Frame> frames = FrameLog.decode(sender.frames());
        assertEquals(2, frames.size());
        assertEquals(List.of(1L), frames.get(0).lineNumbers());
        assertEquals(List.of(2L, 3L), frames.get(1).lineNumbers());
        assertEquals(0, frames.get(0).sequence());
        assertEquals(1, frames.get(1).sequence());
    }

    @Test
    void shouldSendBeforeFrameWouldExceedTheEdgeFrameLength()
    {
        final int lineLength = 100;
        final int maxFrameLength = FrameEncoder.rawLineBatchLength(2, 2 * lineLength) + lineLength / 2;
        final ScriptedFrameSender sender = new ScriptedFrameSender(maxFrameLength, maxFrameLength);
        final EdgePublisher publisher = publisher(sender, Edge.INGEST_TO_PARSE);
        final EventBatcher batcher = new EventBatcher(EventBatcher.Kind.RAW_LINES, StageId.INGEST, publisher, encoder,
            100, NO_LINGER);
        final byte[] line = "x".repeat(lineLength).getBytes(StandardCharsets.US_ASCII);

        for (int lineNumber = 1; lineNumber <= 5; lineNumber++)
        {
            batcher.claim(lineLength).setLine(line, 0, lineLength, 1024, lineNumber);
        }
        assertEquals(2, sender.frames().size());
        assertEquals(1, batcher.size());
        batcher.flush();

        final List<FrameLog.Frame> frames = FrameLog.decode(sender.frames());
        assertEquals(List.of(1L, 2L), frames.get(0).lineNumbers());
        assertEquals(List.of(3L, 4L), frames.get(1).lineNumbers());
        assertEquals(List.of(5L), frames.get(2).lineNumbers());
        for (final byte[] frame : sender.frames())
        {
            assertTrue(frame.length <= maxFrameLength, frame.length + " > " + maxFrameLength);
        }
    }

    private EventBatcher keptBatcher(final ScriptedFrameSender sender, final int maxEvents, final long lingerNanos)
    {
        return new EventBatcher(EventBatcher.Kind.ENTRIES, StageId.RULES, publisher(sender, Edge.RULES_TO_AGGREGATE),
            encoder, maxEvents, lingerNanos,
            EventEntryCodec.INSTANCE);
    }

    private static EdgePublisher publisher(final ScriptedFrameSender sender, final Edge edge)
    {
        return new EdgePublisher("test", edge, sender, new NoOpIdleStrategy(), 1_000, new StageMetricsRecorder());
    }

    @Test
    void shouldOfferAnEntryBatchTooLongToClaimFromItsOwnBufferWithTheSameBytesAsAClaimedOne()
    {
        final ScriptedFrameSender claiming = new ScriptedFrameSender(1 << 16, 1 << 16);
        final ScriptedFrameSender offering = new ScriptedFrameSender(64, 1 << 16);
        final EventBatcher claimed = keptBatcher(claiming, 100, NO_LINGER);
        final EventBatcher offered = keptBatcher(offering, 100, NO_LINGER);
        for (int round = 0; round < 2; round++)
        {
            for (int line = 1; line <= 40; line++)
            {
                claimKept(claimed, round * 100 + line);
                claimKept(offered, round * 100 + line);
            }
            claimed.flush();
            offered.flush();
        }

        assertEquals(2, offering.frames().size());
        assertEquals(0, offering.claimAttempts(), "frames of 40 entries are longer than a 64 byte claim");
        for (int i = 0; i < 2; i++)
        {
            assertArrayEquals(withoutCommitTime(claiming.frames().get(i)), withoutCommitTime(offering.frames().get(i)),
                "frame " + i + ", but for the time each was committed");
        }
        assertEquals(List.of(1L, 40L), List.of(FrameLog.decode(offering.frames()).get(0).lineNumbers().get(0),
            FrameLog.decode(offering.frames()).get(0).lineNumbers().get(39)));
        assertEquals(1L, FrameLog.decode(offering.frames()).get(1).sequence(), "the second frame's own sequence");
    }

    private static void claimKept(final EventBatcher batcher, final long lineNumber)
    {
        batcher.append(TestEvents.decoded(lineNumber, 0, 7, EventType.CLICK, 3, 1_700_000_000_000L));
    }

    private static byte[] withoutCommitTime(final byte[] frame)
    {
        final byte[] copy = frame.clone();
        java.util.Arrays.fill(copy, FrameEncoder.COMMIT_NANOS_OFFSET, FrameEncoder.COMMIT_NANOS_OFFSET + Long.BYTES,
            (byte)0);
        return copy;
    }
}
