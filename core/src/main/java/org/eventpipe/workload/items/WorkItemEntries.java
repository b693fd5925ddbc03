package org.eventpipe.workload.items;

import org.agrona.DirectBuffer;
import org.eventpipe.codec.CorruptFrameException;
import org.eventpipe.codec.CorruptFrameException.Reason;
import org.eventpipe.codec.StageId;
import org.eventpipe.sbe.MessageHeaderDecoder;
import org.eventpipe.sbe.MessageHeaderEncoder;
import org.eventpipe.sbe.WorkItemBatchDecoder;
import org.eventpipe.sbe.WorkItemBatchEncoder;

/**
 * Copies work items to and from the entries of a {@code WorkItemBatch} frame with the generated SBE flyweights. The
 * same message carries parsed items (parse to rules) and kept items (rules to aggregate). Doubles travel as their
 * IEEE bits, so an item comes back bit-for-bit, NaN payloads, signed zeros and subnormals included. Allocates
 * nothing.
 * <p>
 * Use: {@code encoder.itemsCount(n)} then, for each item, {@code encode(item, items.next())}; and on the receiving
 * side, after {@link #checkBatch} has accepted the body, for each {@code entry} of {@code decoder.items()},
 * {@code decode(entry, item)}.
 */
public final class WorkItemEntries
{
    /** Bytes of one entry: line number, ingest stamp, id, 64 vector and 64 matrix doubles. */
    public static final int ENTRY_LENGTH = WorkItemBatchEncoder.ItemsEncoder.sbeBlockLength();

    /** Most items a frame can hold: the group count is a uint16 and SBE keeps 65535 as its null value. */
    public static final int MAX_ITEMS_PER_FRAME = WorkItemBatchEncoder.ItemsEncoder.countMaxValue();

    private static final int GROUP_HEADER_LENGTH = WorkItemBatchEncoder.ItemsEncoder.HEADER_SIZE;
    private static final int BLOCK_LENGTH = WorkItemBatchDecoder.BLOCK_LENGTH;
    private static final int SENDER_OFFSET = WorkItemBatchDecoder.senderEncodingOffset();
    private static final int SEQUENCE_OFFSET = WorkItemBatchDecoder.sequenceEncodingOffset();
    private static final int EVENT_COUNT_OFFSET = WorkItemBatchDecoder.eventCountEncodingOffset();

    private WorkItemEntries()
    {
    }

    /**
     * Length of a {@code WorkItemBatch} frame.
     *
     * @param count of items in the batch.
     * @return the frame length in bytes, message header included.
     */
    public static int batchLength(final int count)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + WorkItemBatchEncoder.BLOCK_LENGTH + GROUP_HEADER_LENGTH +
            count * ENTRY_LENGTH;
    }

    /**
     * Write an item into the current entry of a batch.
     *
     * @param item  to write.
     * @param entry positioned on the entry, by {@code next()}.
     */
    public static void encode(final WorkItem item, final WorkItemBatchEncoder.ItemsEncoder entry)
    {
        entry.lineNumber(item.lineNumber())
            .ingestNanos(item.ingestNanos())
            .id(item.id());
        final double[] vector = item.vector();
        for (int i = 0; i < WorkItem.VECTOR_LENGTH; i++)
        {
            entry.vector(i, vector[i]);
        }
        final double[] matrix = item.matrix();
        for (int i = 0; i < WorkItem.MATRIX_LENGTH; i++)
        {
            entry.matrix(i, matrix[i]);
        }
    }

    /**
     * Read the current entry of a batch into an item.
     *
     * @param entry positioned on the entry, by {@code next()}.
     * @param item  to fill: every field is overwritten.
     */
    public static void decode(final WorkItemBatchDecoder.ItemsDecoder entry, final WorkItem item)
    {
        item.lineNumber(entry.lineNumber());
        item.ingestNanos(entry.ingestNanos());
        item.id(entry.id());
        final double[] vector = item.vector();
        for (int i = 0; i < WorkItem.VECTOR_LENGTH; i++)
        {
            vector[i] = entry.vector(i);
        }
        final double[] matrix = item.matrix();
        for (int i = 0; i < WorkItem.MATRIX_LENGTH; i++)
        {
            matrix[i] = entry.matrix(i);
        }
    }

    /**
     * Check the body of a {@code WorkItemBatch} frame before any entry is decoded, as the frame decoder checks the
     * event batches: the root block length, a known sender, a non-negative sequence, the group's entry length, a
     * group count within the format and equal to the event count, and a frame that ends exactly after the last
     * entry. The message header (schema, version, template) is the caller's to check. Allocates nothing unless the
     * frame is corrupt.
     *
     * @param buffer      holding the frame.
     * @param body        offset of the body, just after the message header.
     * @param end         offset just after the frame's last byte.
     * @param blockLength root block length from the message header.
     * @return the number of items in the batch.
     * @throws CorruptFrameException naming what is wrong, if the body is not a valid batch.
     */
    public static int checkBatch(final DirectBuffer buffer, final int body, final int end, final int blockLength)
    {
        if (blockLength != BLOCK_LENGTH)
        {
            throw new CorruptFrameException(
                Reason.BAD_BLOCK_LENGTH, "WorkItemBatch blockLength=" + blockLength + ", expected " + BLOCK_LENGTH);
        }
        if (BLOCK_LENGTH + GROUP_HEADER_LENGTH > end - body)
        {
            throw new CorruptFrameException(
                Reason.TRUNCATED, "WorkItemBatch block and group header need " + (BLOCK_LENGTH + GROUP_HEADER_LENGTH) +
                " bytes, frame body has " + (end - body));
        }
        final int senderCode = buffer.getByte(body + SENDER_OFFSET) & 0xFF;
        if (null == StageId.fromCode(senderCode))
        {
            throw new CorruptFrameException(Reason.UNKNOWN_STAGE, "sender code=" + senderCode);
        }
        final long sequence = buffer.getLong(body + SEQUENCE_OFFSET, MessageHeaderDecoder.BYTE_ORDER);
        if (sequence < 0)
        {
            throw new CorruptFrameException(Reason.BAD_FIELD_VALUE, "sequence=" + sequence + " is negative");
        }
        final int eventCount = buffer.getInt(body + EVENT_COUNT_OFFSET, MessageHeaderDecoder.BYTE_ORDER);

        final int groupStart = body + BLOCK_LENGTH;
        final int entryLength = buffer.getShort(groupStart, MessageHeaderDecoder.BYTE_ORDER) & 0xFFFF;
        final int count = buffer.getShort(groupStart + 2, MessageHeaderDecoder.BYTE_ORDER) & 0xFFFF;
        if (entryLength != ENTRY_LENGTH)
        {
            throw new CorruptFrameException(
                Reason.BAD_GROUP_BLOCK_LENGTH, "group items blockLength=" + entryLength + ", expected " + ENTRY_LENGTH);
        }
        if (count > MAX_ITEMS_PER_FRAME)
        {
            throw new CorruptFrameException(
                Reason.BAD_GROUP_COUNT, "group items numInGroup=" + count + " > " + MAX_ITEMS_PER_FRAME);
        }
        if (count != eventCount)
        {
            throw new CorruptFrameException(
                Reason.EVENT_COUNT_MISMATCH, "eventCount=" + eventCount + " but group items numInGroup=" + count);
        }
        final long needed = (long)count * ENTRY_LENGTH;
        final int first = groupStart + GROUP_HEADER_LENGTH;
        if (needed > end - first)
        {
            throw new CorruptFrameException(
                Reason.TRUNCATED, count + " items need " + needed + " bytes, frame has " + (end - first));
        }
        if (first + needed != end)
        {
            throw new CorruptFrameException(
                Reason.TRAILING_BYTES, (end - first - needed) + " bytes after the last of " + count + " items");
        }
        return count;
    }
}
