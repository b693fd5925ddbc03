package org.eventpipe.codec;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.eventpipe.handler.AggregateResults;
import org.eventpipe.model.EventType;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.model.RejectReason;
import org.junit.jupiter.api.Test;
import uk.co.real_logic.sbe.ir.Ir;
import uk.co.real_logic.sbe.ir.IrDecoder;
import uk.co.real_logic.sbe.ir.Token;
import uk.co.real_logic.sbe.otf.AbstractTokenListener;
import uk.co.real_logic.sbe.otf.OtfHeaderDecoder;
import uk.co.real_logic.sbe.otf.OtfMessageDecoder;
import uk.co.real_logic.sbe.otf.Types;
import uk.co.real_logic.sbe.xml.IrGenerator;
import uk.co.real_logic.sbe.xml.ParserOptions;
import uk.co.real_logic.sbe.xml.XmlSchemaParser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Decodes frames written by {@link FrameEncoder} with SBE's own on-the-fly decoder, driven by the IR that the build
 * generated and by IR generated from the XML here: the frames are the schema's wire format, not just our decoder's.
 */
class OtfFrameDecodeTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64 * 1024]);
    private final FrameEncoder encoder = new FrameEncoder();

    @Test
    void shouldDecodeParsedBatchWithOtfDecoderFromBuildIr() throws Exception
    {
        final Ir ir = buildIr();
        final PipelineEvent first = new PipelineEvent();
        first.setDecoded(
            42, Long.MAX_VALUE, Integer.MIN_VALUE, EventType.PURCHASE, Integer.MAX_VALUE, 1_700_000_000_123L);
        final PipelineEvent second = new PipelineEvent();
        second.setDecoded(43, 7, 1, EventType.VIEW, -1, Long.MIN_VALUE);

        final int length = encoder.encodeParsedBatch(
            buffer, 0, StageId.PARSE, 17, new PipelineEvent[]{ first, second }, 2);

        assertEquals(List.of(
            "sender=PARSE", "sequence=17", "eventCount=2", "commitNanos=" + commitNanos(), "events.numInGroup=2",
            "lineNumber=42", "ingestNanos=" + Long.MAX_VALUE, "ts=1700000000123", "userId=" + Integer.MIN_VALUE,
            "value=" + Integer.MAX_VALUE, "eventType=PURCHASE",
            "lineNumber=43", "ingestNanos=7", "ts=" + Long.MIN_VALUE, "userId=1", "value=-1", "eventType=VIEW"),
            decode(ir, length, "ParsedEventBatch"));
    }

    @Test
    void shouldDecodeRawLinesAndRejectsWithOtfDecoderFromXmlIr() throws Exception
    {
        final Ir ir = xmlIr();
        final byte[] line = "{\"type\":\"ünïcödé ✓\"}".getBytes(StandardCharsets.UTF_8);
        final PipelineEvent event = new PipelineEvent();
        event.setLine(line, 0, line.length, 1024, 5);

        final int rawLength = encoder.encodeRawLineBatch(
            buffer, 0, StageId.INGEST, 0, 999, new PipelineEvent[]{ event }, 1);
        assertEquals(List.of(
            "sender=INGEST", "sequence=0", "eventCount=1", "publishNanos=999", "lines.numInGroup=1",
            "lineNumber=5", "trueLength=" + line.length, "intendedNanos=0", "line={\"type\":\"ünïcödé ✓\"}"),
            decode(ir, rawLength, "RawLineBatch"));

        event.reject(RejectReason.UNKNOWN_TYPE);
        final int rejectLength = encoder.encodeRejectBatch(
            buffer, 0, StageId.AGGREGATE, 3, new PipelineEvent[]{ event }, 1);
        assertEquals(List.of(
            "sender=AGGREGATE", "sequence=3", "eventCount=1", "commitNanos=" + commitNanos(), "rejects.numInGroup=1",
            "lineNumber=5", "trueLength=" + line.length, "reason=UNKNOWN_TYPE", "line={\"type\":\"ünïcödé ✓\"}"),
            decode(ir, rejectLength, "RejectBatch"));
    }

    @Test
    void shouldDecodeResultsEndOfStreamAndMetricsWithOtfDecoder() throws Exception
    {
        final Ir ir = buildIr();
        final int resultsLength = encoder.encodeResults(buffer, 0, StageId.AGGREGATE, 1,
            new AggregateResults(new long[]{ 1, 2, 3 }, new long[]{ 10, 20, 30 }));
        assertEquals(List.of(
            "sender=AGGREGATE", "sequence=1", "eventCount=0", "results.length=48"),
            decode(ir, resultsLength, "ResultsFrame"));

        final int endLength = encoder.encodeEndOfStream(buffer, 0, StageId.RULES, 8, new EndOfStreamCounts()
            .framesSent(8).eventsSent(100).accepted(100).filtered(40).kept(60).failed(0));
        assertEquals(List.of(
            "sender=RULES", "sequence=8", "eventCount=0", "framesSent=8", "eventsSent=100", "linesRead=-1",
            "blankLines=-1", "accepted=100", "rejected=-1", "filtered=40", "kept=60", "failed=0"),
            decode(ir, endLength, "EndOfStream"));

        final byte[] histogram = { 1, 2, 3, (byte)0xFF };
        final int metricsLength = encoder.encodeStageMetrics(buffer, 0, StageId.SINK, 9, new StageMetricsSnapshot()
            .stage(StageId.AGGREGATE).wallNanos(1).processingNanos(2).sendingNanos(3).waitingNanos(4)
            .backPressureRetries(5).framesIn(6).eventsIn(7).framesOut(8).eventsOut(9)
            .firstEventNanos(10).lastEventNanos(11).clockDomain(12, 13).negativeLatencySamples(14)
            .latencyHistogram(histogram, histogram.length));
        assertEquals(List.of(
            "sender=SINK", "sequence=9", "eventCount=0", "stage=AGGREGATE", "wallNanos=1", "processingNanos=2",
            "sendingNanos=3", "waitingNanos=4", "backPressureRetries=5", "framesIn=6", "eventsIn=7", "framesOut=8",
            "eventsOut=9", "firstEventNanos=10", "lastEventNanos=11", "clockDomainHigh=12", "clockDomainLow=13",
            "negativeLatencySamples=14", "latencyHistogram.length=4",
            "transitHistogram.length=0"),
            decode(ir, metricsLength, "StageMetrics"));
    }

    private List<String> decode(final Ir ir, final int length, final String expectedMessage)
    {
        final OtfHeaderDecoder headerDecoder = new OtfHeaderDecoder(ir.headerStructure());
        assertEquals(ir.id(), headerDecoder.getSchemaId(buffer, 0));
        assertEquals(ir.version(), headerDecoder.getSchemaVersion(buffer, 0));
        final List<Token> tokens = ir.getMessage(headerDecoder.getTemplateId(buffer, 0));
        assertNotNull(tokens);
        assertEquals(expectedMessage, tokens.get(0).name());

        final RecordingTokenListener listener = new RecordingTokenListener();
        final int bodyOffset = headerDecoder.encodedLength();
        final int end = OtfMessageDecoder.decode(
            buffer, bodyOffset, headerDecoder.getSchemaVersion(buffer, 0), headerDecoder.getBlockLength(buffer, 0),
            tokens, listener);
        assertEquals(length, end, "OTF decoder consumed the whole frame");
        return listener.fields;
    }

    private static Ir buildIr() throws Exception
    {
        try (InputStream in = OtfFrameDecodeTest.class.getResourceAsStream("/eventpipe-codecs.sbeir"))
        {
            assertNotNull(in, "IR generated by the schemas build");
            try (IrDecoder irDecoder = new IrDecoder(ByteBuffer.wrap(in.readAllBytes())))
            {
                return irDecoder.decode();
            }
        }
    }

    private static Ir xmlIr() throws Exception
    {
        try (InputStream in = OtfFrameDecodeTest.class.getResourceAsStream("/eventpipe-codecs.xml"))
        {
            assertNotNull(in, "schema XML in the schemas jar");
            final ParserOptions options = ParserOptions.builder().stopOnError(true).warningsFatal(true).build();
            return new IrGenerator().generate(XmlSchemaParser.parse(in, options));
        }
    }

    private static final class RecordingTokenListener extends AbstractTokenListener
    {
        private final List<String> fields = new ArrayList<>();

        public void onEncoding(
            final Token fieldToken,
            final DirectBuffer buffer,
            final int index,
            final Token typeToken,
            final int actingVersion)
        {
            final StringBuilder value = new StringBuilder();
            Types.appendAsString(value, buffer, index, typeToken.encoding());
            fields.add(fieldToken.name() + "=" + value);
        }

        public void onEnum(
            final Token fieldToken,
            final DirectBuffer buffer,
            final int bufferIndex,
            final List<Token> tokens,
            final int beginIndex,
            final int endIndex,
            final int actingVersion)
        {
            final long code = Types.getLong(buffer, bufferIndex, tokens.get(beginIndex + 1).encoding());
            String name = "UNKNOWN(" + code + ")";
            for (int i = beginIndex + 1; i < endIndex; i++)
            {
                if (tokens.get(i).encoding().constValue().longValue() == code)
                {
                    name = tokens.get(i).name();
                }
            }
            fields.add(fieldToken.name() + "=" + name);
        }

        public void onGroupHeader(final Token token, final int numInGroup)
        {
            fields.add(token.name() + ".numInGroup=" + numInGroup);
        }

        public void onVarData(
            final Token fieldToken,
            final DirectBuffer buffer,
            final int bufferIndex,
            final int length,
            final Token typeToken)
        {
            if ("line".equals(fieldToken.name()))
            {
                fields.add("line=" + buffer.getStringWithoutLengthUtf8(bufferIndex, length));
            }
            else
            {
                fields.add(fieldToken.name() + ".length=" + length);
            }
        }
    }

    private long commitNanos()
    {
        return buffer.getLong(FrameEncoder.COMMIT_NANOS_OFFSET, java.nio.ByteOrder.LITTLE_ENDIAN);
    }
}
