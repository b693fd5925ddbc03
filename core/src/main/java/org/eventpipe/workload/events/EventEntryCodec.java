package org.eventpipe.workload.events;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.eventpipe.model.EventType;
import org.eventpipe.model.Outcome;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.sbe.ParsedEventBatchDecoder;
import org.eventpipe.workload.EntryCodec;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The events workload's entries: a {@code ParsedEventBatch} group entry (line number, ingest stamp, timestamp, user,
 * value and type code), on both the parse-to-rules and the rules-to-aggregate edge.
 */
public final class EventEntryCodec implements EntryCodec
{
    /** The one instance: the codec is stateless. */
    public static final EventEntryCodec INSTANCE = new EventEntryCodec();

    private static final int LENGTH = ParsedEventBatchDecoder.EventsDecoder.sbeBlockLength();
    private static final int LINE_NUMBER = ParsedEventBatchDecoder.EventsDecoder.lineNumberEncodingOffset();
    private static final int INGEST_NANOS = ParsedEventBatchDecoder.EventsDecoder.ingestNanosEncodingOffset();
    private static final int TIMESTAMP = ParsedEventBatchDecoder.EventsDecoder.tsEncodingOffset();
    private static final int USER_ID = ParsedEventBatchDecoder.EventsDecoder.userIdEncodingOffset();
    private static final int VALUE = ParsedEventBatchDecoder.EventsDecoder.valueEncodingOffset();
    private static final int TYPE = ParsedEventBatchDecoder.EventsDecoder.eventTypeEncodingOffset();
    private static final EventType[] TYPES = EventType.values();

    private EventEntryCodec()
    {
    }

    /**
     * {@inheritDoc}
     */
    public int templateId()
    {
        return ParsedEventBatchDecoder.TEMPLATE_ID;
    }

    /**
     * {@inheritDoc}
     */
    public int entryLength()
    {
        return LENGTH;
    }

    /**
     * {@inheritDoc}
     */
    public void encode(final PipelineEvent event, final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putLong(offset + LINE_NUMBER, event.lineNumber(), LITTLE_ENDIAN);
        buffer.putLong(offset + INGEST_NANOS, event.ingestNanos(), LITTLE_ENDIAN);
        buffer.putLong(offset + TIMESTAMP, event.timestamp(), LITTLE_ENDIAN);
        buffer.putInt(offset + USER_ID, event.userId(), LITTLE_ENDIAN);
        buffer.putInt(offset + VALUE, event.value(), LITTLE_ENDIAN);
        buffer.putByte(offset + TYPE, (byte)event.type().code());
    }

    /**
     * {@inheritDoc}
     */
    public String check(final DirectBuffer buffer, final int offset)
    {
        final int typeCode = buffer.getByte(offset + TYPE) & 0xFF;
        return typeCode < TYPES.length ? null : "eventType code=" + typeCode;
    }

    /**
     * {@inheritDoc}
     */
    public void decode(final DirectBuffer buffer, final int offset, final PipelineEvent event)
    {
        event.setDecoded(
            buffer.getLong(offset + LINE_NUMBER, LITTLE_ENDIAN),
            buffer.getLong(offset + INGEST_NANOS, LITTLE_ENDIAN),
            buffer.getInt(offset + USER_ID, LITTLE_ENDIAN),
            TYPES[buffer.getByte(offset + TYPE) & 0xFF],
            buffer.getInt(offset + VALUE, LITTLE_ENDIAN),
            buffer.getLong(offset + TIMESTAMP, LITTLE_ENDIAN));
        event.outcome(Outcome.ACCEPTED);
    }
}
