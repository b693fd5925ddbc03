package org.eventpipe.workload.items;

import java.lang.management.ManagementFactory;

import java.nio.ByteOrder;
import java.util.SplittableRandom;

import org.agrona.concurrent.UnsafeBuffer;
import org.eventpipe.codec.CorruptFrameException;
import org.eventpipe.codec.CorruptFrameException.Reason;
import org.eventpipe.codec.FrameEncoder;
import org.eventpipe.sbe.MessageHeaderDecoder;
import org.eventpipe.sbe.MessageHeaderEncoder;
import org.eventpipe.sbe.Stage;
import org.eventpipe.sbe.WorkItemBatchDecoder;
import org.eventpipe.sbe.WorkItemBatchEncoder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class WorkItemEntriesTest
{
    private static final int OFFSET = 16;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[OFFSET + WorkItemEntries.batchLength(100)]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final WorkItemBatchEncoder encoder = new WorkItemBatchEncoder();
    private final WorkItemBatchDecoder decoder = new WorkItemBatchDecoder();

    @Test
    void shouldRoundTripItemsBitForBitThroughAFrame()
    {
        final WorkItem[] items = { new WorkItem(), new WorkItem(), new WorkItem() };
        final double[] specials = {
            -0.0, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MIN_NORMAL, Double.NaN,
            Double.longBitsToDouble(0x7ff8_0000_0000_0123L), Double.POSITIVE_INFINITY, 0.1 };
        for (int n = 0; n < items.length; n++)
        {
            final WorkItem item = items[n];
            item.id(n == 2 ? Long.MAX_VALUE : n * 1_000_003L);
            item.lineNumber(10 + n);
            item.ingestNanos(-5 + n);
            for (int i = 0; i < 64; i++)
            {
                item.vector()[i] = specials[(i + n) % specials.length] * (i + 1);
                item.matrix()[i] = i == 0 ? specials[(n + 4) % specials.length] : n - i / 3.0;
            }
        }

        final int length = encode(items, items.length);

        assertEquals(WorkItemEntries.batchLength(3), length);
        headerDecoder.wrap(buffer, OFFSET);
        assertEquals(WorkItemBatchDecoder.TEMPLATE_ID, headerDecoder.templateId());
        assertEquals(WorkItemBatchDecoder.SCHEMA_ID, headerDecoder.schemaId());
        decoder.wrap(buffer, OFFSET + headerDecoder.encodedLength(), headerDecoder.blockLength(),
            headerDecoder.version());
        assertEquals(Stage.PARSE, decoder.sender());
        assertEquals(77, decoder.sequence());
        assertEquals(3, decoder.eventCount());
        final WorkItemBatchDecoder.ItemsDecoder entries = decoder.items();
        assertEquals(3, entries.count());
        final WorkItem decoded = new WorkItem();
        for (final WorkItem expected : items)
        {
            assertTrue(entries.hasNext());
            WorkItemEntries.decode(entries.next(), decoded);
            assertEquals(expected.id(), decoded.id());
            assertEquals(expected.lineNumber(), decoded.lineNumber());
            assertEquals(expected.ingestNanos(), decoded.ingestNanos());
            for (int i = 0; i < 64; i++)
            {
                assertEquals(Double.doubleToRawLongBits(expected.vector()[i]),
                    Double.doubleToRawLongBits(decoded.vector()[i]), "vector " + i);
                assertEquals(Double.doubleToRawLongBits(expected.matrix()[i]),
                    Double.doubleToRawLongBits(decoded.matrix()[i]), "matrix " + i);
            }
        }
        assertFalse(entries.hasNext());
        assertEquals(OFFSET + length, decoder.limit());
    }

    @Test
    void shouldAcceptAWellFormedBatchAndRejectEachKindOfCorruptionNamingIt()
    {
        final int body = OFFSET + MessageHeaderEncoder.ENCODED_LENGTH;
        final int group = body + WorkItemBatchEncoder.BLOCK_LENGTH;
        final int blockLength = WorkItemBatchEncoder.BLOCK_LENGTH;
        final WorkItem[] items = { new WorkItem(), new WorkItem(), new WorkItem() };
        final int end = OFFSET + encode(items, 3);

        assertEquals(3, WorkItemEntries.checkBatch(buffer, body, end, blockLength));
        assertEquals(0, WorkItemEntries.checkBatch(buffer, body, OFFSET + encode(items, 0), blockLength));

        encode(items, 3);
        assertCorrupt(Reason.BAD_BLOCK_LENGTH, body, end, blockLength + 1);
        assertCorrupt(Reason.TRUNCATED, body, body + 5, blockLength);
        assertCorrupt(Reason.TRUNCATED, body, end - 1, blockLength);
        assertCorrupt(Reason.TRAILING_BYTES, body, end + 1, blockLength);
        buffer.putByte(body, (byte)99);
        assertCorrupt(Reason.UNKNOWN_STAGE, body, end, blockLength);
        encode(items, 3);
        buffer.putLong(body + 1, -1, ByteOrder.LITTLE_ENDIAN);
        assertCorrupt(Reason.BAD_FIELD_VALUE, body, end, blockLength);
        encode(items, 3);
        buffer.putShort(group, (short)(WorkItemEntries.ENTRY_LENGTH - 8), ByteOrder.LITTLE_ENDIAN);
        assertCorrupt(Reason.BAD_GROUP_BLOCK_LENGTH, body, end, blockLength);
        encode(items, 3);
        buffer.putInt(body + 9, 2, ByteOrder.LITTLE_ENDIAN);
        assertCorrupt(Reason.EVENT_COUNT_MISMATCH, body, end, blockLength);
        buffer.putShort(group + 2, (short)0xFFFF, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(body + 9, 0xFFFF, ByteOrder.LITTLE_ENDIAN);
        assertCorrupt(Reason.BAD_GROUP_COUNT, body, end, blockLength);
    }

    @Test
    void shouldEitherRejectARandomlyCorruptedFrameOrDecodeItExactlyToItsEnd()
    {
        final SplittableRandom random = new SplittableRandom(5);
        final WorkItem[] items = { new WorkItem(), new WorkItem(), new WorkItem(), new WorkItem(), new WorkItem() };
        final WorkItem decoded = new WorkItem();
        final int body = OFFSET + MessageHeaderEncoder.ENCODED_LENGTH;
        final int fixedPart = MessageHeaderEncoder.ENCODED_LENGTH + WorkItemBatchEncoder.BLOCK_LENGTH + 4;
        int accepted = 0;
        int corrupt = 0;
        for (int i = 0; i < 20_000; i++)
        {
            final int length = encode(items, random.nextInt(items.length + 1));
            for (int flips = random.nextInt(3); flips > 0; flips--)
            {
                final int at = OFFSET + (random.nextBoolean() ? random.nextInt(fixedPart) : random.nextInt(length));
                buffer.putByte(at, (byte)(buffer.getByte(at) ^ (1 << random.nextInt(8))));
            }
            final int end = OFFSET + (random.nextInt(4) == 0 ? random.nextInt(length + 16) : length);
            headerDecoder.wrap(buffer, OFFSET);
            try
            {
                final int count = WorkItemEntries.checkBatch(buffer, body, end, headerDecoder.blockLength());
                decoder.wrap(buffer, body, headerDecoder.blockLength(), MessageHeaderDecoder.SCHEMA_VERSION);
                int seen = 0;
                for (final WorkItemBatchDecoder.ItemsDecoder entry : decoder.items())
                {
                    WorkItemEntries.decode(entry, decoded);
                    seen++;
                }
                assertEquals(count, seen);
                assertEquals(end, decoder.limit(), "decoding ends exactly at the frame's end");
                accepted++;
            }
            catch (final CorruptFrameException ex)
            {
                corrupt++;
            }
        }
        assertTrue(accepted > 1_000 && corrupt > 1_000, accepted + " accepted, " + corrupt + " corrupt");
    }

    @Test
    void shouldStartTheBodyWithTheFieldsEveryMessageSharesSoFramesCanBeForwarded()
    {
        assertEquals(FrameEncoder.SENDER_OFFSET,
            MessageHeaderEncoder.ENCODED_LENGTH + WorkItemBatchEncoder.senderEncodingOffset());
        assertEquals(FrameEncoder.SEQUENCE_OFFSET,
            MessageHeaderEncoder.ENCODED_LENGTH + WorkItemBatchEncoder.sequenceEncodingOffset());
        assertEquals(FrameEncoder.EVENT_COUNT_OFFSET,
            MessageHeaderEncoder.ENCODED_LENGTH + WorkItemBatchEncoder.eventCountEncodingOffset());
        assertEquals(8 + 8 + 8 + 64 * 8 + 64 * 8, WorkItemEntries.ENTRY_LENGTH);
        assertEquals(65_534, WorkItemEntries.MAX_ITEMS_PER_FRAME);
    }

    @Test
    void shouldAllocateNothingEncodingAndDecoding()
    {
        final WorkItem[] items = new WorkItem[100];
        for (int n = 0; n < items.length; n++)
        {
            items[n] = new WorkItem();
            items[n].id(n);
            items[n].vector()[n % 64] = n;
        }
        final WorkItem decoded = new WorkItem();
        for (int round = 0; round < 200; round++)
        {
            roundTrip(items, decoded);
        }

        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(threadId);
        long ids = 0;
        for (int round = 0; round < 100; round++)
        {
            ids += roundTrip(items, decoded);
        }
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertEquals(100L * (99 * 100 / 2), ids);
        assertTrue(allocated < 1_024, () -> allocated + " bytes allocated for 10,000 items encoded and decoded");
    }

    private void assertCorrupt(final Reason reason, final int body, final int end, final int blockLength)
    {
        final CorruptFrameException ex = assertThrows(
            CorruptFrameException.class, () -> WorkItemEntries.checkBatch(buffer, body, end, blockLength));
        assertEquals(reason, ex.reason(), ex.getMessage());
    }

    private long roundTrip(final WorkItem[] items, final WorkItem decoded)
    {
        encode(items, items.length);
        headerDecoder.wrap(buffer, OFFSET);
        decoder.wrap(buffer, OFFSET + headerDecoder.encodedLength(), headerDecoder.blockLength(),
            headerDecoder.version());
        long ids = 0;
        for (final WorkItemBatchDecoder.ItemsDecoder entry : decoder.items())
        {
            WorkItemEntries.decode(entry, decoded);
            ids += decoded.id();
        }
        return ids;
    }

    private int encode(final WorkItem[] items, final int count)
    {
        encoder.wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sender(Stage.PARSE)
            .sequence(77)
            .eventCount(count);
        final WorkItemBatchEncoder.ItemsEncoder entries = encoder.itemsCount(count);
        for (int i = 0; i < count; i++)
        {
            WorkItemEntries.encode(items[i], entries.next());
        }
        return encoder.limit() - OFFSET;
    }
}
