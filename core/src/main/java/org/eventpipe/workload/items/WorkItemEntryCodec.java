package org.eventpipe.workload.items;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.eventpipe.model.Outcome;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.sbe.WorkItemBatchDecoder;
import org.eventpipe.workload.EntryCodec;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The work-items workload's entries: a {@code WorkItemBatch} group entry (line number, ingest stamp, id, 64 vector
 * and 64 matrix doubles), on both the parse-to-rules and the rules-to-aggregate edge, read and written at the
 * group's field offsets without wrapping a message. Doubles travel as their IEEE bits, so an item comes back bit for
 * bit, NaN payloads, signed zeros and subnormals included. The event's line number and ingest stamp are the ones
 * that travel; decoding copies them into the item as well.
 */
public final class WorkItemEntryCodec implements EntryCodec
{
    /** The one instance: the codec is stateless. */
    public static final WorkItemEntryCodec INSTANCE = new WorkItemEntryCodec();

    private static final int LENGTH = WorkItemBatchDecoder.ItemsDecoder.sbeBlockLength();
    private static final int LINE_NUMBER = WorkItemBatchDecoder.ItemsDecoder.lineNumberEncodingOffset();
    private static final int INGEST_NANOS = WorkItemBatchDecoder.ItemsDecoder.ingestNanosEncodingOffset();
    private static final int ID = WorkItemBatchDecoder.ItemsDecoder.idEncodingOffset();
    private static final int VECTOR = WorkItemBatchDecoder.ItemsDecoder.vectorEncodingOffset();
    private static final int MATRIX = WorkItemBatchDecoder.ItemsDecoder.matrixEncodingOffset();

    private WorkItemEntryCodec()
    {
    }

    /**
     * {@inheritDoc}
     */
    public int templateId()
    {
        return WorkItemBatchDecoder.TEMPLATE_ID;
    }

    /**
     * {@inheritDoc}
     */
    public int entryLength()
    {
        return LENGTH;
    }

    /**
     * {@inheritDoc}: the entry is the event's {@link WorkItem}.
     */
    public void encode(final PipelineEvent event, final MutableDirectBuffer buffer, final int offset)
    {
        final WorkItem item = (WorkItem)event.entry();
        buffer.putLong(offset + LINE_NUMBER, event.lineNumber(), LITTLE_ENDIAN);
        buffer.putLong(offset + INGEST_NANOS, event.ingestNanos(), LITTLE_ENDIAN);
        buffer.putLong(offset + ID, item.id(), LITTLE_ENDIAN);
        final double[] vector = item.vector();
        for (int i = 0; i < WorkItem.VECTOR_LENGTH; i++)
        {
            buffer.putLong(offset + VECTOR + i * Double.BYTES, Double.doubleToRawLongBits(vector[i]), LITTLE_ENDIAN);
        }
        final double[] matrix = item.matrix();
        for (int i = 0; i < WorkItem.MATRIX_LENGTH; i++)
        {
            buffer.putLong(offset + MATRIX + i * Double.BYTES, Double.doubleToRawLongBits(matrix[i]), LITTLE_ENDIAN);
        }
    }

    /**
     * {@inheritDoc} Every bit pattern of a double is a valid element (the rules filter a vector they cannot
     * normalise), so only the id is checked: the parser accepts ids in {@code [0, 2^63-1]}, so a negative id means
     * the entry was not written by this codec from a parsed item.
     */
    public String check(final DirectBuffer buffer, final int offset)
    {
        final long id = buffer.getLong(offset + ID, LITTLE_ENDIAN);
        return id >= 0 ? null : "work item id=" + id + " is negative";
    }

    /**
     * {@inheritDoc}: the event's parsed fields and line lengths are cleared as the events codec clears them, and the
     * event's {@link WorkItem} is overwritten whole.
     */
    public void decode(final DirectBuffer buffer, final int offset, final PipelineEvent event)
    {
        final long lineNumber = buffer.getLong(offset + LINE_NUMBER, LITTLE_ENDIAN);
        final long ingestNanos = buffer.getLong(offset + INGEST_NANOS, LITTLE_ENDIAN);
        event.setDecoded(lineNumber, ingestNanos);
        event.outcome(Outcome.ACCEPTED);

        final WorkItem item = (WorkItem)event.entry();
        item.lineNumber(lineNumber);
        item.ingestNanos(ingestNanos);
        item.id(buffer.getLong(offset + ID, LITTLE_ENDIAN));
        final double[] vector = item.vector();
        for (int i = 0; i < WorkItem.VECTOR_LENGTH; i++)
        {
            vector[i] = Double.longBitsToDouble(buffer.getLong(offset + VECTOR + i * Double.BYTES, LITTLE_ENDIAN));
        }
        final double[] matrix = item.matrix();
        for (int i = 0; i < WorkItem.MATRIX_LENGTH; i++)
        {
            matrix[i] = Double.longBitsToDouble(buffer.getLong(offset + MATRIX + i * Double.BYTES, LITTLE_ENDIAN));
        }
    }
}
