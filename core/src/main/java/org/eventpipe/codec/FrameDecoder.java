package org.eventpipe.codec;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.eventpipe.codec.CorruptFrameException.Reason;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.model.RejectReason;
import org.eventpipe.sbe.EndOfStreamDecoder;
import org.eventpipe.sbe.MessageHeaderDecoder;
import org.eventpipe.sbe.RawLineBatchDecoder;
import org.eventpipe.sbe.RejectBatchDecoder;
import org.eventpipe.sbe.ResultsFrameDecoder;
import org.eventpipe.sbe.StageMetricsDecoder;
import org.eventpipe.workload.EntryCodec;
import org.eventpipe.workload.Workload;
import org.eventpipe.workload.WorkloadResults;
import org.eventpipe.workload.Workloads;

/**
 * Decodes frames with the generated SBE flyweights and hands their content to a {@link FrameHandler}.
 * <p>
 * A frame is validated whole before the first callback, so a corrupt frame never delivers part of its content. Every
 * read is bounds-checked against the frame first, since the flyweights read raw memory. The checks: the frame lies in
 * the buffer and holds a header; schema id, version and template id are known; the block length is the message's;
 * sender, stage, event type and reject reason codes are known; the sequence is not negative; a group's block length is
 * the schema's, its count is at most {@link FrameEncoder#MAX_EVENTS_PER_FRAME} and equals the event count field; every
 * entry and var data lies within the frame; nothing follows the message; a line carries no more bytes than its true
 * length, and all of them when it is not longer than the maximum line length; a reject excerpt is at most
 * {@link FrameEncoder#MAX_REJECT_EXCERPT} bytes; each event type appears at most once in the results. A failing check
 * throws {@link CorruptFrameException} and counts the frame in {@link #corruptFrames()}. Loops run over at most the
 * group count and always advance, so a frame cannot make the decoder spin.
 * <p>
 * One instance per thread; it reuses one {@link PipelineEvent} and the holders passed to the handler, and allocates
 * nothing on the valid path (except to grow a line or histogram array the first time a larger one arrives).
 */
public final class FrameDecoder
{
    private static final ByteOrder BYTE_ORDER = MessageHeaderDecoder.BYTE_ORDER;
    private static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int GROUP_HEADER_LENGTH = FrameEncoder.GROUP_HEADER_LENGTH;
    private static final int VAR_DATA_HEADER_LENGTH = FrameEncoder.VAR_DATA_HEADER_LENGTH;

    private static final int BLOCK_LENGTH_OFFSET = MessageHeaderDecoder.blockLengthEncodingOffset();
    private static final int TEMPLATE_ID_OFFSET = MessageHeaderDecoder.templateIdEncodingOffset();
    private static final int SCHEMA_ID_OFFSET = MessageHeaderDecoder.schemaIdEncodingOffset();
    private static final int VERSION_OFFSET = MessageHeaderDecoder.versionEncodingOffset();

    private static final int SENDER_OFFSET = RawLineBatchDecoder.senderEncodingOffset();
    private static final int SEQUENCE_OFFSET = RawLineBatchDecoder.sequenceEncodingOffset();
    private static final int EVENT_COUNT_OFFSET = RawLineBatchDecoder.eventCountEncodingOffset();


    private static final int RAW_LINE_ENTRY_LENGTH = RawLineBatchDecoder.LinesDecoder.sbeBlockLength();
    private static final int RAW_LINE_TRUE_LENGTH_OFFSET = RawLineBatchDecoder.LinesDecoder.trueLengthEncodingOffset();

    private static final int REJECT_ENTRY_LENGTH = RejectBatchDecoder.RejectsDecoder.sbeBlockLength();
    private static final int REJECT_TRUE_LENGTH_OFFSET = RejectBatchDecoder.RejectsDecoder.trueLengthEncodingOffset();
    private static final int REJECT_REASON_OFFSET = RejectBatchDecoder.RejectsDecoder.reasonEncodingOffset();


    private static final int METRICS_STAGE_OFFSET = StageMetricsDecoder.stageEncodingOffset();

    private static final RejectReason[] REJECT_REASONS = RejectReason.values();

    private final FrameHandler handler;
    private final int maxLineLength;

    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final RawLineBatchDecoder rawLineBatchDecoder = new RawLineBatchDecoder();
    private final RejectBatchDecoder rejectBatchDecoder = new RejectBatchDecoder();
    private final ResultsFrameDecoder resultsDecoder = new ResultsFrameDecoder();
    private final EndOfStreamDecoder endOfStreamDecoder = new EndOfStreamDecoder();
    private final StageMetricsDecoder stageMetricsDecoder = new StageMetricsDecoder();

    private final PipelineEvent event = new PipelineEvent();
    private final EndOfStreamCounts endOfStreamCounts = new EndOfStreamCounts();
    private final StageMetricsSnapshot stageMetrics = new StageMetricsSnapshot();

    private final Workload workload;
    private final EntryCodec codec;
    private final int entryTemplateId;
    private final int entryLength;
    private WorkloadResults results;
    private long framesDecoded;
    private long corruptFrames;

    /**
     * Create a decoder.
     *
     * @param handler       to call for the content of each valid frame.
     * @param maxLineLength longest line kept whole in the event; longer lines are kept truncated to this length.
     */
    public FrameDecoder(final FrameHandler handler, final int maxLineLength)
    {
        this(handler, maxLineLength, Workloads.events());
    }

    /**
     * Create a decoder of a workload's frames.
     *
     * @param handler       to call for the content of each valid frame.
     * @param maxLineLength longest line kept whole in the event; longer lines are kept truncated to this length.
     * @param workload      whose entry batches and results the frames carry.
     */
    public FrameDecoder(final FrameHandler handler, final int maxLineLength, final Workload workload)
    {
        if (null == handler)
        {
            throw new NullPointerException("handler");
        }
        if (maxLineLength <= 0)
        {
            throw new IllegalArgumentException("maxLineLength must be positive: " + maxLineLength);
        }
        this.handler = handler;
        this.maxLineLength = maxLineLength;
        this.workload = workload;
        this.codec = workload.entryCodec();
        this.entryTemplateId = codec.templateId();
        this.entryLength = codec.entryLength();
        event.entry(workload.newEntry());
        event.reserveLine(Math.min(PipelineEvent.DEFAULT_LINE_CAPACITY, maxLineLength));
    }

    /**
     * Validate a frame and, if it is valid, hand its content to the handler.
     *
     * @param buffer holding the frame.
     * @param offset at which the frame starts.
     * @param length of the frame: exactly one message, header included.
     * @return the template id of the frame, see {@link #frameType(int)}.
     * @throws CorruptFrameException if the frame is not a valid message of the schema; no callback has been made.
     */
    public int decode(final DirectBuffer buffer, final int offset, final int length)
    {
        final int templateId;
        final int blockLength;
        try
        {
            if (offset < 0 || length < 0 || offset > buffer.capacity() - length)
            {
                throw new CorruptFrameException(
                    Reason.OUTSIDE_BUFFER,
                    "frame offset=" + offset + " length=" + length + " outside buffer capacity=" + buffer.capacity());
            }
            if (length < HEADER_LENGTH)
            {
                throw new CorruptFrameException(
                    Reason.SHORTER_THAN_HEADER, "frame length=" + length + " < header length=" + HEADER_LENGTH);
            }

            final int schemaId = buffer.getShort(offset + SCHEMA_ID_OFFSET, BYTE_ORDER) & 0xFFFF;
            if (schemaId != MessageHeaderDecoder.SCHEMA_ID)
            {
                throw new CorruptFrameException(
                    Reason.UNKNOWN_SCHEMA, "schemaId=" + schemaId + ", expected " + MessageHeaderDecoder.SCHEMA_ID);
            }
            final int version = buffer.getShort(offset + VERSION_OFFSET, BYTE_ORDER) & 0xFFFF;
            if (version != MessageHeaderDecoder.SCHEMA_VERSION)
            {
                throw new CorruptFrameException(
                    Reason.UNKNOWN_VERSION, "version=" + version + ", expected " + MessageHeaderDecoder.SCHEMA_VERSION);
            }
            templateId = buffer.getShort(offset + TEMPLATE_ID_OFFSET, BYTE_ORDER) & 0xFFFF;
            blockLength = buffer.getShort(offset + BLOCK_LENGTH_OFFSET, BYTE_ORDER) & 0xFFFF;
            validate(buffer, offset + HEADER_LENGTH, offset + length, templateId, blockLength);
        }
        catch (final CorruptFrameException ex)
        {
            corruptFrames++;
            throw ex;
        }

        framesDecoded++;
        deliver(buffer, offset, templateId, blockLength);
        return templateId;
    }

    /**
     * The frame type of a template id {@link #decode} returned.
     *
     * @param templateId of a frame.
     * @return its type, {@link FrameType#ENTRY_BATCH} for the workload's entry batch, or null if unknown.
     */
    public FrameType frameType(final int templateId)
    {
        return templateId == entryTemplateId ? FrameType.ENTRY_BATCH : FrameType.fromTemplateId(templateId);
    }

    /**
     * Frames rejected as corrupt so far.
     *
     * @return count of {@link CorruptFrameException}s thrown by {@link #decode}.
     */
    public long corruptFrames()
    {
        return corruptFrames;
    }

    /**
     * Valid frames decoded so far.
     *
     * @return count of frames handed to the handler.
     */
    public long framesDecoded()
    {
        return framesDecoded;
    }

    /**
     * The longest line kept whole in a decoded event.
     *
     * @return the maximum line length in bytes.
     */
    public int maxLineLength()
    {
        return maxLineLength;
    }

    private void validate(
        final DirectBuffer buffer, final int body, final int end, final int templateId, final int blockLength)
    {
        if (templateId == entryTemplateId)
        {
            final int count = validateCommon(
                buffer, body, end, templateId, blockLength, FrameEncoder.ENTRY_BATCH_BLOCK_LENGTH);
            validateEntries(buffer, body + blockLength, end, count);
            return;
        }
        switch (templateId)
        {
            case RawLineBatchDecoder.TEMPLATE_ID:
            {
                final int count = validateCommon(
                    buffer, body, end, templateId, blockLength, RawLineBatchDecoder.BLOCK_LENGTH);
                validateRawLines(buffer, body + blockLength, end, count);
                break;
            }

            case RejectBatchDecoder.TEMPLATE_ID:
            {
                final int count = validateCommon(
                    buffer, body, end, templateId, blockLength, RejectBatchDecoder.BLOCK_LENGTH);
                validateRejects(buffer, body + blockLength, end, count);
                break;
            }

            case ResultsFrameDecoder.TEMPLATE_ID:
            {
                final int count = validateCommon(
                    buffer, body, end, templateId, blockLength, ResultsFrameDecoder.BLOCK_LENGTH);
                checkNoGroup(count);
                final int dataStart = body + blockLength;
                final int resultsLength = checkVarData(buffer, dataStart, end, "results");
                checkEnd(dataStart + VAR_DATA_HEADER_LENGTH + resultsLength, end);
                try
                {
                    results = workload.decodeResults(buffer, dataStart + VAR_DATA_HEADER_LENGTH, resultsLength);
                }
                catch (final IllegalArgumentException ex)
                {
                    throw new CorruptFrameException(
                        Reason.BAD_FIELD_VALUE, "results of workload " + workload.name() + ": " + ex.getMessage());
                }
                break;
            }

            case EndOfStreamDecoder.TEMPLATE_ID:
            {
                final int count = validateCommon(
                    buffer, body, end, templateId, blockLength, EndOfStreamDecoder.BLOCK_LENGTH);
                checkNoGroup(count);
                checkEnd(body + blockLength, end);
                break;
            }

            case StageMetricsDecoder.TEMPLATE_ID:
            {
                final int count = validateCommon(
                    buffer, body, end, templateId, blockLength, StageMetricsDecoder.BLOCK_LENGTH);
                checkNoGroup(count);
                final int stageCode = buffer.getByte(body + METRICS_STAGE_OFFSET) & 0xFF;
                if (null == StageId.fromCode(stageCode))
                {
                    throw new CorruptFrameException(Reason.UNKNOWN_STAGE, "metrics stage code=" + stageCode);
                }
                final int dataStart = body + blockLength;
                final int histogramLength = checkVarData(buffer, dataStart, end, "latencyHistogram");
                final int transitStart = dataStart + VAR_DATA_HEADER_LENGTH + histogramLength;
                final int transitLength = checkVarData(buffer, transitStart, end, "transitHistogram");
                checkEnd(transitStart + VAR_DATA_HEADER_LENGTH + transitLength, end);
                break;
            }

            default:
                throw new CorruptFrameException(Reason.UNKNOWN_TEMPLATE, "templateId=" + templateId);
        }
    }

    private static int validateCommon(
        final DirectBuffer buffer,
        final int body,
        final int end,
        final int templateId,
        final int blockLength,
        final int expectedBlockLength)
    {
        if (blockLength != expectedBlockLength)
        {
            throw new CorruptFrameException(
                Reason.BAD_BLOCK_LENGTH,
                "templateId=" + templateId + " blockLength=" + blockLength + ", expected " + expectedBlockLength);
        }
        if (blockLength > end - body)
        {
            throw new CorruptFrameException(
                Reason.TRUNCATED,
                "templateId=" + templateId + " block of " + blockLength + " bytes, frame body has " + (end - body));
        }
        final int senderCode = buffer.getByte(body + SENDER_OFFSET) & 0xFF;
        if (null == StageId.fromCode(senderCode))
        {
            throw new CorruptFrameException(Reason.UNKNOWN_STAGE, "sender code=" + senderCode);
        }
        final long sequence = buffer.getLong(body + SEQUENCE_OFFSET, BYTE_ORDER);
        if (sequence < 0)
        {
            throw new CorruptFrameException(Reason.BAD_FIELD_VALUE, "sequence=" + sequence + " is negative");
        }
        return buffer.getInt(body + EVENT_COUNT_OFFSET, BYTE_ORDER);
    }

    private static int validateGroupHeader(
        final DirectBuffer buffer,
        final int groupStart,
        final int end,
        final int eventCount,
        final int expectedBlockLength,
        final String groupName)
    {
        if (GROUP_HEADER_LENGTH > end - groupStart)
        {
            throw new CorruptFrameException(
                Reason.TRUNCATED, "group " + groupName + " header needs " + GROUP_HEADER_LENGTH + " bytes, frame has " +
                (end - groupStart));
        }
        final int entryLength = buffer.getShort(groupStart, BYTE_ORDER) & 0xFFFF;
        final int count = buffer.getShort(groupStart + 2, BYTE_ORDER) & 0xFFFF;
        if (entryLength != expectedBlockLength)
        {
            throw new CorruptFrameException(
                Reason.BAD_GROUP_BLOCK_LENGTH,
                "group " + groupName + " blockLength=" + entryLength + ", expected " + expectedBlockLength);
        }
        if (count > FrameEncoder.MAX_EVENTS_PER_FRAME)
        {
            throw new CorruptFrameException(
                Reason.BAD_GROUP_COUNT,
                "group " + groupName + " numInGroup=" + count + " > " + FrameEncoder.MAX_EVENTS_PER_FRAME);
        }
        if (count != eventCount)
        {
            throw new CorruptFrameException(
                Reason.EVENT_COUNT_MISMATCH,
                "eventCount=" + eventCount + " but group " + groupName + " numInGroup=" + count);
        }
        return count;
    }

    private void validateEntries(final DirectBuffer buffer, final int groupStart, final int end, final int eventCount)
    {
        final int entryLength = this.entryLength;
        final int count = validateGroupHeader(buffer, groupStart, end, eventCount, entryLength, "entries");
        final int first = groupStart + GROUP_HEADER_LENGTH;
        final long needed = (long)count * entryLength;
        if (needed > end - first)
        {
            throw new CorruptFrameException(
                Reason.TRUNCATED, count + " entries need " + needed + " bytes, frame has " + (end - first));
        }
        checkEnd(first + (int)needed, end);

        final EntryCodec codec = this.codec;
        for (int i = 0, entry = first; i < count; i++, entry += entryLength)
        {
            final String problem = codec.check(buffer, entry);
            if (null != problem)
            {
                throw new CorruptFrameException(Reason.BAD_ENTRY, "entry " + i + ": " + problem);
            }
        }
    }

    private void validateRawLines(final DirectBuffer buffer, final int groupStart, final int end, final int eventCount)
    {
        final int count = validateGroupHeader(buffer, groupStart, end, eventCount, RAW_LINE_ENTRY_LENGTH, "lines");
        final int maxLineLength = this.maxLineLength;
        int position = groupStart + GROUP_HEADER_LENGTH;
        for (int i = 0; i < count; i++)
        {
            if (RAW_LINE_ENTRY_LENGTH > end - position)
            {
                throw new CorruptFrameException(
                    Reason.TRUNCATED, "line " + i + " needs " + RAW_LINE_ENTRY_LENGTH + " bytes, frame has " +
                    (end - position));
            }
            final int trueLength = buffer.getInt(position + RAW_LINE_TRUE_LENGTH_OFFSET, BYTE_ORDER);
            final int dataStart = position + RAW_LINE_ENTRY_LENGTH;
            final int carried = checkVarData(buffer, dataStart, end, "line");
            if (trueLength < carried)
            {
                throw new CorruptFrameException(
                    Reason.BAD_FIELD_VALUE, "line " + i + " trueLength=" + trueLength + " < bytes carried=" + carried);
            }
            if (trueLength <= maxLineLength && carried != trueLength)
            {
                throw new CorruptFrameException(
                    Reason.BAD_FIELD_VALUE,
                    "line " + i + " of trueLength=" + trueLength + " <= maxLineLength=" + maxLineLength +
                    " carries only " + carried + " bytes");
            }
            position = dataStart + VAR_DATA_HEADER_LENGTH + carried;
        }
        checkEnd(position, end);
    }

    private static void validateRejects(
        final DirectBuffer buffer, final int groupStart, final int end, final int eventCount)
    {
        final int count = validateGroupHeader(buffer, groupStart, end, eventCount, REJECT_ENTRY_LENGTH, "rejects");
        int position = groupStart + GROUP_HEADER_LENGTH;
        for (int i = 0; i < count; i++)
        {
            if (REJECT_ENTRY_LENGTH > end - position)
            {
                throw new CorruptFrameException(
                    Reason.TRUNCATED, "reject " + i + " needs " + REJECT_ENTRY_LENGTH + " bytes, frame has " +
                    (end - position));
            }
            final int reasonCode = buffer.getByte(position + REJECT_REASON_OFFSET) & 0xFF;
            if (reasonCode >= REJECT_REASONS.length)
            {
                throw new CorruptFrameException(
                    Reason.UNKNOWN_REJECT_REASON, "reject " + i + " reason code=" + reasonCode);
            }
            final int trueLength = buffer.getInt(position + REJECT_TRUE_LENGTH_OFFSET, BYTE_ORDER);
            final int dataStart = position + REJECT_ENTRY_LENGTH;
            final int carried = checkVarData(buffer, dataStart, end, "line");
            if (carried > FrameEncoder.MAX_REJECT_EXCERPT || carried > trueLength)
            {
                throw new CorruptFrameException(
                    Reason.BAD_FIELD_VALUE,
                    "reject " + i + " excerpt of " + carried + " bytes exceeds trueLength=" + trueLength + " or " +
                    FrameEncoder.MAX_REJECT_EXCERPT);
            }
            position = dataStart + VAR_DATA_HEADER_LENGTH + carried;
        }
        checkEnd(position, end);
    }

    /**
     * Check that a var data field lies within the frame.
     *
     * @return the length of its data.
     */
    private static int checkVarData(final DirectBuffer buffer, final int dataStart, final int end, final String name)
    {
        if (VAR_DATA_HEADER_LENGTH > end - dataStart)
        {
            throw new CorruptFrameException(
                Reason.TRUNCATED, name + " length prefix needs " + VAR_DATA_HEADER_LENGTH + " bytes, frame has " +
                (end - dataStart));
        }
        final long length = buffer.getInt(dataStart, BYTE_ORDER) & 0xFFFF_FFFFL;
        final int available = end - dataStart - VAR_DATA_HEADER_LENGTH;
        if (length > available)
        {
            throw new CorruptFrameException(
                Reason.TRUNCATED, name + " claims " + length + " bytes, frame has " + available);
        }
        return (int)length;
    }

    private static void checkNoGroup(final int eventCount)
    {
        if (0 != eventCount)
        {
            throw new CorruptFrameException(
                Reason.EVENT_COUNT_MISMATCH, "eventCount=" + eventCount + " in a frame without a batch group");
        }
    }

    private static void checkEnd(final int position, final int end)
    {
        if (position != end)
        {
            throw new CorruptFrameException(
                Reason.TRAILING_BYTES, (end - position) + " bytes follow the end of the message");
        }
    }

    private void deliver(final DirectBuffer buffer, final int offset, final int templateId, final int blockLength)
    {
        if (templateId == entryTemplateId)
        {
            deliverEntries(buffer, offset + HEADER_LENGTH, blockLength);
            return;
        }
        final int body = offset + HEADER_LENGTH;
        final int version = MessageHeaderDecoder.SCHEMA_VERSION;
        final FrameHandler handler = this.handler;
        switch (templateId)
        {
            case RawLineBatchDecoder.TEMPLATE_ID:
            {
                final RawLineBatchDecoder decoder = rawLineBatchDecoder.wrap(buffer, body, blockLength, version);
                final RawLineBatchDecoder.LinesDecoder lines = decoder.lines();
                final int count = lines.count();
                final long publishNanos = decoder.publishNanos();
                handler.onFrameHeader(
                    FrameType.RAW_LINE_BATCH, StageId.fromCode(decoder.senderRaw()), decoder.sequence(), count);
                final PipelineEvent event = this.event;
                final int maxLineLength = this.maxLineLength;
                for (int i = 0; i < count; i++)
                {
                    lines.next();
                    final int trueLength = lines.trueLength();
                    final long intendedNanos = lines.intendedNanos();
                    final byte[] line = event.prepareLine(trueLength, maxLineLength, lines.lineNumber());
                    lines.getLine(line, 0, Math.min(trueLength, maxLineLength));
                    // paced: each line's own intended time; otherwise the frame's publish time stamps every line
                    event.ingestNanos(0 == intendedNanos ? publishNanos : intendedNanos);
                    handler.onRawLine(event);
                }
                break;
            }

            case RejectBatchDecoder.TEMPLATE_ID:
            {
                final RejectBatchDecoder decoder = rejectBatchDecoder.wrap(buffer, body, blockLength, version);
                final RejectBatchDecoder.RejectsDecoder entries = decoder.rejects();
                final int count = entries.count();
                handler.onFrameHeader(
                    FrameType.REJECT_BATCH, StageId.fromCode(decoder.senderRaw()), decoder.sequence(), count);
                final PipelineEvent event = this.event;
                final int maxLineLength = this.maxLineLength;
                for (int i = 0; i < count; i++)
                {
                    entries.next();
                    final int trueLength = entries.trueLength();
                    final RejectReason reason = REJECT_REASONS[entries.reasonRaw()];
                    final byte[] line = event.prepareLine(trueLength, maxLineLength, entries.lineNumber());
                    final int excerptLength = entries.getLine(line, 0, Math.min(trueLength, maxLineLength));
                    event.reject(reason);
                    handler.onReject(event, excerptLength);
                }
                break;
            }

            case ResultsFrameDecoder.TEMPLATE_ID:
            {
                final ResultsFrameDecoder decoder = resultsDecoder.wrap(buffer, body, blockLength, version);
                handler.onFrameHeader(
                    FrameType.RESULTS, StageId.fromCode(decoder.senderRaw()), decoder.sequence(), 0);
                final WorkloadResults decoded = results;
                results = null;
                handler.onResults(decoded);
                break;
            }

            case EndOfStreamDecoder.TEMPLATE_ID:
            {
                final EndOfStreamDecoder decoder = endOfStreamDecoder.wrap(buffer, body, blockLength, version);
                handler.onFrameHeader(
                    FrameType.END_OF_STREAM, StageId.fromCode(decoder.senderRaw()), decoder.sequence(), 0);
                endOfStreamCounts
                    .framesSent(decoder.framesSent())
                    .eventsSent(decoder.eventsSent())
                    .linesRead(decoder.linesRead())
                    .blankLines(decoder.blankLines())
                    .accepted(decoder.accepted())
                    .rejected(decoder.rejected())
                    .filtered(decoder.filtered())
                    .kept(decoder.kept())
                    .failed(decoder.failed());
                handler.onEndOfStream(endOfStreamCounts);
                break;
            }

            case StageMetricsDecoder.TEMPLATE_ID:
            {
                final StageMetricsDecoder decoder = stageMetricsDecoder.wrap(buffer, body, blockLength, version);
                handler.onFrameHeader(
                    FrameType.STAGE_METRICS, StageId.fromCode(decoder.senderRaw()), decoder.sequence(), 0);
                final StageMetricsSnapshot metrics = stageMetrics;
                metrics
                    .stage(StageId.fromCode(decoder.stageRaw()))
                    .wallNanos(decoder.wallNanos())
                    .processingNanos(decoder.processingNanos())
                    .sendingNanos(decoder.sendingNanos())
                    .waitingNanos(decoder.waitingNanos())
                    .backPressureRetries(decoder.backPressureRetries())
                    .framesIn(decoder.framesIn())
                    .eventsIn(decoder.eventsIn())
                    .framesOut(decoder.framesOut())
                    .eventsOut(decoder.eventsOut())
                    .firstEventNanos(decoder.firstEventNanos())
                    .lastEventNanos(decoder.lastEventNanos())
                    .clockDomain(decoder.clockDomainHigh(), decoder.clockDomainLow())
                    .negativeLatencySamples(decoder.negativeLatencySamples());
                final int histogramLength = decoder.latencyHistogramLength();
                decoder.getLatencyHistogram(metrics.prepareLatencyHistogram(histogramLength), 0, histogramLength);
                final int transitLength = decoder.transitHistogramLength();
                decoder.getTransitHistogram(metrics.prepareTransitHistogram(transitLength), 0, transitLength);
                handler.onStageMetrics(metrics);
                break;
            }

            default:
                throw new IllegalStateException("validated frame of unknown templateId=" + templateId);
        }
    }

    private void deliverEntries(final DirectBuffer buffer, final int body, final int blockLength)
    {
        final int count = buffer.getInt(body + EVENT_COUNT_OFFSET, BYTE_ORDER);
        handler.onFrameHeader(FrameType.ENTRY_BATCH, StageId.fromCode(buffer.getByte(body + SENDER_OFFSET) & 0xFF),
            buffer.getLong(body + SEQUENCE_OFFSET, BYTE_ORDER), count);
        final int entryLength = this.entryLength;
        final EntryCodec codec = this.codec;
        final PipelineEvent event = this.event;
        for (int i = 0, entry = body + blockLength + GROUP_HEADER_LENGTH; i < count; i++, entry += entryLength)
        {
            codec.decode(buffer, entry, event);
            handler.onEntry(event, buffer, entry);
        }
    }
}
