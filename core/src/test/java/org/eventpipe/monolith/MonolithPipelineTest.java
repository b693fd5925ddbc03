package org.eventpipe.monolith;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.eventpipe.handler.AggregateHandler;
import org.eventpipe.handler.AggregateResults;
import org.eventpipe.handler.ParseHandler;
import org.eventpipe.handler.PipelineStep;
import org.eventpipe.handler.RulesHandler;
import org.eventpipe.ingest.LineSource;
import org.eventpipe.ingest.NdjsonLineReader;
import org.eventpipe.metrics.PipelineCounts;
import org.eventpipe.metrics.RejectFileWriter;
import org.eventpipe.metrics.RejectSink;
import org.eventpipe.metrics.RunResult;
import org.eventpipe.model.EventType;
import org.eventpipe.model.RejectReason;
import org.eventpipe.support.HandWrittenInput;
import org.eventpipe.support.JacksonReference;
import org.eventpipe.support.ReferenceGenerator;
import org.eventpipe.support.ReferenceOutcome;
import org.eventpipe.testing.RecordingRejectSink;
import org.eventpipe.workload.EventGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End-to-end: the Disruptor monolith, the same on JDK queues ({@code jdk} among the wait strategies below) and the
 * fused loop must produce exactly the aggregates, counts and rejects of
 * {@link JacksonReference}, which reads the input's bytes itself and judges lines with Jackson, sharing no reader,
 * parser, counter or writer with the pipeline; generated input is judged from {@link ReferenceGenerator}'s lines.
 */
@Timeout(120)
final class MonolithPipelineTest
{
    private static final String JDK = "jdk";
    private static final int SMALL_RING = 64;
    private static final int SMALL_BATCH = 16;
    private static final int MAX_LINE_LENGTH = 128;
    private static final int GENERATED_EVENTS = 200_000;
    private static final Set<EventType> DROPPED = EnumSet.of(EventType.VIEW);

    private static ReferenceOutcome generatedReference;
    private static byte[] mixedInput;
    private static ReferenceOutcome mixedReference;

    @BeforeAll
    static void computeReferences()
    {
        final JacksonReference reference = new JacksonReference(MAX_LINE_LENGTH, DROPPED);
        generatedReference = reference.run(ReferenceGenerator.ndjson(42, 10_000, GENERATED_EVENTS));
        mixedInput = mixedInput(1_000);
        mixedReference = reference.run(mixedInput);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "backoff", "yielding", "sleeping", "phased", "blocking", "lite-blocking", JDK })
    void shouldMatchReferenceOnGeneratedInputWithSmallRing(final String waitStrategy) throws IOException
    {
        final RecordingRejectSink rejects = new RecordingRejectSink();
        final RunResult result = new MonolithPipeline(settings(waitStrategy), rejects)
            .run(new EventGenerator(42, 10_000, GENERATED_EVENTS));

        assertEquals(List.of(), generatedReference.mismatches(result, rejects.rejects));
        assertEquals(GENERATED_EVENTS, result.counts().linesRead());
        assertEquals(0, result.counts().rejected());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "backoff", "yielding", "sleeping", "phased", "blocking", "lite-blocking", "busy-spin", JDK })
    void shouldMatchReferenceOnInputWithRejectsBlanksCrlfAndOverlongLines(final String waitStrategy)
        throws IOException
    {
        final RecordingRejectSink rejects = new RecordingRejectSink();
        final RunResult result = new MonolithPipeline(settings(waitStrategy), rejects).run(mixedReader());

        assertEquals(List.of(), mixedReference.mismatches(result, rejects.rejects));
        assertTrue(result.counts().blankLines() > 0);
        for (final RejectReason reason : RejectReason.values())
        {
            // WRONG_LENGTH is the work items' reason: no event line can give it
            assertTrue(RejectReason.WRONG_LENGTH == reason || result.counts().rejected(reason) > 0, reason.name());
        }
    }

    @Test
    void shouldMatchReferenceInFusedLoop() throws IOException
    {
        final RecordingRejectSink generatedRejects = new RecordingRejectSink();
        final RunResult generated = new FusedPipeline(settings("yielding"), generatedRejects)
            .run(new EventGenerator(42, 10_000, GENERATED_EVENTS));
        assertEquals(List.of(), generatedReference.mismatches(generated, generatedRejects.rejects));

        final RecordingRejectSink mixedRejects = new RecordingRejectSink();
        final RunResult mixed = new FusedPipeline(settings("yielding"), mixedRejects).run(mixedReader());
        assertEquals(List.of(), mixedReference.mismatches(mixed, mixedRejects.rejects));
    }

    /**
     * Every kind of line the README describes (CRLF, whitespace, a line of exactly the maximum length, over-long
     * valid and whitespace-only lines, a byte order mark, ill-formed UTF-8, a last line without newline), in the
     * monolith and the fused loop, against an outcome also worked out by hand.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "yielding", JDK })
    void shouldMatchReferenceOnHandWrittenFileInMonolithAndFusedLoop(final String queue) throws IOException
    {
        final int maxLineLength = HandWrittenInput.MAX_LINE_LENGTH;
        final ReferenceOutcome reference = new JacksonReference(maxLineLength, DROPPED).run(HandWrittenInput.file());
        final PipelineSettings settings = new PipelineSettings("yielding", SMALL_RING, SMALL_BATCH, maxLineLength, 1,
            DROPPED).withQueue(queue(queue));

        final RecordingRejectSink monolithRejects = new RecordingRejectSink();
        final RunResult monolith = new MonolithPipeline(settings, monolithRejects)
            .run(new NdjsonLineReader(new ByteArrayInputStream(HandWrittenInput.file()), "hand", maxLineLength));
        final RecordingRejectSink fusedRejects = new RecordingRejectSink();
        final RunResult fused = new FusedPipeline(settings, fusedRejects)
            .run(new NdjsonLineReader(new ByteArrayInputStream(HandWrittenInput.file()), "hand", maxLineLength));

        assertEquals(List.of(), reference.mismatches(monolith, monolithRejects.rejects));
        assertEquals(List.of(), reference.mismatches(fused, fusedRejects.rejects));
        assertEquals(11, monolith.counts().rejected());
        assertEquals(13, ((AggregateResults)monolith.results()).sum(EventType.PURCHASE));
    }

    /**
     * Lines outside ASCII: escaped and multi-byte names and strings, and ill-formed UTF-8 of several kinds (a lone
     * continuation byte, a truncated sequence, an overlong form, an encoded surrogate, a code point above U+10FFFF,
     * a NUL byte) in an unknown field, where only the UTF-8 rules of RFC 8259 can reject the line.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "yielding", JDK })
    void shouldMatchReferenceOnNonAsciiAndIllFormedUtf8Lines(final String queue) throws IOException
    {
        final String prefix = "{\"userId\":1,\"type\":\"click\",\"value\":2,\"ts\":3,\"x\":\"";
        final byte[][] strings = {
            "h\u00e9".getBytes(StandardCharsets.US_ASCII),
            "\u00e9\u20ac\ud83d\ude00".getBytes(StandardCharsets.UTF_8),
            { (byte)0x80 },
            { (byte)0xE2, (byte)0x82 },
            { (byte)0xC0, (byte)0xAF },
            { (byte)0xED, (byte)0xA0, (byte)0x80 },
            { (byte)0xF4, (byte)0x90, (byte)0x80, (byte)0x80 },
            { 0 } };
        final ByteArrayOutputStream input = new ByteArrayOutputStream();
        for (final byte[] string : strings)
        {
            input.writeBytes(prefix.getBytes(StandardCharsets.US_ASCII));
            input.writeBytes(string);
            input.writeBytes("\"}\n".getBytes(StandardCharsets.US_ASCII));
        }
        input.writeBytes("{\"userId\":1,\"type\":\"\\u0063lick\",\"value\":5,\"ts\":3}\n"
            .getBytes(StandardCharsets.US_ASCII));
        input.writeBytes("{\"userId\":1,\"t\u00ffpe\":\"click\",\"value\":5,\"ts\":3}\n"
            .getBytes(StandardCharsets.UTF_8));
        final ReferenceOutcome reference = new JacksonReference(MAX_LINE_LENGTH, DROPPED).run(input.toByteArray());
        final RecordingRejectSink rejects = new RecordingRejectSink();

        final RunResult result = new MonolithPipeline(settings(queue), rejects).run(reader(input.toByteArray()));

        assertEquals(List.of(), reference.mismatches(result, rejects.rejects));
        assertEquals(3, reference.kept());
        assertEquals(6, reference.rejected(RejectReason.MALFORMED_JSON));
        assertEquals(1, reference.rejected(RejectReason.MISSING_FIELD));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "yielding", JDK })
    void shouldMatchReferenceWithDefaultSettingsAndNothingDropped(final String queue) throws IOException
    {
        final PipelineSettings defaults = PipelineSettings.defaults();
        final PipelineSettings keepAll = new PipelineSettings(defaults.waitStrategy(), defaults.ringSize(),
            defaults.ingestBatch(), MAX_LINE_LENGTH, defaults.latencySampleInterval(), EnumSet.noneOf(EventType.class))
            .withQueue(queue(queue));
        final ReferenceOutcome reference =
            new JacksonReference(MAX_LINE_LENGTH, keepAll.droppedTypes()).run(mixedInput);
        final RecordingRejectSink rejects = new RecordingRejectSink();

        final RunResult result = new MonolithPipeline(keepAll, rejects).run(mixedReader());
        assertEquals(List.of(), reference.mismatches(result, rejects.rejects));
        assertEquals(0, reference.filtered());
        assertTrue(reference.count(EventType.VIEW) > 0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "yielding", JDK })
    void shouldCountHandlerExceptionsAsFailedAndCarryOn(final String queue) throws IOException
    {
        final PipelineSettings settings = settings(JDK.equals(queue) ? JDK : "blocking");
        final RulesHandler rules = new RulesHandler(settings.droppedTypes());
        final AtomicLong thrown = new AtomicLong();
        final PipelineStep throwingRules = (event) ->
        {
            if (event.lineNumber() % 97 == 0)
            {
                thrown.incrementAndGet();
                throw new IllegalStateException("boom on line " + event.lineNumber());
            }
            rules.onEvent(event);
        };
        final AggregateHandler aggregate = new AggregateHandler();

        final RunResult result = new MonolithPipeline(settings, new ParseHandler(settings.maxLineLength()),
            throwingRules, aggregate, RejectSink.NONE).run(new EventGenerator(42, 10_000, 20_000));

        final PipelineCounts counts = result.counts();
        assertEquals(20_000 / 97, thrown.get());
        assertEquals(thrown.get(), result.handlerErrors());
        assertEquals(thrown.get(), counts.failed());
        assertEquals(List.of(), counts.violations(result.results()));
        assertEquals(20_000, counts.linesRead());
        assertEquals(20_000 - thrown.get(), counts.kept() + counts.filtered());
        assertEquals(1, result.problems().size());
        assertTrue(result.firstHandlerError().contains("line 97"), result.firstHandlerError());
        assertTrue(result.firstHandlerError().contains("IllegalStateException"), result.firstHandlerError());
    }

    /**
     * Lines longer than a slot keeps (512 bytes here) borrow one of only two long-line buffers, so ingest waits for the
     * aggregate to return one again and again; lines longer than the maximum keep only an excerpt in their slot. Every
     * line must still be judged on all its bytes (the fields that decide come after the padding), and each reject
     * must carry its own line.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "yielding", JDK })
    void shouldMatchReferenceOnLinesLongerThanASlotKeepsWithTwoLongLineBuffers(final String queue) throws IOException
    {
        final int maxLineLength = 4096;
        final byte[] input = longLines(maxLineLength, 300);
        final ReferenceOutcome reference = new JacksonReference(maxLineLength, DROPPED).run(input);
        final PipelineSettings settings = new PipelineSettings(JDK.equals(queue) ? "backoff" : queue, SMALL_RING,
            SMALL_BATCH, maxLineLength, 1, DROPPED).withQueue(queue(queue)).withLineMemory(512, 2 * maxLineLength);
        final RecordingRejectSink rejects = new RecordingRejectSink();
        final RejectSink cutAsWritten = (lineNumber, reason, line, offset, length) ->
            rejects.onReject(lineNumber, reason, line, offset, Math.min(length, RejectFileWriter.MAX_LINE_BYTES));

        final RunResult result = new MonolithPipeline(settings, cutAsWritten)
            .run(new NdjsonLineReader(new ByteArrayInputStream(input), "long lines", maxLineLength));

        assertEquals(2, settings.longLineBuffers());
        assertEquals(List.of(), reference.mismatches(result, rejects.rejects));
        assertEquals(900, reference.kept());
        assertEquals(300, reference.rejected(RejectReason.LINE_TOO_LONG));
        assertEquals(300, reference.rejected(RejectReason.MALFORMED_JSON));
    }

    /**
     * A short input is published before the handler threads have started; the run must still wait for them.
     */
    @RepeatedTest(25)
    void shouldProcessEveryEventOfTinyInput() throws IOException
    {
        assertTinyInputProcessed("yielding");
        assertTinyInputProcessed(JDK);
    }

    private static void assertTinyInputProcessed(final String queue) throws IOException
    {
        final byte[] input = "{\"userId\":1,\"type\":\"click\",\"value\":4,\"ts\":1}\nnot json\n"
            .getBytes(StandardCharsets.US_ASCII);

        final RunResult result = new MonolithPipeline(settings(queue), RejectSink.NONE).run(reader(input));

        assertEquals(List.of(), result.problems());
        assertEquals(1, result.counts().kept());
        assertEquals(1, result.counts().rejected(RejectReason.MALFORMED_JSON));
        assertEquals(4, ((AggregateResults)result.results()).sum(EventType.CLICK));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "yielding", JDK })
    void shouldRunEmptyAndBlankOnlyInputs(final String queue) throws IOException
    {
        final RunResult empty = new MonolithPipeline(settings(queue), RejectSink.NONE)
            .run(new EventGenerator(42, 10, 0));
        final RunResult blank = new MonolithPipeline(settings(queue), RejectSink.NONE)
            .run(reader("\n \r\n\t\n".getBytes(StandardCharsets.US_ASCII)));

        assertEquals(0, empty.counts().linesRead());
        assertEquals(List.of(), empty.problems());
        assertEquals(3, blank.counts().linesRead());
        assertEquals(3, blank.counts().blankLines());
        assertEquals(List.of(), blank.problems());
    }

    /**
     * Settings of the small ring: on the Disruptor with a wait strategy, or on JDK queues for {@link #JDK}.
     */
    private static PipelineSettings settings(final String waitStrategyOrJdk)
    {
        return new PipelineSettings(JDK.equals(waitStrategyOrJdk) ? "backoff" : waitStrategyOrJdk, SMALL_RING,
            SMALL_BATCH, MAX_LINE_LENGTH, 1, DROPPED).withQueue(queue(waitStrategyOrJdk));
    }

    private static MonolithQueue queue(final String waitStrategyOrJdk)
    {
        return JDK.equals(waitStrategyOrJdk) ? MonolithQueue.JDK : MonolithQueue.DISRUPTOR;
    }

    private static LineSource mixedReader()
    {
        return reader(mixedInput);
    }

    private static LineSource reader(final byte[] input)
    {
        return new NdjsonLineReader(new ByteArrayInputStream(input), "mixed", MAX_LINE_LENGTH);
    }

    /**
     * Blocks of a short line, a line of 600 to 3,600 bytes, a line of exactly the maximum length, a long line broken
     * at its end, a long blank line and a line over the maximum; the fields that decide each line follow the padding.
     */
    private static byte[] longLines(final int maxLineLength, final int blocks)
    {
        final StringBuilder input = new StringBuilder();
        for (int block = 0; block < blocks; block++)
        {
            input.append("{\"userId\":1,\"type\":\"click\",\"value\":").append(block).append(",\"ts\":1}\n");
            input.append(padded(600 + block * 3, block, "purchase")).append('\n');
            input.append(padded(maxLineLength, block + 1, "click")).append('\n');
            final String broken = padded(2_000 + block, block, "click");
            input.append(broken, 0, broken.length() - 1).append('\n');
            input.append(" ".repeat(maxLineLength - block)).append('\n');
            input.append(padded(maxLineLength + 1 + block, block, "click")).append('\n');
        }
        return input.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String padded(final int length, final int value, final String type)
    {
        final String fields = "\",\"userId\":2,\"type\":\"" + type + "\",\"value\":" + value + ",\"ts\":3}";
        final String head = "{\"pad\":\"";
        return head + "p".repeat(length - head.length() - fields.length()) + fields;
    }

    /**
     * Repeats a block holding valid lines, every reject reason, blank and whitespace-only lines, CRLF lines and
     * over-long lines (valid JSON, and invalid JSON longer than the buffer the ring slots start with); the last line
     * has no newline.
     */
    private static byte[] mixedInput(final int blocks)
    {
        final StringBuilder input = new StringBuilder();
        final EventGenerator generator = new EventGenerator(7, 50, 5L * blocks);
        for (int block = 0; block < blocks; block++)
        {
            for (int i = 0; i < 5; i++)
            {
                generator.next();
                input.append(new String(generator.lineBuffer(), 0, generator.lineLength(), StandardCharsets.US_ASCII));
                input.append(i % 2 == 0 ? "\n" : "\r\n");
            }
            input.append("\n").append("  \t \r\n");
            input.append("{\"userId\":").append(block).append(",\"type\":\"click\",\"value\":-")
                .append(block).append(",\"ts\":").append(block).append(", \"extra\":[{}] }\r\n");
            input.append("{\"userId\":1,\"type\":\"click\"\n");
            input.append("[").append(block).append("]\n");
            input.append("{\"userId\":1,\"type\":\"view\",\"value\":2}\n");
            input.append("{\"userId\":1,\"type\":\"view\",\"value\":2,\"ts\":3,\"ts\":4}\n");
            input.append("{\"userId\":1.5,\"type\":\"view\",\"value\":2,\"ts\":3}\n");
            input.append("{\"userId\":1,\"type\":\"view\",\"value\":2147483648,\"ts\":3}\r\n");
            input.append("{\"userId\":1,\"type\":\"scroll\",\"value\":2,\"ts\":3}\n");
            input.append("{\"userId\":2,\"type\":\"purchase\",\"value\":3,\"ts\":4,\"pad\":\"")
                .append("p".repeat(MAX_LINE_LENGTH + block % 300)).append("\"}\n");
            input.append("#".repeat(300 + block % 7)).append('\n');
        }
        input.append("{\"userId\":3,\"type\":\"click\",\"value\":3,\"ts\":3}");
        return input.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
