package org.eventpipe.codec;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.eventpipe.model.EventType;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.model.RejectReason;
import org.eventpipe.sbe.EndOfStreamEncoder;
import org.eventpipe.sbe.MessageHeaderDecoder;
import org.eventpipe.sbe.MessageHeaderEncoder;
import org.eventpipe.sbe.ParsedEventBatchEncoder;
import org.eventpipe.sbe.RawLineBatchEncoder;
import org.eventpipe.sbe.RejectBatchEncoder;
import org.eventpipe.sbe.ResultsFrameEncoder;
import org.eventpipe.sbe.StageMetricsEncoder;
import org.eventpipe.workload.EntryCodec;
import org.eventpipe.workload.WorkloadResults;

/**
 * Encodes the frames of the pipeline with the generated SBE flyweights, in place into a caller's buffer. Every encode
 * method writes the 8-byte message header at {@code offset}, then the body, and returns the frame's length. The static
 * length helpers give that length before encoding, so a sender can {@code tryClaim} exactly the space it needs.
 * <p>
 * Every message body starts with the same three fields at the same offsets: sender, sequence and event count. This
 * lets a stage forward a frame it received with only the sender and sequence rewritten, see {@link #forward}.
 * <p>
 * A batch holds at most {@link #MAX_EVENTS_PER_FRAME} entries: the group count is a uint16 and SBE keeps 65535 as its
 * null value. One instance per thread; it holds preallocated flyweights and allocates nothing while encoding.
 */
public final class FrameEncoder
{
    /** Most entries a batch frame can hold: the largest uint16 group count SBE allows (65535 is its null value). */
    public static final int MAX_EVENTS_PER_FRAME = ParsedEventBatchEncoder.EventsEncoder.countMaxValue();

    /** Most bytes of a rejected line carried in a reject frame. */
    public static final int MAX_REJECT_EXCERPT = 512;

    /** Length of the SBE message header that starts every frame. */
    public static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;

    /** Offset of the sender field from the start of a frame, the same in every message. */
    public static final int SENDER_OFFSET = HEADER_LENGTH + RawLineBatchEncoder.senderEncodingOffset();

    /** Offset of the sequence field from the start of a frame, the same in every message. */
    public static final int SEQUENCE_OFFSET = HEADER_LENGTH + RawLineBatchEncoder.sequenceEncodingOffset();

    /** Offset of the event count field from the start of a frame, the same in every message. */
    public static final int EVENT_COUNT_OFFSET = HEADER_LENGTH + RawLineBatchEncoder.eventCountEncodingOffset();

    /** Length of the fields every message body starts with: sender, sequence, event count. */
    public static final int COMMON_PREFIX_LENGTH = EVENT_COUNT_OFFSET + 4;

    private static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;

    /** Root block of an entry batch: the common sender, sequence and event count. */
    static final int ENTRY_BATCH_BLOCK_LENGTH = ParsedEventBatchEncoder.BLOCK_LENGTH;

    static final int GROUP_HEADER_LENGTH = ParsedEventBatchEncoder.EventsEncoder.HEADER_SIZE;

    /**
     * Offset from the frame's start of the nanoTime at which the sender encoded a batch frame to commit it: the same
     * in every batch message ({@code publishNanos} of a raw line batch, {@code commitNanos} of the others).
     */
    public static final int COMMIT_NANOS_OFFSET = HEADER_LENGTH + ParsedEventBatchEncoder.commitNanosEncodingOffset();

    private static final int TEMPLATE_ID_OFFSET = MessageHeaderEncoder.templateIdEncodingOffset();
    static final int VAR_DATA_HEADER_LENGTH = RawLineBatchEncoder.LinesEncoder.lineHeaderLength();

    private static final int EVENT_ENTRY_LENGTH = ParsedEventBatchEncoder.EventsEncoder.sbeBlockLength();
    private static final int RAW_LINE_ENTRY_BLOCK = RawLineBatchEncoder.LinesEncoder.sbeBlockLength();
    private static final int REJECT_ENTRY_BLOCK = RejectBatchEncoder.RejectsEncoder.sbeBlockLength();

    private static final org.eventpipe.sbe.EventType[] SBE_EVENT_TYPES =
        new org.eventpipe.sbe.EventType[EventType.count()];
    private static final org.eventpipe.sbe.RejectReason[] SBE_REJECT_REASONS =
        new org.eventpipe.sbe.RejectReason[RejectReason.count()];

    static
    {
        for (final EventType type : EventType.values())
        {
            SBE_EVENT_TYPES[type.code()] = org.eventpipe.sbe.EventType.get(type.code());
        }
        for (final RejectReason reason : RejectReason.values())
        {
            SBE_REJECT_REASONS[reason.code()] = org.eventpipe.sbe.RejectReason.get(reason.code());
        }
        checkCommonPrefix(
            ParsedEventBatchEncoder.senderEncodingOffset(),
            ParsedEventBatchEncoder.sequenceEncodingOffset(),
            ParsedEventBatchEncoder.eventCountEncodingOffset());
        checkCommonPrefix(
            RejectBatchEncoder.senderEncodingOffset(),
            RejectBatchEncoder.sequenceEncodingOffset(),
            RejectBatchEncoder.eventCountEncodingOffset());
        checkCommonPrefix(
            ResultsFrameEncoder.senderEncodingOffset(),
            ResultsFrameEncoder.sequenceEncodingOffset(),
            ResultsFrameEncoder.eventCountEncodingOffset());
        checkCommonPrefix(
            EndOfStreamEncoder.senderEncodingOffset(),
            EndOfStreamEncoder.sequenceEncodingOffset(),
            EndOfStreamEncoder.eventCountEncodingOffset());
        checkCommonPrefix(
            StageMetricsEncoder.senderEncodingOffset(),
            StageMetricsEncoder.sequenceEncodingOffset(),
            StageMetricsEncoder.eventCountEncodingOffset());
    }

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final RawLineBatchEncoder rawLineBatchEncoder = new RawLineBatchEncoder();
    private final ParsedEventBatchEncoder parsedEventBatchEncoder = new ParsedEventBatchEncoder();
    private final RejectBatchEncoder rejectBatchEncoder = new RejectBatchEncoder();
    private final ResultsFrameEncoder resultsEncoder = new ResultsFrameEncoder();
    private final EndOfStreamEncoder endOfStreamEncoder = new EndOfStreamEncoder();
    private final StageMetricsEncoder stageMetricsEncoder = new StageMetricsEncoder();

    /**
     * Length of a batch frame of a workload's entries.
     *
     * @param codec of the entries.
     * @param count of entries in the batch.
     * @return the frame length in bytes, header included.
     */
    public static int entryBatchLength(final EntryCodec codec, final int count)
    {
        return entryBatchLength(codec.entryLength(), count);
    }

    /**
     * Length of a batch frame of entries of a given length.
     *
     * @param entryLength bytes of each entry.
     * @param count       of entries in the batch.
     * @return the frame length in bytes, header included.
     */
    public static int entryBatchLength(final int entryLength, final int count)
    {
        return HEADER_LENGTH + ENTRY_BATCH_BLOCK_LENGTH + GROUP_HEADER_LENGTH + count * entryLength;
    }

    /**
     * Length of a batch frame of the events workload.
     *
     * @param count of events in the batch.
     * @return the frame length in bytes, header included.
     */
    public static int eventBatchLength(final int count)
    {
        return entryBatchLength(EVENT_ENTRY_LENGTH, count);
    }

    /**
     * Length of one entry of a raw line batch.
     *
     * @param storedLineBytes bytes of the line carried, {@link PipelineEvent#storedLineLength()}.
     * @return the entry length in bytes.
     */
    public static int rawLineEntryLength(final int storedLineBytes)
    {
        return RAW_LINE_ENTRY_BLOCK + VAR_DATA_HEADER_LENGTH + storedLineBytes;
    }

    /**
     * Length of a raw line batch frame.
     *
     * @param count                of lines in the batch.
     * @param totalStoredLineBytes sum of the bytes carried for each line.
     * @return the frame length in bytes, header included.
     */
    public static int rawLineBatchLength(final int count, final int totalStoredLineBytes)
    {
        return HEADER_LENGTH + RawLineBatchEncoder.BLOCK_LENGTH + GROUP_HEADER_LENGTH +
            count * (RAW_LINE_ENTRY_BLOCK + VAR_DATA_HEADER_LENGTH) + totalStoredLineBytes;
    }

    /**
     * Bytes of a rejected line's excerpt that a reject frame carries.
     *
     * @param event rejected.
     * @return {@code min(event.storedLineLength(), MAX_REJECT_EXCERPT)}.
     */
    public static int rejectExcerptLength(final PipelineEvent event)
    {
        return Math.min(event.storedLineLength(), MAX_REJECT_EXCERPT);
    }

    /**
     * Length of one entry of a reject batch.
     *
     * @param excerptBytes bytes of the line carried, see {@link #rejectExcerptLength(PipelineEvent)}.
     * @return the entry length in bytes.
     */
    public static int rejectEntryLength(final int excerptBytes)
    {
        return REJECT_ENTRY_BLOCK + VAR_DATA_HEADER_LENGTH + excerptBytes;
    }

    /**
     * Length of a reject batch frame.
     *
     * @param count             of rejects in the batch.
     * @param totalExcerptBytes sum of the excerpt bytes of each reject.
     * @return the frame length in bytes, header included.
     */
    public static int rejectBatchLength(final int count, final int totalExcerptBytes)
    {
        return HEADER_LENGTH + RejectBatchEncoder.BLOCK_LENGTH + GROUP_HEADER_LENGTH +
            count * (REJECT_ENTRY_BLOCK + VAR_DATA_HEADER_LENGTH) + totalExcerptBytes;
    }

    /**
     * Length of a results frame.
     *
     * @param results to carry.
     * @return the frame length in bytes, header included.
     */
    public static int resultsLength(final WorkloadResults results)
    {
        return HEADER_LENGTH + ResultsFrameEncoder.BLOCK_LENGTH + VAR_DATA_HEADER_LENGTH + results.encodedLength();
    }

    /**
     * Length of an end-of-stream frame.
     *
     * @return the frame length in bytes, header included.
     */
    public static int endOfStreamLength()
    {
        return HEADER_LENGTH + EndOfStreamEncoder.BLOCK_LENGTH;
    }

    /**
     * Length of a stage metrics frame.
     *
     * @param histogramBytes length of the compressed latency histogram, 0 if none.
     * @return the frame length in bytes, header included.
     */
    public static int stageMetricsLength(final int histogramBytes)
    {
        return stageMetricsLength(histogramBytes, 0);
    }

    /**
     * Length of a stage metrics frame with a latency and a transit histogram.
     *
     * @param histogramBytes length of the compressed latency histogram, 0 if none.
     * @param transitBytes   length of the compressed transit histogram, 0 if none.
     * @return the frame length in bytes, header included.
     */
    public static int stageMetricsLength(final int histogramBytes, final int transitBytes)
    {
        return HEADER_LENGTH + StageMetricsEncoder.BLOCK_LENGTH + StageMetricsEncoder.latencyHistogramHeaderLength() +
            histogramBytes + StageMetricsEncoder.transitHistogramHeaderLength() + transitBytes;
    }

    /**
     * Encode a batch of raw lines from ingest. Each entry carries the line number, the true line length, the line's
     * intended send time in the latency mode (the event's {@link PipelineEvent#ingestNanos()}, 0 in the throughput
     * mode) and the stored bytes of the line.
     *
     * @param buffer       to encode into.
     * @param offset       at which the frame starts.
     * @param sender       stage sending the frame.
     * @param sequence     of the frame on this edge, from 0.
     * @param publishNanos {@link System#nanoTime()} at which ingest published the batch.
     * @param events       holding the lines, from index 0.
     * @param count        of events to encode, at most {@link #MAX_EVENTS_PER_FRAME}.
     * @return the length of the frame, {@link #rawLineBatchLength(int, int)}.
     */
    public int encodeRawLineBatch(
        final MutableDirectBuffer buffer,
        final int offset,
        final StageId sender,
        final long sequence,
        final long publishNanos,
        final PipelineEvent[] events,
        final int count)
    {
        checkCount(count);
        final RawLineBatchEncoder encoder = rawLineBatchEncoder;
        encoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .sender(sender.sbe())
            .sequence(sequence)
            .eventCount(count)
            .publishNanos(publishNanos);

        final RawLineBatchEncoder.LinesEncoder lines = encoder.linesCount(count);
        for (int i = 0; i < count; i++)
        {
            final PipelineEvent event = events[i];
            lines.next()
                .lineNumber(event.lineNumber())
                .trueLength(event.lineLength())
                .intendedNanos(event.ingestNanos())
                .putLine(event.line(), 0, event.storedLineLength());
        }

        return HEADER_LENGTH + encoder.encodedLength();
    }

    /**
     * Encode a batch of events accepted by parse.
     *
     * @param buffer   to encode into.
     * @param offset   at which the frame starts.
     * @param sender   stage sending the frame.
     * @param sequence of the frame on this edge, from 0.
     * @param events   accepted, from index 0; each must have a type.
     * @param count    of events to encode, at most {@link #MAX_EVENTS_PER_FRAME}.
     * @return the length of the frame, {@link #eventBatchLength(int)}.
     */
    public int encodeParsedBatch(
        final MutableDirectBuffer buffer,
        final int offset,
        final StageId sender,
        final long sequence,
        final PipelineEvent[] events,
        final int count)
    {
        checkCount(count);
        final ParsedEventBatchEncoder encoder = parsedEventBatchEncoder;
        encoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .sender(sender.sbe())
            .sequence(sequence)
            .eventCount(count)
            .commitNanos(System.nanoTime());

        final ParsedEventBatchEncoder.EventsEncoder entries = encoder.eventsCount(count);
        for (int i = 0; i < count; i++)
        {
            final PipelineEvent event = events[i];
            entries.next()
                .lineNumber(event.lineNumber())
                .ingestNanos(event.ingestNanos())
                .ts(event.timestamp())
                .userId(event.userId())
                .value(event.value())
                .eventType(SBE_EVENT_TYPES[event.type().code()]);
        }

        return HEADER_LENGTH + encoder.encodedLength();
    }

    /**
     * Encode the header of a batch of a workload's entries whose entries are already in place after it, laid out one
     * after the other by its {@link EntryCodec} from {@link #entryBatchLength(int, int) entryBatchLength(length, 0)}:
     * the message header of the codec's template, the common root block and the group header.
     *
     * @param buffer   holding the frame.
     * @param offset   at which the frame starts.
     * @param sender   stage sending the frame.
     * @param sequence of the frame on this edge, from 0.
     * @param codec    of the entries.
     * @param count    of entries in place, at most {@link #MAX_EVENTS_PER_FRAME}.
     * @return the length of the whole frame, {@link #entryBatchLength(EntryCodec, int)}.
     */
    public int encodeEntryBatchHeader(
        final MutableDirectBuffer buffer,
        final int offset,
        final StageId sender,
        final long sequence,
        final EntryCodec codec,
        final int count)
    {
        checkCount(count);
        headerEncoder.wrap(buffer, offset)
            .blockLength(ENTRY_BATCH_BLOCK_LENGTH)
            .templateId(codec.templateId())
            .schemaId(MessageHeaderEncoder.SCHEMA_ID)
            .version(MessageHeaderEncoder.SCHEMA_VERSION);
        buffer.putByte(offset + SENDER_OFFSET, (byte)sender.sbe().value());
        buffer.putLong(offset + SEQUENCE_OFFSET, sequence, BYTE_ORDER);
        buffer.putInt(offset + EVENT_COUNT_OFFSET, count, BYTE_ORDER);
        buffer.putLong(offset + COMMIT_NANOS_OFFSET, System.nanoTime(), BYTE_ORDER);
        final int group = offset + HEADER_LENGTH + ENTRY_BATCH_BLOCK_LENGTH;
        final int entryLength = codec.entryLength();
        buffer.putShort(group, (short)entryLength, BYTE_ORDER);
        buffer.putShort(group + 2, (short)count, BYTE_ORDER);
        return entryBatchLength(entryLength, count);
    }

    /**
     * Encode a batch of rejected lines. Each entry carries the line number, the true line length, the reason and the
     * first {@link #rejectExcerptLength(PipelineEvent)} bytes of the line.
     *
     * @param buffer   to encode into.
     * @param offset   at which the frame starts.
     * @param sender   stage sending the frame.
     * @param sequence of the frame on this edge, from 0.
     * @param events   rejected, from index 0; each must have a reject reason.
     * @param count    of events to encode, at most {@link #MAX_EVENTS_PER_FRAME}.
     * @return the length of the frame, {@link #rejectBatchLength(int, int)}.
     */
    public int encodeRejectBatch(
        final MutableDirectBuffer buffer,
        final int offset,
        final StageId sender,
        final long sequence,
        final PipelineEvent[] events,
        final int count)
    {
        checkCount(count);
        final RejectBatchEncoder encoder = rejectBatchEncoder;
        encoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .sender(sender.sbe())
            .sequence(sequence)
            .eventCount(count)
            .commitNanos(System.nanoTime());

        final RejectBatchEncoder.RejectsEncoder entries = encoder.rejectsCount(count);
        for (int i = 0; i < count; i++)
        {
            final PipelineEvent event = events[i];
            final RejectReason reason = event.rejectReason();
            if (null == reason)
            {
                throw new IllegalArgumentException("event of line " + event.lineNumber() + " has no reject reason");
            }
            entries.next()
                .lineNumber(event.lineNumber())
                .trueLength(event.lineLength())
                .reason(SBE_REJECT_REASONS[reason.code()])
                .putLine(event.line(), 0, rejectExcerptLength(event));
        }

        return HEADER_LENGTH + encoder.encodedLength();
    }

    /**
     * Encode the results of a workload's aggregate.
     *
     * @param buffer   to encode into.
     * @param offset   at which the frame starts.
     * @param sender   stage sending the frame.
     * @param sequence of the frame on this edge, from 0.
     * @param results  to encode.
     * @return the length of the frame, {@link #resultsLength(WorkloadResults)}.
     */
    public int encodeResults(
        final MutableDirectBuffer buffer,
        final int offset,
        final StageId sender,
        final long sequence,
        final WorkloadResults results)
    {
        final ResultsFrameEncoder encoder = resultsEncoder;
        encoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .sender(sender.sbe())
            .sequence(sequence)
            .eventCount(0);
        final int length = results.encodedLength();
        final int lengthField = offset + HEADER_LENGTH + ResultsFrameEncoder.BLOCK_LENGTH;
        buffer.putInt(lengthField, length, BYTE_ORDER);
        results.encode(buffer, lengthField + VAR_DATA_HEADER_LENGTH);
        return resultsLength(results);
    }

    /**
     * Encode an end-of-stream frame with the sender's counts.
     *
     * @param buffer   to encode into.
     * @param offset   at which the frame starts.
     * @param sender   stage sending the frame.
     * @param sequence of the frame on this edge, from 0.
     * @param counts   of the sender; unknown counts are {@link EndOfStreamCounts#UNKNOWN}.
     * @return the length of the frame, {@link #endOfStreamLength()}.
     */
    public int encodeEndOfStream(
        final MutableDirectBuffer buffer,
        final int offset,
        final StageId sender,
        final long sequence,
        final EndOfStreamCounts counts)
    {
        final EndOfStreamEncoder encoder = endOfStreamEncoder;
        encoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .sender(sender.sbe())
            .sequence(sequence)
            .eventCount(0)
            .framesSent(counts.framesSent())
            .eventsSent(counts.eventsSent())
            .linesRead(counts.linesRead())
            .blankLines(counts.blankLines())
            .accepted(counts.accepted())
            .rejected(counts.rejected())
            .filtered(counts.filtered())
            .kept(counts.kept())
            .failed(counts.failed());

        return HEADER_LENGTH + encoder.encodedLength();
    }

    /**
     * Encode the metrics of a stage.
     *
     * @param buffer   to encode into.
     * @param offset   at which the frame starts.
     * @param sender   stage sending the frame.
     * @param sequence of the frame on this edge, from 0.
     * @param metrics  to encode; its stage must be set.
     * @return the length of the frame, {@link #stageMetricsLength(int)}.
     */
    public int encodeStageMetrics(
        final MutableDirectBuffer buffer,
        final int offset,
        final StageId sender,
        final long sequence,
        final StageMetricsSnapshot metrics)
    {
        final StageId stage = metrics.stage();
        if (null == stage)
        {
            throw new IllegalArgumentException("metrics have no stage");
        }
        final StageMetricsEncoder encoder = stageMetricsEncoder;
        encoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .sender(sender.sbe())
            .sequence(sequence)
            .eventCount(0)
            .stage(stage.sbe())
            .wallNanos(metrics.wallNanos())
            .processingNanos(metrics.processingNanos())
            .sendingNanos(metrics.sendingNanos())
            .waitingNanos(metrics.waitingNanos())
            .backPressureRetries(metrics.backPressureRetries())
            .framesIn(metrics.framesIn())
            .eventsIn(metrics.eventsIn())
            .framesOut(metrics.framesOut())
            .eventsOut(metrics.eventsOut())
            .firstEventNanos(metrics.firstEventNanos())
            .lastEventNanos(metrics.lastEventNanos())
            .clockDomainHigh(metrics.clockDomainHigh())
            .clockDomainLow(metrics.clockDomainLow())
            .negativeLatencySamples(metrics.negativeLatencySamples())
            .putLatencyHistogram(metrics.latencyHistogram(), 0, metrics.latencyHistogramLength())
            .putTransitHistogram(metrics.transitHistogram(), 0, metrics.transitHistogramLength());

        return HEADER_LENGTH + encoder.encodedLength();
    }

    /**
     * Copy a received frame, for instance a reject or metrics frame passed downstream, and rewrite its sender and
     * sequence in the copy. The frame should have been validated by a {@link FrameDecoder}; this only checks that it
     * is long enough and of this schema.
     *
     * @param src       holding the received frame.
     * @param srcOffset at which the frame starts.
     * @param length    of the frame.
     * @param dst       to copy the frame into.
     * @param dstOffset at which the copy starts.
     * @param sender    stage forwarding the frame.
     * @param sequence  of the forwarded frame on the outbound edge.
     * @return the length of the copy, equal to {@code length}.
     * @throws CorruptFrameException if the frame is too short to hold the common fields or is of another schema.
     */
    public int forward(
        final DirectBuffer src,
        final int srcOffset,
        final int length,
        final MutableDirectBuffer dst,
        final int dstOffset,
        final StageId sender,
        final long sequence)
    {
        checkForwardable(src, srcOffset, length);
        dst.putBytes(dstOffset, src, srcOffset, length);
        return rewriteSender(dst, dstOffset, length, sender, sequence);
    }

    /**
     * Rewrite the sender and sequence of a frame in place.
     *
     * @param buffer   holding the frame.
     * @param offset   at which the frame starts.
     * @param length   of the frame.
     * @param sender   stage that will send the frame.
     * @param sequence of the frame on the outbound edge.
     * @return the length of the frame, equal to {@code length}.
     * @throws CorruptFrameException if the frame is too short to hold the common fields or is of another schema.
     */
    public static int rewriteSender(
        final MutableDirectBuffer buffer,
        final int offset,
        final int length,
        final StageId sender,
        final long sequence)
    {
        checkForwardable(buffer, offset, length);
        buffer.putByte(offset + SENDER_OFFSET, (byte)sender.code());
        buffer.putLong(offset + SEQUENCE_OFFSET, sequence, RawLineBatchEncoder.BYTE_ORDER);
        if (RejectBatchEncoder.TEMPLATE_ID == (buffer.getShort(offset + TEMPLATE_ID_OFFSET, BYTE_ORDER) & 0xFFFF) &&
            length >= COMMIT_NANOS_OFFSET + Long.BYTES)
        {
            // a forwarded reject batch starts a new transit on the outbound edge
            buffer.putLong(offset + COMMIT_NANOS_OFFSET, System.nanoTime(), BYTE_ORDER);
        }
        return length;
    }

    private static void checkForwardable(final DirectBuffer buffer, final int offset, final int length)
    {
        if (offset < 0 || length < COMMON_PREFIX_LENGTH || offset > buffer.capacity() - length)
        {
            throw new CorruptFrameException(
                CorruptFrameException.Reason.TRUNCATED,
                "cannot forward frame of length " + length + " at offset " + offset + " in buffer of capacity " +
                buffer.capacity() + ": at least " + COMMON_PREFIX_LENGTH + " bytes are needed");
        }
        final int schemaId = buffer.getShort(
            offset + MessageHeaderDecoder.schemaIdEncodingOffset(), MessageHeaderDecoder.BYTE_ORDER) & 0xFFFF;
        if (schemaId != MessageHeaderDecoder.SCHEMA_ID)
        {
            throw new CorruptFrameException(
                CorruptFrameException.Reason.UNKNOWN_SCHEMA,
                "cannot forward frame of schema " + schemaId + ", expected " + MessageHeaderDecoder.SCHEMA_ID);
        }
    }

    private static void checkCount(final int count)
    {
        if (count < 0 || count > MAX_EVENTS_PER_FRAME)
        {
            throw new IllegalArgumentException("count=" + count + " outside 0.." + MAX_EVENTS_PER_FRAME);
        }
    }

    private static void checkCommonPrefix(final int senderOffset, final int sequenceOffset, final int eventCountOffset)
    {
        if (senderOffset != SENDER_OFFSET - HEADER_LENGTH ||
            sequenceOffset != SEQUENCE_OFFSET - HEADER_LENGTH ||
            eventCountOffset != EVENT_COUNT_OFFSET - HEADER_LENGTH)
        {
            throw new IllegalStateException("schema messages do not share the sender, sequence, eventCount prefix");
        }
    }
}
