package org.eventpipe.codec;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;
import org.eventpipe.codec.CorruptFrameException.Reason;
import org.eventpipe.handler.AggregateResults;
import org.eventpipe.model.EventType;
import org.eventpipe.model.Outcome;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.model.RejectReason;
import org.eventpipe.sbe.MessageHeaderDecoder;
import org.eventpipe.workload.events.EventEntryCodec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameCodecTest
{
    private static final int MAX_LINE_LENGTH = 1024;
    private static final int OFFSET = 13;
    private static final int BODY = OFFSET + FrameEncoder.HEADER_LENGTH;
    private static final int EVENT_GROUP = BODY + FrameEncoder.COMMON_PREFIX_LENGTH - FrameEncoder.HEADER_LENGTH + 8;
    private static final int FIRST_EVENT = EVENT_GROUP + 4;
    private static final int EVENT_LENGTH = 33;

    // Frame sizes worked out by hand from the schema, not from the encoder: an 8-byte message header, a 13-byte
    // common prefix (sender uint8, sequence int64, eventCount int32), the 8-byte commitNanos of the batch messages, a
    // 4-byte group header, a 4-byte var-data length.
    private static final int RESULTS_BYTES = 8 + 13 + 4 + 3 * (8 + 8);
    private static final int END_OF_STREAM_BYTES = 8 + 13 + 9 * 8;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4 * 1024 * 1024]);
    private final FrameEncoder encoder = new FrameEncoder();
    private final RecordingFrameHandler handler = new RecordingFrameHandler();
    private final FrameDecoder decoder = new FrameDecoder(handler, MAX_LINE_LENGTH);

    @Test
    void shouldRoundTripEmptyEventBatches()
    {
        final PipelineEvent[] none = new PipelineEvent[0];
        final int length = encoder.encodeParsedBatch(buffer, OFFSET, StageId.PARSE, 0, none, 0);
        assertEquals(parsedBatchBytes(0), length);
        assertEquals(EventEntryCodec.INSTANCE.templateId(), decoder.decode(buffer, OFFSET, length));
        assertEquals(FrameType.ENTRY_BATCH, decoder.frameType(EventEntryCodec.INSTANCE.templateId()));
        assertEquals(new RecordingFrameHandler.Header(FrameType.ENTRY_BATCH, StageId.PARSE, 0, 0),
            handler.headers.get(0));
        assertTrue(handler.events.isEmpty());

        final int keptLength = encoder.encodeParsedBatch(buffer, OFFSET, StageId.RULES, 1, none, 0);
        assertEquals(EventEntryCodec.INSTANCE.templateId(), decoder.decode(buffer, OFFSET, keptLength));
        assertEquals(new RecordingFrameHandler.Header(FrameType.ENTRY_BATCH, StageId.RULES, 1, 0),
            handler.headers.get(1));
        assertTrue(handler.events.isEmpty());
    }

    @Test
    void shouldRoundTripOneParsedEventWithMaximumValues()
    {
        final PipelineEvent event = new PipelineEvent();
        event.setDecoded(Long.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE, EventType.PURCHASE, Integer.MAX_VALUE,
            Long.MAX_VALUE);

        final int length = encoder.encodeParsedBatch(
            buffer, OFFSET, StageId.PARSE, Long.MAX_VALUE, new PipelineEvent[]{ event }, 1);

        assertEquals(parsedBatchBytes(1), length);
        decoder.decode(buffer, OFFSET, length);
        assertEquals(new RecordingFrameHandler.Header(FrameType.ENTRY_BATCH, StageId.PARSE, Long.MAX_VALUE, 1),
            handler.headers.get(0));
        final RecordingFrameHandler.Decoded decoded = handler.events.get(0);
        assertEquals("entry", decoded.callback());
        assertEquals(Long.MAX_VALUE, decoded.lineNumber());
        assertEquals(Long.MAX_VALUE, decoded.ingestNanos());
        assertEquals(Long.MAX_VALUE, decoded.timestamp());
        assertEquals(Integer.MAX_VALUE, decoded.userId());
        assertEquals(Integer.MAX_VALUE, decoded.value());
        assertEquals(EventType.PURCHASE, decoded.type());
        assertEquals(Outcome.ACCEPTED, decoded.outcome());
    }

    @Test
    void shouldRoundTripKeptEventsWithMinimumValuesAndEveryType()
    {
        final PipelineEvent[] events = new PipelineEvent[EventType.count()];
        for (final EventType type : EventType.values())
        {
            final PipelineEvent event = new PipelineEvent();
            event.setDecoded(Long.MIN_VALUE + type.code(), Long.MIN_VALUE, Integer.MIN_VALUE, type, Integer.MIN_VALUE,
                Long.MIN_VALUE);
            events[type.code()] = event;
        }

        final int length = encoder.encodeParsedBatch(buffer, 0, StageId.RULES, 7, events, events.length);
        decoder.decode(buffer, 0, length);

        assertEquals(events.length, handler.events.size());
        for (final EventType type : EventType.values())
        {
            final RecordingFrameHandler.Decoded decoded = handler.events.get(type.code());
            assertEquals("entry", decoded.callback());
            assertEquals(type, decoded.type());
            assertEquals(Long.MIN_VALUE + type.code(), decoded.lineNumber());
            assertEquals(Long.MIN_VALUE, decoded.ingestNanos());
            assertEquals(Long.MIN_VALUE, decoded.timestamp());
            assertEquals(Integer.MIN_VALUE, decoded.userId());
            assertEquals(Integer.MIN_VALUE, decoded.value());
        }
    }

    @Test
    void shouldRoundTripLargestEventBatchTheFormatAllows()
    {
        final int count = FrameEncoder.MAX_EVENTS_PER_FRAME;
        final PipelineEvent[] events = new PipelineEvent[count];
        for (int i = 0; i < count; i++)
        {
            events[i] = new PipelineEvent();
            events[i].setDecoded(i + 1, 1000L + i, i, EventType.fromCode(i % 3), -i, 1_700_000_000_000L + i);
        }

        final int length = encoder.encodeParsedBatch(buffer, OFFSET, StageId.PARSE, 3, events, count);

        assertEquals(parsedBatchBytes(count), length);
        decoder.decode(buffer, OFFSET, length);
        assertEquals(count, handler.headers.get(0).eventCount());
        assertEquals(count, handler.events.size());
        for (int i = 0; i < count; i += 997)
        {
            final RecordingFrameHandler.Decoded decoded = handler.events.get(i);
            assertEquals(i + 1, decoded.lineNumber());
            assertEquals(1000L + i, decoded.ingestNanos());
            assertEquals(i, decoded.userId());
            assertEquals(-i, decoded.value());
            assertEquals(EventType.fromCode(i % 3), decoded.type());
            assertEquals(1_700_000_000_000L + i, decoded.timestamp());
        }
        assertEquals(count, handler.events.get(count - 1).lineNumber());
    }

    @Test
    void shouldRefuseToEncodeMoreEventsThanTheFormatAllows()
    {
        final PipelineEvent[] events = new PipelineEvent[FrameEncoder.MAX_EVENTS_PER_FRAME + 1];
        assertThrows(IllegalArgumentException.class,
            () -> encoder.encodeParsedBatch(buffer, 0, StageId.PARSE, 0, events, events.length));
        assertEquals(65534, FrameEncoder.MAX_EVENTS_PER_FRAME);
    }

    @Test
    void shouldRoundTripRawLinesWithMultiByteUtf8()
    {
        final String[] lines = { "{\"userId\":1,\"type\":\"click\"}", "", "héllo wörld ✓ 日本語 🚀", "x" };
        final PipelineEvent[] events = new PipelineEvent[lines.length];
        int totalBytes = 0;
        for (int i = 0; i < lines.length; i++)
        {
            final byte[] bytes = lines[i].getBytes(StandardCharsets.UTF_8);
            events[i] = new PipelineEvent();
            events[i].setLine(bytes, 0, bytes.length, MAX_LINE_LENGTH, 41 + i);
            totalBytes += bytes.length;
        }

        final int length = encoder.encodeRawLineBatch(
            buffer, OFFSET, StageId.INGEST, 5, 123_456_789L, events, events.length);

        assertEquals(rawLineBatchBytes(lines.length, totalBytes), length);
        decoder.decode(buffer, OFFSET, length);
        assertEquals(new RecordingFrameHandler.Header(FrameType.RAW_LINE_BATCH, StageId.INGEST, 5, lines.length),
            handler.headers.get(0));
        for (int i = 0; i < lines.length; i++)
        {
            final RecordingFrameHandler.Decoded decoded = handler.events.get(i);
            assertEquals("raw", decoded.callback());
            assertEquals(lines[i], new String(decoded.line(), StandardCharsets.UTF_8));
            assertEquals(lines[i].getBytes(StandardCharsets.UTF_8).length, decoded.lineLength());
            assertEquals(41 + i, decoded.lineNumber());
            assertEquals(123_456_789L, decoded.ingestNanos());
            assertEquals(Outcome.PENDING, decoded.outcome());
        }
    }

    @Test
    void shouldStampEachPacedLineWithItsIntendedTimeAndTheOthersWithThePublishTime()
    {
        final byte[] bytes = "{}".getBytes(StandardCharsets.UTF_8);
        final PipelineEvent[] events = new PipelineEvent[3];
        for (int i = 0; i < events.length; i++)
        {
            events[i] = new PipelineEvent();
            events[i].setLine(bytes, 0, bytes.length, MAX_LINE_LENGTH, 1 + i);
        }
        events[0].ingestNanos(1_000);
        events[2].ingestNanos(3_000);

        final int length = encoder.encodeRawLineBatch(buffer, OFFSET, StageId.INGEST, 0, 9_999, events, 3);
        decoder.decode(buffer, OFFSET, length);

        assertEquals(1_000, handler.events.get(0).ingestNanos());
        assertEquals(9_999, handler.events.get(1).ingestNanos());
        assertEquals(3_000, handler.events.get(2).ingestNanos());
    }

    @Test
    void shouldRoundTripEmptyRawLineBatch()
    {
        final int length = encoder.encodeRawLineBatch(buffer, 0, StageId.INGEST, 0, 0, new PipelineEvent[0], 0);
        assertEquals(rawLineBatchBytes(0, 0), length);
        assertEquals(FrameType.RAW_LINE_BATCH.templateId(), decoder.decode(buffer, 0, length));
        assertEquals(0, handler.headers.get(0).eventCount());
        assertTrue(handler.events.isEmpty());
    }

    @Test
    void shouldCarryTrueLengthOfTruncatedLine()
    {
        final byte[] longLine = new byte[MAX_LINE_LENGTH * 3];
        Arrays.fill(longLine, (byte)'a');
        final PipelineEvent event = new PipelineEvent();
        event.setLine(longLine, 0, longLine.length, MAX_LINE_LENGTH, 9);
        assertEquals(MAX_LINE_LENGTH, event.storedLineLength());

        final int length = encoder.encodeRawLineBatch(
            buffer, 0, StageId.INGEST, 0, 77, new PipelineEvent[]{ event }, 1);

        assertEquals(rawLineBatchBytes(1, MAX_LINE_LENGTH), length);
        decoder.decode(buffer, 0, length);
        final RecordingFrameHandler.Decoded decoded = handler.events.get(0);
        assertEquals(longLine.length, decoded.lineLength());
        assertArrayEquals(Arrays.copyOf(longLine, MAX_LINE_LENGTH), decoded.line());
    }

    @Test
    void shouldRoundTripLargestRawLineBatchNearTheLargestFrame()
    {
        final int count = FrameEncoder.MAX_EVENTS_PER_FRAME;
        final byte[] line = "{\"userId\":12345,\"type\":\"view\",\"v\":9}".getBytes(StandardCharsets.UTF_8);
        final PipelineEvent[] events = new PipelineEvent[count];
        for (int i = 0; i < count; i++)
        {
            events[i] = new PipelineEvent();
            events[i].setLine(line, 0, line.length, MAX_LINE_LENGTH, i + 1L);
        }

        final int expected = rawLineBatchBytes(count, count * line.length);
        final int length = encoder.encodeRawLineBatch(buffer, OFFSET, StageId.INGEST, 1, 2, events, count);

        assertEquals(expected, length);
        assertTrue(length > 3_000_000, "frame of " + length + " bytes");
        decoder.decode(buffer, OFFSET, length);
        assertEquals(count, handler.events.size());
        assertArrayEquals(line, handler.events.get(count - 1).line());
        assertEquals(count, handler.events.get(count - 1).lineNumber());
    }

    @Test
    void shouldRoundTripRejectsWithEveryReasonAndCutExcerptsAt512Bytes()
    {
        final RejectReason[] reasons = RejectReason.values();
        final PipelineEvent[] events = new PipelineEvent[reasons.length];
        int excerptBytes = 0;
        for (int i = 0; i < reasons.length; i++)
        {
            final byte[] line = ("ü".repeat(i * 100) + "!").getBytes(StandardCharsets.UTF_8);
            events[i] = new PipelineEvent();
            events[i].setLine(line, 0, line.length, MAX_LINE_LENGTH, 100 + i);
            events[i].reject(reasons[i]);
            excerptBytes += Math.min(i * 200 + 1, 512);
        }

        final int length = encoder.encodeRejectBatch(buffer, OFFSET, StageId.RULES, 11, events, events.length);

        assertEquals(rejectBatchBytes(reasons.length, excerptBytes), length);
        decoder.decode(buffer, OFFSET, length);
        assertEquals(new RecordingFrameHandler.Header(FrameType.REJECT_BATCH, StageId.RULES, 11, reasons.length),
            handler.headers.get(0));
        for (int i = 0; i < reasons.length; i++)
        {
            final RecordingFrameHandler.Decoded decoded = handler.events.get(i);
            final int trueLength = i * 200 + 1;
            assertEquals("reject", decoded.callback());
            assertEquals(reasons[i], decoded.reason());
            assertEquals(Outcome.REJECTED, decoded.outcome());
            assertEquals(100 + i, decoded.lineNumber());
            assertEquals(trueLength, decoded.lineLength());
            assertEquals(Math.min(trueLength, FrameEncoder.MAX_REJECT_EXCERPT), decoded.line().length);
            assertArrayEquals(Arrays.copyOf(events[i].line(), decoded.line().length), decoded.line());
        }
    }

    @Test
    void shouldRoundTripResults()
    {
        final long[] counts = { Long.MAX_VALUE, 0, 3 };
        final long[] sums = { Long.MIN_VALUE, 0, -42 };

        final int length = encoder.encodeResults(
            buffer, OFFSET, StageId.AGGREGATE, 9, new AggregateResults(counts, sums));

        assertEquals(RESULTS_BYTES, length);
        decoder.decode(buffer, OFFSET, length);
        assertEquals(new RecordingFrameHandler.Header(FrameType.RESULTS, StageId.AGGREGATE, 9, 0),
            handler.headers.get(0));
        assertEquals(new AggregateResults(counts, sums), handler.results);
        final AggregateResults decoded = (AggregateResults)handler.results;
        assertEquals(Long.MAX_VALUE, decoded.count(EventType.CLICK));
        assertEquals(Long.MIN_VALUE, decoded.sum(EventType.CLICK));
        assertEquals(-42, decoded.sum(EventType.PURCHASE));
    }

    @Test
    void shouldRoundTripEndOfStreamWithUnknownAndMaximumCounts()
    {
        final EndOfStreamCounts counts = new EndOfStreamCounts()
            .framesSent(12).eventsSent(Long.MAX_VALUE).linesRead(1000).blankLines(3).accepted(900).rejected(97)
            .filtered(EndOfStreamCounts.UNKNOWN).kept(0).failed(Long.MIN_VALUE);

        final int length = encoder.encodeEndOfStream(buffer, OFFSET, StageId.SINK, 13, counts);

        assertEquals(END_OF_STREAM_BYTES, length);
        decoder.decode(buffer, OFFSET, length);
        assertEquals(new RecordingFrameHandler.Header(FrameType.END_OF_STREAM, StageId.SINK, 13, 0),
            handler.headers.get(0));
        assertEquals(counts.toString(), handler.endOfStream.toString());
        assertEquals(-1, new EndOfStreamCounts().linesRead());
    }

    @Test
    void shouldRoundTripStageMetricsWithCompressedHistogram() throws Exception
    {
        final Histogram histogram = new Histogram(3_600_000_000_000L, 3);
        for (long i = 1; i <= 10_000; i++)
        {
            histogram.recordValue(i * 997);
        }
        final StageMetricsSnapshot metrics = new StageMetricsSnapshot()
            .stage(StageId.AGGREGATE).wallNanos(Long.MAX_VALUE).processingNanos(1).sendingNanos(2).waitingNanos(3)
            .backPressureRetries(4).framesIn(5).eventsIn(6).framesOut(7).eventsOut(8)
            .firstEventNanos(Long.MAX_VALUE).lastEventNanos(123_456_789L)
            .clockDomain(0x3f2a9c1e_01234567L, -2L).negativeLatencySamples(9)
            .captureLatencyHistogram(histogram);

        final int length = encoder.encodeStageMetrics(buffer, OFFSET, StageId.SINK, 21, metrics);

        assertEquals(stageMetricsBytes(metrics.latencyHistogramLength()), length);
        decoder.decode(buffer, OFFSET, length);
        assertEquals(new RecordingFrameHandler.Header(FrameType.STAGE_METRICS, StageId.SINK, 21, 0),
            handler.headers.get(0));
        assertEquals(metrics.toString(), handler.metrics.toString());
        assertEquals(StageId.AGGREGATE, handler.metrics.stage());
        assertEquals(0x3f2a9c1e_01234567L, handler.metrics.clockDomainHigh());
        assertEquals(-2L, handler.metrics.clockDomainLow());
        assertEquals(9, handler.metrics.negativeLatencySamples());
        final Histogram decoded = handler.metrics.decodeLatencyHistogram();
        assertEquals(histogram.getTotalCount(), decoded.getTotalCount());
        assertEquals(histogram.getValueAtPercentile(99.9), decoded.getValueAtPercentile(99.9));
        assertEquals(histogram.getMaxValue(), decoded.getMaxValue());
    }

    @Test
    void shouldRoundTripStageMetricsWithoutHistogram() throws Exception
    {
        final StageMetricsSnapshot metrics = new StageMetricsSnapshot().stage(StageId.INGEST).wallNanos(10);
        final int length = encoder.encodeStageMetrics(buffer, 0, StageId.INGEST, 0, metrics);

        assertEquals(stageMetricsBytes(0), length);
        decoder.decode(buffer, 0, length);
        assertEquals(0, handler.metrics.latencyHistogramLength());
        assertNull(handler.metrics.decodeLatencyHistogram());
        assertEquals(10, handler.metrics.wallNanos());
    }

    @Test
    void shouldForwardFrameWithNewSenderSequenceAndCommitTimeOnly()
    {
        final PipelineEvent event = new PipelineEvent();
        final byte[] line = "not json".getBytes(StandardCharsets.US_ASCII);
        event.setLine(line, 0, line.length, MAX_LINE_LENGTH, 5);
        event.reject(RejectReason.MALFORMED_JSON);
        final int length = encoder.encodeRejectBatch(buffer, 0, StageId.PARSE, 4, new PipelineEvent[]{ event }, 1);

        final UnsafeBuffer forwarded = new UnsafeBuffer(new byte[1024]);
        assertEquals(length, encoder.forward(buffer, 0, length, forwarded, 100, StageId.AGGREGATE, 99));

        final long committed = buffer.getLong(FrameEncoder.COMMIT_NANOS_OFFSET, ByteOrder.LITTLE_ENDIAN);
        assertTrue(committed > 0, "the encoder stamps the commit time");
        assertTrue(forwarded.getLong(100 + FrameEncoder.COMMIT_NANOS_OFFSET, ByteOrder.LITTLE_ENDIAN) >= committed,
            "a forwarded reject batch starts a new transit");
        decoder.decode(forwarded, 100, length);
        assertEquals(new RecordingFrameHandler.Header(FrameType.REJECT_BATCH, StageId.AGGREGATE, 99, 1),
            handler.headers.get(0));
        assertArrayEquals(line, handler.events.get(0).line());
        for (int i = 0; i < length; i++)
        {
            final boolean rewritten = i >= FrameEncoder.SENDER_OFFSET && i < FrameEncoder.EVENT_COUNT_OFFSET ||
                i >= FrameEncoder.COMMIT_NANOS_OFFSET && i < FrameEncoder.COMMIT_NANOS_OFFSET + 8;
            if (!rewritten)
            {
                assertEquals(buffer.getByte(i), forwarded.getByte(100 + i), "byte " + i);
            }
        }
    }

    @Test
    void shouldRejectFramesOutsideBufferOrShorterThanHeader()
    {
        assertCorrupt(Reason.OUTSIDE_BUFFER, buffer.capacity() - 4, 8);
        assertCorrupt(Reason.OUTSIDE_BUFFER, -1, 8);
        assertCorrupt(Reason.OUTSIDE_BUFFER, 0, -1);
        assertCorrupt(Reason.SHORTER_THAN_HEADER, 0, 7);
        assertEquals(4, decoder.corruptFrames());
    }

    @Test
    void shouldRejectUnknownSchemaVersionAndTemplate()
    {
        final int length = encodeEvents(2);
        buffer.putShort(OFFSET + 4, (short)1702, ByteOrder.LITTLE_ENDIAN);
        assertCorrupt(Reason.UNKNOWN_SCHEMA, OFFSET, length);

        encodeEvents(2);
        buffer.putShort(OFFSET + 6, (short)(MessageHeaderDecoder.SCHEMA_VERSION + 1), ByteOrder.LITTLE_ENDIAN);
        assertCorrupt(Reason.UNKNOWN_VERSION, OFFSET, length);

        encodeEvents(2);
        buffer.putShort(OFFSET + 6, (short)(MessageHeaderDecoder.SCHEMA_VERSION - 1), ByteOrder.LITTLE_ENDIAN);
        assertCorrupt(Reason.UNKNOWN_VERSION, OFFSET, length);

        encodeEvents(2);
        buffer.putShort(OFFSET + 2, (short)99, ByteOrder.LITTLE_ENDIAN);
        assertCorrupt(Reason.UNKNOWN_TEMPLATE, OFFSET, length);
    }

    @Test
    void shouldRejectInconsistentBlockAndGroupLengths()
    {
        final int length = encodeEvents(2);
        buffer.putShort(OFFSET, (short)12, ByteOrder.LITTLE_ENDIAN);
        assertCorrupt(Reason.BAD_BLOCK_LENGTH, OFFSET, length);

        encodeEvents(2);
        buffer.putShort(EVENT_GROUP, (short)32, ByteOrder.LITTLE_ENDIAN);
        assertCorrupt(Reason.BAD_GROUP_BLOCK_LENGTH, OFFSET, length);

        encodeEvents(2);
        buffer.putShort(EVENT_GROUP + 2, (short)3, ByteOrder.LITTLE_ENDIAN);
        assertCorrupt(Reason.EVENT_COUNT_MISMATCH, OFFSET, length);

        encodeEvents(2);
        buffer.putShort(EVENT_GROUP + 2, (short)0xFFFF, ByteOrder.LITTLE_ENDIAN);
        assertCorrupt(Reason.BAD_GROUP_COUNT, OFFSET, length);

        encodeEvents(2);
        buffer.putShort(EVENT_GROUP + 2, (short)3, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(BODY + 9, 3, ByteOrder.LITTLE_ENDIAN);
        assertCorrupt(Reason.TRUNCATED, OFFSET, length);
    }

    @Test
    void shouldRejectTruncatedFramesAndTrailingBytes()
    {
        final int length = encodeEvents(3);
        for (int cut = 1; cut < length - FrameEncoder.HEADER_LENGTH; cut++)
        {
            assertThrows(CorruptFrameException.class, () -> decoder.decode(buffer, OFFSET, 0));
            final int truncated = length - cut;
            final CorruptFrameException ex =
                assertThrows(CorruptFrameException.class, () -> decoder.decode(buffer, OFFSET, truncated));
            assertTrue(ex.reason() == Reason.TRUNCATED || ex.reason() == Reason.TRAILING_BYTES, ex.getMessage());
        }
        assertCorrupt(Reason.TRAILING_BYTES, OFFSET, length + 1);
        assertEquals(0, handler.callbacks());
    }

    @Test
    void shouldRejectEveryBatchWhoseLastEntryIsTruncatedWithoutAnyCallback()
    {
        final PipelineEvent[] events = new PipelineEvent[3];
        for (int i = 0; i < events.length; i++)
        {
            final byte[] line = ("{\"line\":" + i + "}").getBytes(StandardCharsets.US_ASCII);
            events[i] = new PipelineEvent();
            events[i].setLine(line, 0, line.length, MAX_LINE_LENGTH, i + 1L);
            events[i].reject(RejectReason.MALFORMED_JSON);
        }
        final int lastLine = events[2].storedLineLength();
        final int rawLength = encoder.encodeRawLineBatch(buffer, OFFSET, StageId.INGEST, 0, 0, events, 3);
        assertTruncatedLastEntryRejected(rawLength, 8 + 4 + 4 + lastLine);
        final int rejectLength = encoder.encodeRejectBatch(buffer, OFFSET, StageId.PARSE, 0, events, 3);
        assertTruncatedLastEntryRejected(rejectLength, 8 + 4 + 1 + 4 + lastLine);

        final int parsedLength = encodeEvents(3);
        assertTruncatedLastEntryRejected(parsedLength, EVENT_LENGTH);
    }

    private void assertTruncatedLastEntryRejected(final int length, final int lastEntryLength)
    {
        for (int cut = 1; cut <= lastEntryLength; cut++)
        {
            assertCorrupt(Reason.TRUNCATED, OFFSET, length - cut);
        }
        handler.clear();
        decoder.decode(buffer, OFFSET, length);
        assertEquals(3, handler.events.size(), "the whole frame still decodes");
    }

    @Test
    void shouldRejectUnknownEnumCodesBeforeDeliveringAnyEvent()
    {
        final int length = encodeEvents(3);
        buffer.putByte(FIRST_EVENT + 2 * EVENT_LENGTH + 32, (byte)3);
        assertCorrupt(Reason.BAD_ENTRY, OFFSET, length);

        encodeEvents(3);
        buffer.putByte(BODY, (byte)0);
        assertCorrupt(Reason.UNKNOWN_STAGE, OFFSET, length);

        encodeEvents(3);
        buffer.putByte(BODY, (byte)6);
        assertCorrupt(Reason.UNKNOWN_STAGE, OFFSET, length);

        encodeEvents(3);
        buffer.putLong(BODY + 1, -1, ByteOrder.LITTLE_ENDIAN);
        assertCorrupt(Reason.BAD_FIELD_VALUE, OFFSET, length);

        final PipelineEvent event = new PipelineEvent();
        event.setLine(new byte[]{ 'x' }, 0, 1, MAX_LINE_LENGTH, 1);
        event.reject(RejectReason.LINE_TOO_LONG);
        final int rejectLength =
            encoder.encodeRejectBatch(buffer, OFFSET, StageId.PARSE, 0, new PipelineEvent[]{ event }, 1);
        buffer.putByte(FIRST_EVENT + 12, (byte)RejectReason.count());
        assertCorrupt(Reason.UNKNOWN_REJECT_REASON, OFFSET, rejectLength);
    }

    @Test
    void shouldRejectLinesCarryingMoreOrFewerBytesThanTheirLength()
    {
        final PipelineEvent event = new PipelineEvent();
        event.setLine(new byte[]{ 'a', 'b', 'c' }, 0, 3, MAX_LINE_LENGTH, 1);
        final PipelineEvent[] events = { event };
        final int lineLengthField = FIRST_EVENT + 8; // after the line number

        final int length = encoder.encodeRawLineBatch(buffer, OFFSET, StageId.INGEST, 0, 0, events, 1);
        buffer.putInt(lineLengthField, 2, ByteOrder.LITTLE_ENDIAN);
        assertCorrupt(Reason.BAD_FIELD_VALUE, OFFSET, length);

        encoder.encodeRawLineBatch(buffer, OFFSET, StageId.INGEST, 0, 0, events, 1);
        buffer.putInt(lineLengthField, 4, ByteOrder.LITTLE_ENDIAN);
        assertCorrupt(Reason.BAD_FIELD_VALUE, OFFSET, length);

        encoder.encodeRawLineBatch(buffer, OFFSET, StageId.INGEST, 0, 0, events, 1);
        buffer.putInt(lineLengthField, -1, ByteOrder.LITTLE_ENDIAN);
        assertCorrupt(Reason.BAD_FIELD_VALUE, OFFSET, length);

        encoder.encodeRawLineBatch(buffer, OFFSET, StageId.INGEST, 0, 0, events, 1);
        buffer.putInt(lineLengthField + 4 + 8, -1, ByteOrder.LITTLE_ENDIAN); // the var data length, past intendedNanos
        assertCorrupt(Reason.TRUNCATED, OFFSET, length);
    }

    @Test
    void shouldRejectResultsTheWorkloadCannotDecode()
    {
        final int length = encoder.encodeResults(buffer, OFFSET, StageId.AGGREGATE, 0, noResults());
        buffer.putLong(BODY + 13 + 4, -1, ByteOrder.LITTLE_ENDIAN);
        assertCorrupt(Reason.BAD_FIELD_VALUE, OFFSET, length);

        encoder.encodeResults(buffer, OFFSET, StageId.AGGREGATE, 0, noResults());
        buffer.putInt(BODY + 13, 47, ByteOrder.LITTLE_ENDIAN);
        assertCorrupt(Reason.TRAILING_BYTES, OFFSET, length);
    }

    private static AggregateResults noResults()
    {
        return new AggregateResults(new long[3], new long[3]);
    }

    @Test
    void shouldRejectEndOfStreamWithEventCount()
    {
        final int length = encoder.encodeEndOfStream(buffer, OFFSET, StageId.PARSE, 0, new EndOfStreamCounts());
        buffer.putInt(BODY + 9, 1, ByteOrder.LITTLE_ENDIAN);
        assertCorrupt(Reason.EVENT_COUNT_MISMATCH, OFFSET, length);
    }

    @Test
    void shouldShareSenderSequenceAndCountOffsetsAcrossMessages()
    {
        assertEquals(8, FrameEncoder.SENDER_OFFSET);
        assertEquals(9, FrameEncoder.SEQUENCE_OFFSET);
        assertEquals(17, FrameEncoder.EVENT_COUNT_OFFSET);
        assertEquals(13, FrameEncoder.COMMON_PREFIX_LENGTH - FrameEncoder.HEADER_LENGTH);

        final PipelineEvent[] events = { new PipelineEvent(), new PipelineEvent() };
        final PipelineEvent[] decoded = { new PipelineEvent(), new PipelineEvent() };
        for (int i = 0; i < events.length; i++)
        {
            events[i].setLine(new byte[]{ 'a', 'b' }, 0, 2, MAX_LINE_LENGTH, 1);
            events[i].reject(RejectReason.MALFORMED_JSON);
            decoded[i].setDecoded(i, i, i, EventType.VIEW, i, i);
        }
        final int[] lengths = {
            encoder.encodeRawLineBatch(buffer, 0, StageId.INGEST, 101, 7, events, 2),
            encoder.encodeParsedBatch(buffer, 1_000, StageId.PARSE, 102, decoded, 2),
            encoder.encodeParsedBatch(buffer, 2_000, StageId.RULES, 103, decoded, 2),
            encoder.encodeRejectBatch(buffer, 3_000, StageId.PARSE, 104, events, 2),
            encoder.encodeResults(buffer, 4_000, StageId.AGGREGATE, 105, noResults()),
            encoder.encodeEndOfStream(buffer, 5_000, StageId.RULES, 106, new EndOfStreamCounts()),
            encoder.encodeStageMetrics(buffer, 6_000, StageId.SINK, 107,
                new StageMetricsSnapshot().stage(StageId.PARSE)) };
        final StageId[] senders = {
            StageId.INGEST, StageId.PARSE, StageId.RULES, StageId.PARSE, StageId.AGGREGATE, StageId.RULES,
            StageId.SINK };
        final int[] counts = { 2, 2, 2, 2, 0, 0, 0 };
        for (int i = 0; i < lengths.length; i++)
        {
            final int frame = i * 1_000;
            assertTrue(lengths[i] > 17 && lengths[i] < 1_000, "frame " + i + " of " + lengths[i] + " bytes");
            final String message = "frame " + i;
            assertEquals(senders[i].code(), buffer.getByte(frame + 8), message);
            assertEquals(101 + i, buffer.getLong(frame + 9, ByteOrder.LITTLE_ENDIAN), message);
            assertEquals(counts[i], buffer.getInt(frame + 17, ByteOrder.LITTLE_ENDIAN), message);
            assertEquals(senders[i].code(), buffer.getByte(frame + FrameEncoder.SENDER_OFFSET), message);
            assertEquals(101 + i, buffer.getLong(frame + FrameEncoder.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN));
            assertEquals(counts[i], buffer.getInt(frame + FrameEncoder.EVENT_COUNT_OFFSET, ByteOrder.LITTLE_ENDIAN));
        }
        for (final StageId stage : StageId.values())
        {
            assertEquals(stage, StageId.fromCode(stage.code()));
        }
        for (final FrameType type : FrameType.values())
        {
            assertEquals(FrameType.ENTRY_BATCH == type ? null : type, FrameType.fromTemplateId(type.templateId()));
            assertEquals(type, decoder.frameType(FrameType.ENTRY_BATCH == type ?
                EventEntryCodec.INSTANCE.templateId() : type.templateId()));
        }
    }

    @Test
    void shouldComputeTheSameFrameLengthsAsWorkedOutByHand()
    {
        for (final int count : new int[]{ 0, 1, 2, 100, FrameEncoder.MAX_EVENTS_PER_FRAME })
        {
            assertEquals(parsedBatchBytes(count), FrameEncoder.eventBatchLength(count));
            assertEquals(rawLineBatchBytes(count, count * 7), FrameEncoder.rawLineBatchLength(count, count * 7));
            assertEquals(rejectBatchBytes(count, count * 9), FrameEncoder.rejectBatchLength(count, count * 9));
        }
        assertEquals(24 + 40, FrameEncoder.rawLineEntryLength(40));
        assertEquals(17 + 40, FrameEncoder.rejectEntryLength(40));
        assertEquals(RESULTS_BYTES, FrameEncoder.resultsLength(noResults()));
        assertEquals(END_OF_STREAM_BYTES, FrameEncoder.endOfStreamLength());
        assertEquals(stageMetricsBytes(0), FrameEncoder.stageMetricsLength(0));
        assertEquals(stageMetricsBytes(321), FrameEncoder.stageMetricsLength(321));
    }

    /** A parsed or kept batch: header, prefix and group header, then 33 bytes an event (3 int64, 2 int32, 1 uint8). */
    private static int parsedBatchBytes(final int events)
    {
        return 8 + 13 + 8 + 4 + 33 * events;
    }

    /** A raw line batch: the prefix plus publishNanos, then per line lineNumber, trueLength and the line's length. */
    private static int rawLineBatchBytes(final int lines, final int lineBytes)
    {
        return 8 + 13 + 8 + 4 + lines * (8 + 4 + 8 + 4) + lineBytes;
    }

    /** A reject batch: per reject lineNumber, trueLength, reason and the excerpt's length. */
    private static int rejectBatchBytes(final int rejects, final int excerptBytes)
    {
        return 8 + 13 + 8 + 4 + rejects * (8 + 4 + 1 + 4) + excerptBytes;
    }

    /**
     * Stage metrics: the prefix, the stage, fourteen int64 fields (the last three since version 2: the clock domain
     * and the negative latency samples), the histogram's var data and the transit's.
     */
    private static int stageMetricsBytes(final int histogramBytes)
    {
        return 8 + 13 + 1 + 14 * 8 + 4 + histogramBytes + 4;
    }

    private int encodeEvents(final int count)
    {
        final PipelineEvent[] events = new PipelineEvent[count];
        for (int i = 0; i < count; i++)
        {
            events[i] = new PipelineEvent();
            events[i].setDecoded(i, i, i, EventType.CLICK, i, i);
        }
        return encoder.encodeParsedBatch(buffer, OFFSET, StageId.PARSE, 0, events, count);
    }

    private void assertCorrupt(final Reason reason, final int offset, final int length)
    {
        handler.clear();
        final long before = decoder.corruptFrames();
        final CorruptFrameException ex =
            assertThrows(CorruptFrameException.class, () -> decoder.decode(buffer, offset, length));
        assertEquals(reason, ex.reason(), ex.getMessage());
        assertEquals(before + 1, decoder.corruptFrames());
        assertEquals(0, handler.callbacks(), "no callback for a corrupt frame");
    }
}
