package org.eventpipe.workload.items;

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
 * side, for each {@code entry} of {@code decoder.items()}, {@code decode(entry, item)}.
 */
public final class WorkItemEntries
{
    /** Bytes of one entry: line number, ingest stamp, id, 64 vector and 64 matrix doubles. */
    public static final int ENTRY_LENGTH = WorkItemBatchEncoder.ItemsEncoder.sbeBlockLength();

    /** Most items a frame can hold: the group count is a uint16 and SBE keeps 65535 as its null value. */
    public static final int MAX_ITEMS_PER_FRAME = WorkItemBatchEncoder.ItemsEncoder.countMaxValue();

    private static final int GROUP_HEADER_LENGTH = WorkItemBatchEncoder.ItemsEncoder.HEADER_SIZE;

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
}
