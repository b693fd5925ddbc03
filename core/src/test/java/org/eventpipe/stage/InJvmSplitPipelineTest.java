package org.eventpipe.stage;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eventpipe.counters.PipelineCounter;
import org.eventpipe.counters.StageCounters;
import org.eventpipe.ingest.LineSource;
import org.eventpipe.ingest.NdjsonLineReader;
import org.eventpipe.metrics.PipelineCounts;
import org.eventpipe.metrics.RejectSink;
import org.eventpipe.model.EventType;
import org.eventpipe.model.RejectReason;
import org.eventpipe.support.HandWrittenInput;
import org.eventpipe.support.JacksonReference;
import org.eventpipe.support.ReferenceGenerator;
import org.eventpipe.support.ReferenceOutcome;
import org.eventpipe.testing.RecordingRejectSink;
import org.eventpipe.workload.EventGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The five stage agents of the split pipeline in one JVM, joined by in-JVM rings, must produce exactly the aggregates,
 * counts (held and printed) and rejects of {@link JacksonReference} on the same input, for every batching policy;
 * generated input is judged from {@link ReferenceGenerator}'s lines.
 */
@Timeout(120)
final class InJvmSplitPipelineTest
{
    private static final int MAX_LINE_LENGTH = 256;
    private static final int GENERATED_EVENTS = 200_000;
    private static final int USERS = 1_000;
    private static final Set<EventType> DROPPED = EnumSet.of(EventType.VIEW);

    private static byte[] mixedInput;
    private static ReferenceOutcome generatedExpected;
    private static ReferenceOutcome mixedExpected;

    @BeforeAll
    static void runReference()
    {
        final JacksonReference reference = new JacksonReference(MAX_LINE_LENGTH, DROPPED);
        mixedInput = mixedInput(400);
        generatedExpected = reference.run(ReferenceGenerator.ndjson(42, USERS, GENERATED_EVENTS));
        mixedExpected = reference.run(mixedInput);
        assertTrue(mixedExpected.blankLines() > 0);
        for (final RejectReason reason : RejectReason.values())
        {
            // WRONG_LENGTH is the work items' reason: no event line can give it
            assertTrue(RejectReason.WRONG_LENGTH == reason || mixedExpected.rejected(reason) > 0, reason.name());
        }
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = { 1, 10, 100, 0 })
    void shouldMatchReferenceOnGeneratedInput(final int batch) throws Exception
    {
        assertMatches(generatedExpected, generated(), settings(batch, 0));
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = { 1, 10, 100, 0 })
    void shouldMatchReferenceOnInputWithBadBlankAndOverlongLines(final int batch) throws Exception
    {
        assertMatches(mixedExpected, reader(mixedInput), settings(batch, 0));
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = { 100, 0 })
    void shouldMatchReferenceWithLinger(final int batch) throws Exception
    {
        assertMatches(mixedExpected, reader(mixedInput), settings(batch, 50));
        assertMatches(generatedExpected, generated(), settings(batch, 50));
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = { 1, 0 })
    void shouldMatchReferenceOnHandWrittenFile(final int batch) throws Exception
    {
        final int maxLineLength = HandWrittenInput.MAX_LINE_LENGTH;
        final StageSettings settings = new StageSettings(batch, StageConfiguration.ADAPTIVE_MAX_BATCH_DEFAULT, 0,
            StageConfiguration.IDLE_STRATEGY_DEFAULT, StageConfiguration.FRAME_LIMIT_DEFAULT, 10_000,
            maxLineLength, 16, DROPPED);

        assertMatches(new JacksonReference(maxLineLength, DROPPED).run(HandWrittenInput.file()),
            new NdjsonLineReader(new ByteArrayInputStream(HandWrittenInput.file()), "hand", maxLineLength), settings);
    }

    @Test
    void shouldRunEmptyInput() throws Exception
    {
        final InJvmSplitRun run = InJvmSplitRun.run(new EventGenerator(42, 10, 0), settings(0, 0), RejectSink.NONE);

        assertEquals(Map.of(), run.failures());
        assertEquals(List.of(), run.outcome().problems());
        assertEquals(0, run.outcome().counts().linesRead());
        assertEquals(0, run.outcome().results().total());
    }

    @Test
    void shouldKeepCountersThatAgreeWithTheEndOfStreamCounts() throws Exception
    {
        final InJvmSplitRun run = InJvmSplitRun.run(reader(mixedInput), settings(0, 0), RejectSink.NONE);
        assertEquals(Map.of(), run.failures());
        final PipelineCounts counts = run.outcome().counts();

        assertEquals(counts.linesRead(), run.counters("ingest").value(PipelineCounter.LINES_READ));
        assertEquals(counts.blankLines(), run.counters("ingest").value(PipelineCounter.BLANK_LINES));
        assertEquals(counts.accepted(), run.counters("parse").value(PipelineCounter.ACCEPTED));
        assertEquals(counts.rejected(), run.counters("parse").value(PipelineCounter.REJECTED));
        assertEquals(counts.kept(), run.counters("rules").value(PipelineCounter.KEPT));
        assertEquals(counts.filtered(), run.counters("rules").value(PipelineCounter.FILTERED));
        assertEquals(counts.kept(), run.counters("aggregate").value(PipelineCounter.APPLIED));
        final String[] edges = { "ingest", "parse", "rules", "aggregate", "sink" };
        for (int i = 0; i + 1 < edges.length; i++)
        {
            final StageCounters sender = run.counters(edges[i]);
            final StageCounters receiver = run.counters(edges[i + 1]);
            assertEquals(sender.value(PipelineCounter.FRAMES_OUT), receiver.value(PipelineCounter.FRAMES_IN),
                "frames sent by " + edges[i] + " = frames received, the end of stream counted by both");
            assertEquals(sender.value(PipelineCounter.EVENTS_OUT), receiver.value(PipelineCounter.EVENTS_IN),
                edges[i]);
            final StageReport sent = stageRow(run, edges[i]);
            final StageReport received = stageRow(run, edges[i + 1]);
            assertEquals(sent.framesOut(), received.framesIn(),
                "stage table: frames-out of " + edges[i] + " = frames-in of " + edges[i + 1]);
            assertEquals(sent.eventsOut(), received.eventsIn(), "stage table: " + edges[i]);
            assertEquals(0, sender.value(PipelineCounter.HEARTBEAT),
                edges[i] + ": a finished stage clears its heartbeat");
        }
        assertTrue(counts.rejected() > 0 && counts.blankLines() > 0 && counts.filtered() > 0);
    }

    private static StageSettings settings(final int batch, final long lingerMicros)
    {
        return new StageSettings(batch, StageConfiguration.ADAPTIVE_MAX_BATCH_DEFAULT, lingerMicros,
            StageConfiguration.IDLE_STRATEGY_DEFAULT, StageConfiguration.FRAME_LIMIT_DEFAULT, 10_000,
            MAX_LINE_LENGTH, 16, DROPPED);
    }

    private static LineSource generated()
    {
        return new EventGenerator(42, USERS, GENERATED_EVENTS);
    }

    private static LineSource reader(final byte[] input)
    {
        return new NdjsonLineReader(new ByteArrayInputStream(input), "mixed", MAX_LINE_LENGTH);
    }

    /**
     * Blocks of valid lines, blank and whitespace lines, malformed JSON, a non-object, an unknown type, a missing
     * field, a duplicate field, bad numbers, and over-long lines (valid and invalid JSON); the last line has no
     * newline.
     */
    private static byte[] mixedInput(final int blocks)
    {
        final StringBuilder input = new StringBuilder();
        final EventGenerator generator = new EventGenerator(7, 50, 6L * blocks);
        for (int block = 0; block < blocks; block++)
        {
            for (int i = 0; i < 6; i++)
            {
                generator.next();
                input.append(new String(generator.lineBuffer(), 0, generator.lineLength(), StandardCharsets.US_ASCII));
                input.append(i % 2 == 0 ? "\n" : "\r\n");
            }
            input.append("\n").append("  \t \r\n");
            input.append("{\"userId\":1,\"type\":\"click\"\n");
            input.append("not json at all ").append(block).append('\n');
            input.append("[").append(block).append("]\n");
            input.append("{\"userId\":1,\"type\":\"view\",\"value\":2,\"ts\":3,\"ts\":4}\n");
            input.append("{\"userId\":1,\"type\":\"scroll\",\"value\":2,\"ts\":3}\n");
            input.append("{\"userId\":1,\"type\":\"view\",\"value\":2}\n");
            input.append("{\"userId\":1.5,\"type\":\"view\",\"value\":2,\"ts\":3}\n");
            input.append("{\"userId\":1,\"type\":\"view\",\"value\":2147483648,\"ts\":3}\n");
            input.append("{\"userId\":2,\"type\":\"purchase\",\"value\":3,\"ts\":4,\"pad\":\"")
                .append("p".repeat(MAX_LINE_LENGTH + block % 100)).append("\"}\n");
            input.append("#".repeat(2 * MAX_LINE_LENGTH + block % 7)).append('\n');
        }
        input.append("{\"userId\":3,\"type\":\"click\",\"value\":3,\"ts\":3}");
        return input.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void assertMatches(
        final ReferenceOutcome expected, final LineSource source, final StageSettings settings) throws Exception
    {
        final RecordingRejectSink rejectSink = new RecordingRejectSink();
        final InJvmSplitRun run;
        try (source)
        {
            run = InJvmSplitRun.run(source, settings, rejectSink);
        }

        assertEquals(Map.of(), run.failures(), settings.batchingDescription());
        final SplitRunOutcome outcome = run.outcome();
        assertNotNull(outcome, "the sink saw no end of stream");
        assertEquals(List.of(), outcome.problems(), outcome.report());
        assertEquals(List.of(), expected.aggregateMismatches(outcome.results()), settings.batchingDescription());
        assertEquals(List.of(), expected.countMismatches(outcome.counts()), settings.batchingDescription());
        assertEquals(List.of(), expected.rejectMismatches(rejectSink.rejects), settings.batchingDescription());
        assertEquals(List.of(), expected.reportMismatches(outcome.report()), outcome.report());
        assertTrue(outcome.report().contains("checks: OK"), outcome.report());
        assertEquals(java.util.Set.of("ingest->parse", "parse->rules", "rules->aggregate"), outcome.transit().keySet(),
            "every stage reports the transit of its input edge");
        for (final StageReport stage : outcome.stages())
        {
            final String edge = stage.stage().equals("parse") ? "ingest->parse" : stage.stage().equals("rules") ?
                "parse->rules" : stage.stage().equals("aggregate") ? "rules->aggregate" : null;
            if (null != edge)
            {
                final long samples = outcome.transit().get(edge).getTotalCount();
                assertTrue(samples < stage.framesIn(), edge + ": one sample per batch frame, none for the end of " +
                    "stream: " + samples + " of " + stage.framesIn() + " frames in");
                assertEquals(outcome.counts().linesRead() > outcome.counts().blankLines(), samples > 0, edge);
            }
        }
    }

    private static StageReport stageRow(final InJvmSplitRun run, final String stage)
    {
        return run.outcome().stages().stream().filter((row) -> row.stage().equals(stage)).findFirst()
            .orElseThrow(() -> new AssertionError("no row for stage " + stage));
    }
}
