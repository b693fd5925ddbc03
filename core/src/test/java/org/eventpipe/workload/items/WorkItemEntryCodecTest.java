package org.eventpipe.workload.items;

import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;

import org.agrona.concurrent.UnsafeBuffer;
import org.eventpipe.model.Outcome;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.model.RejectReason;
import org.eventpipe.sbe.MessageHeaderEncoder;
import org.eventpipe.sbe.Stage;
import org.eventpipe.sbe.WorkItemBatchDecoder;
import org.eventpipe.sbe.WorkItemBatchEncoder;
import org.eventpipe.workload.EntryCodec;
import org.eventpipe.workload.Workloads;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class WorkItemEntryCodecTest
{
    private static final double[] SPECIALS = {
        Double.longBitsToDouble(0x7ff0000000000001L), Double.longBitsToDouble(0xfff8000000000123L), Double.NaN,
        -0.0, 0.0, Double.MIN_VALUE, -Double.MIN_NORMAL, Double.MAX_VALUE, Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY, 1e-310, -1234.567890 };

    private final EntryCodec codec = Workloads.named("work-items").entryCodec();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4 * 1024]);

    @Test
    void shouldBeTheWorkItemBatchGroupEntryOfTemplate8()
    {
        assertSame(WorkItemEntryCodec.INSTANCE, codec);
        assertEquals(8, codec.templateId());
        assertEquals(WorkItemBatchDecoder.TEMPLATE_ID, codec.templateId());
        assertEquals(WorkItemEntries.ENTRY_LENGTH, codec.entryLength());
        assertEquals(3 * Long.BYTES + (WorkItem.VECTOR_LENGTH + WorkItem.MATRIX_LENGTH) * Double.BYTES,
            codec.entryLength());
    }

    @Test
    void shouldRoundTripAnEntryBitForBitIncludingNanPayloadsAndSignedZeros()
    {
        final PipelineEvent source = eventWith(special(Long.MAX_VALUE), 123_456_789L, -42L);
        final int offset = 13;
        codec.encode(source, buffer, offset);
        assertEquals(123_456_789L, buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN), "the entry starts with the line");
        assertEquals(-42L, buffer.getLong(offset + Long.BYTES, ByteOrder.LITTLE_ENDIAN), "then the ingest stamp");

        final PipelineEvent decoded = new PipelineEvent().entry(new WorkItem());
        decoded.reject(RejectReason.MALFORMED_JSON);
        assertNull(codec.check(buffer, offset));
        codec.decode(buffer, offset, decoded);

        final WorkItem expected = (WorkItem)source.entry();
        final WorkItem actual = (WorkItem)decoded.entry();
        assertEquals(123_456_789L, decoded.lineNumber());
        assertEquals(-42L, decoded.ingestNanos());
        assertEquals(Outcome.ACCEPTED, decoded.outcome());
        assertNull(decoded.rejectReason());
        assertEquals(0, decoded.lineLength());
        assertEquals(Long.MAX_VALUE, actual.id());
        assertEquals(123_456_789L, actual.lineNumber());
        assertEquals(-42L, actual.ingestNanos());
        assertArrayEquals(rawBits(expected.vector()), rawBits(actual.vector()));
        assertArrayEquals(rawBits(expected.matrix()), rawBits(actual.matrix()));
        assertEquals(0xfff8000000000123L, Double.doubleToRawLongBits(actual.vector()[1]));
        assertEquals(0x8000000000000000L, Double.doubleToRawLongBits(actual.vector()[3]));
    }

    @Test
    void shouldWriteTheBytesTheGeneratedFlyweightWritesAndReadWhatItWrites()
    {
        final WorkItem item = special(77);
        item.lineNumber(9);
        item.ingestNanos(1_000);
        final WorkItemBatchEncoder encoder = new WorkItemBatchEncoder();
        encoder.wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).sender(Stage.PARSE).sequence(0)
            .eventCount(1);
        WorkItemEntries.encode(item, encoder.itemsCount(1).next());
        final int entryOffset = WorkItemEntries.batchLength(1) - codec.entryLength();
        final byte[] flyweightBytes = new byte[codec.entryLength()];
        buffer.getBytes(entryOffset, flyweightBytes);

        final PipelineEvent decoded = new PipelineEvent().entry(new WorkItem());
        codec.decode(buffer, entryOffset, decoded);
        final UnsafeBuffer other = new UnsafeBuffer(new byte[codec.entryLength()]);
        codec.encode(decoded, other, 0);

        assertArrayEquals(flyweightBytes, other.byteArray());
        assertEquals(9, decoded.lineNumber());
        assertEquals(1_000, decoded.ingestNanos());
        assertArrayEquals(rawBits(item.matrix()), rawBits(((WorkItem)decoded.entry()).matrix()));
    }

    @Test
    void shouldFindOnlyANegativeIdInvalid()
    {
        codec.encode(eventWith(special(0), 1, 1), buffer, 0);
        assertNull(codec.check(buffer, 0), "every double, NaN and infinities included, is a valid element");

        codec.encode(eventWith(special(-1), 1, 1), buffer, 0);
        assertEquals("work item id=-1 is negative", codec.check(buffer, 0));
    }

    @Test
    void shouldEncodeAndDecodeWithoutAllocating()
    {
        final PipelineEvent source = eventWith(special(5), 1, 2);
        final PipelineEvent decoded = new PipelineEvent().entry(new WorkItem());
        for (int round = 0; round < 20_000; round++)
        {
            roundTrip(source, decoded);
        }

        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        long leastAllocated = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 5; attempt++)
        {
            final long before = threads.getThreadAllocatedBytes(threadId);
            long ids = 0;
            for (int round = 0; round < 10_000; round++)
            {
                ids += roundTrip(source, decoded);
            }
            leastAllocated = Math.min(leastAllocated, threads.getThreadAllocatedBytes(threadId) - before);
            assertEquals(50_000, ids);
        }

        // the least of five measures: a compilation may allocate once, an allocation per entry would show every time
        final long allocated = leastAllocated;
        assertTrue(allocated < 1_024, () -> allocated + " bytes allocated for 10,000 entries encoded and decoded");
    }

    private long roundTrip(final PipelineEvent source, final PipelineEvent decoded)
    {
        codec.encode(source, buffer, 0);
        if (null != codec.check(buffer, 0))
        {
            return -1;
        }
        codec.decode(buffer, 0, decoded);
        return ((WorkItem)decoded.entry()).id();
    }

    private static PipelineEvent eventWith(final WorkItem item, final long lineNumber, final long ingestNanos)
    {
        final PipelineEvent event = new PipelineEvent().entry(item);
        event.lineNumber(lineNumber);
        event.ingestNanos(ingestNanos);
        event.outcome(Outcome.ACCEPTED);
        return event;
    }

    private static WorkItem special(final long id)
    {
        final WorkItem item = new WorkItem();
        item.id(id);
        for (int i = 0; i < WorkItem.VECTOR_LENGTH; i++)
        {
            item.vector()[i] = SPECIALS[i % SPECIALS.length];
            item.matrix()[i] = i % 2 == 0 ? -SPECIALS[(i + 5) % SPECIALS.length] : i * 0.1;
        }
        return item;
    }

    private static long[] rawBits(final double[] values)
    {
        final long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++)
        {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }
}
