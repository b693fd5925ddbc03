package org.eventpipe.workload.items;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.agrona.concurrent.UnsafeBuffer;
import org.eventpipe.ingest.LineSource;
import org.eventpipe.ingest.NdjsonLineReader;
import org.eventpipe.model.Outcome;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.model.RejectReason;
import org.eventpipe.support.WorkItemReference;
import org.eventpipe.workload.EntryCodec;
import org.eventpipe.workload.Workload;
import org.eventpipe.workload.WorkloadAggregator;
import org.eventpipe.workload.WorkloadParser;
import org.eventpipe.workload.WorkloadResults;
import org.eventpipe.workload.WorkloadRules;
import org.eventpipe.workload.Workloads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.eventpipe.workload.items.WorkItemLines.array;
import static org.eventpipe.workload.items.WorkItemLines.bytes;
import static org.eventpipe.workload.items.WorkItemLines.counting;
import static org.eventpipe.workload.items.WorkItemLines.line;
import static org.eventpipe.workload.items.WorkItemLines.repeat;
import static org.eventpipe.workload.items.WorkItemLines.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The work-items workload driven through the {@link Workload} seam only, as the monolith, the fused loop and the
 * stages drive it, against {@link WorkItemReference}: Jackson, {@link Double#parseDouble} and straightforward rules
 * and aggregate.
 */
@Timeout(120)
final class WorkItemsWorkloadTest
{
    private static final int MAX_LINE_LENGTH = 4_000;
    private static final int RING = 8;
    private static final Workload.Settings SETTINGS = new Workload.Settings(MAX_LINE_LENGTH, Set.of());

    private static byte[] mixedInput;
    private static WorkItemReference.Outcome reference;

    @BeforeAll
    static void judgeMixedInput() throws IOException
    {
        mixedInput = mixedInput();
        reference = new WorkItemReference(MAX_LINE_LENGTH).run(mixedInput);
    }

    @Test
    void shouldBeFoundByNameWithServiceLoader()
    {
        final Workload workload = Workloads.named("work-items");

        assertInstanceOf(WorkItemsWorkload.class, workload);
        assertEquals("work-items", workload.name());
        assertInstanceOf(WorkItemsWorkload.class, Workloads.named("Work-Items"));
        assertEquals("events, work-items", Workloads.names());
        assertInstanceOf(WorkItem.class, workload.newEntry());
        assertFalse(workload.description().isBlank());
    }

    @Test
    void shouldNameBothWorkloadsWhenNoneHasTheName()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> Workloads.named("nope"));

        assertEquals("--workload: unknown workload 'nope' (known: events, work-items)", ex.getMessage());
    }

    @Test
    void shouldGenerateWhatTheGeneratorGenerates() throws IOException
    {
        final LineSource source = Workloads.named("work-items").generator(42, 3);
        final WorkItemGenerator generator = new WorkItemGenerator(42, 3);
        int lines = 0;
        while (source.next() && generator.next())
        {
            lines++;
            assertEquals(
                new String(generator.lineBuffer(), generator.lineOffset(), generator.lineLength(),
                    StandardCharsets.US_ASCII),
                new String(source.lineBuffer(), source.lineOffset(), source.lineLength(), StandardCharsets.US_ASCII));
        }
        assertEquals(3, lines);
        assertFalse(source.next());
    }

    @Test
    void shouldEqualTheReferenceInAFusedLoopOverTheWorkloadSeamOnly() throws IOException
    {
        final Workload workload = Workloads.named("work-items");
        final Run run = new Run(workload);

        run.feed(mixedInput, run::fused);

        assertEquals(List.of(), run.mismatches(reference));
        assertEquals(reference.rejects(), run.rejects);
        for (final RejectReason reason : new RejectReason[]{ RejectReason.MALFORMED_JSON, RejectReason.LINE_TOO_LONG,
            RejectReason.WRONG_LENGTH, RejectReason.OUT_OF_RANGE, RejectReason.MISSING_FIELD })
        {
            assertTrue(reference.rejected(reason) > 0, reason + " lines are in the input");
        }
        assertTrue(reference.filtered() >= 3 && reference.kept() > 10_000 && reference.blank() > 0,
            "zero and overflowing vectors are filtered, the generated items kept");
    }

    @Test
    void shouldGiveTheFusedResultsWhenTheEntriesCrossBothEdgesThroughTheEntryCodec() throws IOException
    {
        final Workload workload = Workloads.named("work-items");
        final Run run = new Run(workload);

        run.feed(mixedInput, run::split);

        assertEquals(List.of(), run.mismatches(reference));
        assertEquals(reference.rejects(), run.rejects);
    }

    @Test
    void shouldFilterNanAndZeroVectorsAsTheReferenceDoesWhenTheyArriveDecoded()
    {
        final Workload workload = Workloads.named("work-items");
        final EntryCodec codec = workload.entryCodec();
        final WorkloadRules rules = workload.newRules(SETTINGS);
        final WorkloadAggregator aggregator = workload.newAggregator(SETTINGS);
        final PipelineEvent source = new PipelineEvent().entry(workload.newEntry());
        final PipelineEvent event = new PipelineEvent().entry(workload.newEntry());
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[codec.entryLength()]);
        final double[][] vectors = {
            filled(0.0), filled(-0.0), with(filled(1.0), 17, Double.NaN), with(filled(0.0), 0, Double.NaN),
            with(filled(0.0), 63, -2.5), filled(Double.MAX_VALUE), with(filled(3.0), 5, Double.POSITIVE_INFINITY),
            with(filled(-0.0), 1, Double.MIN_VALUE), filled(1.0), filled(1e-310) };
        final double[] matrix = new double[WorkItem.MATRIX_LENGTH];
        for (int i = 0; i < matrix.length; i++)
        {
            matrix[i] = i == 8 ? Double.NaN : i * 0.5;
        }

        long kept = 0;
        double vectorSum = 0.0;
        for (int k = 0; k < vectors.length; k++)
        {
            final WorkItem item = (WorkItem)source.entry();
            item.id(k);
            System.arraycopy(vectors[k], 0, item.vector(), 0, WorkItem.VECTOR_LENGTH);
            System.arraycopy(matrix, 0, item.matrix(), 0, WorkItem.MATRIX_LENGTH);
            source.lineNumber(k + 1);
            codec.encode(source, buffer, 0);
            assertNull(codec.check(buffer, 0));
            codec.decode(buffer, 0, event);
            rules.onEvent(event);
            aggregator.onEvent(event);

            final double[] normalised = WorkItemReference.normalised(vectors[k]);
            assertEquals(null == normalised ? Outcome.FILTERED : Outcome.ACCEPTED, event.outcome(), "vector " + k);
            if (null != normalised)
            {
                kept++;
                for (final double element : normalised)
                {
                    vectorSum += element;
                }
                assertEquals(Double.NaN, ((WorkItem)event.entry()).matrix()[1], "(1, 0) went to (0, 1)");
            }
        }

        assertEquals(4, kept, "a NaN, a zero, a negative zero, an infinite and an overflowing norm are filtered");
        assertEquals(kept, rules.kept());
        assertEquals(vectors.length - kept, rules.filtered());
        assertEquals(kept, aggregator.total());
        final WorkItemResults results = (WorkItemResults)aggregator.results();
        assertEquals(Double.doubleToRawLongBits(vectorSum), Double.doubleToRawLongBits(results.vectorSum()));
        assertTrue(Double.isNaN(results.firstRowSum()), "a NaN in the first row, once transposed, is summed");
    }

    @Test
    void shouldSetOnlyTheOutcomeTheReasonAndTheEntryOnALine()
    {
        final Workload workload = Workloads.named("work-items");
        final WorkloadParser parser = workload.newParser(SETTINGS);
        final PipelineEvent event = new PipelineEvent().entry(workload.newEntry());
        event.lineNumber(12);
        event.ingestNanos(34);

        final byte[] good = bytes(valid());
        assertTrue(parser.onLine(good, 0, good.length, event));
        final WorkItem item = (WorkItem)event.entry();
        assertEquals(Outcome.ACCEPTED, event.outcome());
        assertNull(event.rejectReason());
        assertNull(event.type());
        assertEquals(0, event.lineLength(), "the line is not copied into the event");
        assertEquals(12, event.lineNumber());
        assertEquals(7, item.id());
        assertEquals(64.0, item.vector()[63]);
        assertEquals(12, item.lineNumber());
        assertEquals(34, item.ingestNanos());

        final byte[] bad = bytes(line("8", counting(0), Arrays.copyOf(counting(0), 63)));
        event.clearParsed();
        assertFalse(parser.onLine(bad, 0, bad.length, event));
        assertEquals(Outcome.REJECTED, event.outcome());
        assertEquals(RejectReason.WRONG_LENGTH, event.rejectReason());
        assertSame(item, event.entry());
        assertEquals(1, parser.accepted());
        assertEquals(1, parser.rejected());
        assertEquals(1, parser.rejected(RejectReason.WRONG_LENGTH));
    }

    @Test
    void shouldRejectALineTheEventHoldsTruncatedAsTooLongWithoutReadingIt()
    {
        final Workload workload = Workloads.named("work-items");
        final WorkloadParser parser = workload.newParser(new Workload.Settings(16_384, Set.of()));
        final PipelineEvent event = new PipelineEvent().entry(workload.newEntry());
        final byte[] good = bytes(valid());
        event.setLine(good, 0, good.length, 100, 3);

        parser.onEvent(event);

        assertEquals(Outcome.REJECTED, event.outcome());
        assertEquals(RejectReason.LINE_TOO_LONG, event.rejectReason());
        assertEquals(1, parser.rejected(RejectReason.LINE_TOO_LONG));

        event.setLine(good, 0, good.length, 16_384, 4);
        parser.onEvent(event);
        assertEquals(Outcome.ACCEPTED, event.outcome());
        event.outcome(Outcome.FILTERED);
        parser.onEvent(event);
        assertEquals(Outcome.FILTERED, event.outcome(), "only a pending event is parsed");
        assertEquals(1, parser.accepted());
    }

    @Test
    void shouldPassEventsThatAreNotAcceptedUntouchedThroughRulesAndAggregate()
    {
        final Workload workload = Workloads.named("work-items");
        final WorkloadRules rules = workload.newRules(SETTINGS);
        final WorkloadAggregator aggregator = workload.newAggregator(SETTINGS);
        final PipelineEvent event = new PipelineEvent().entry(workload.newEntry());
        final WorkItem item = (WorkItem)event.entry();
        Arrays.fill(item.vector(), 2.0);
        item.matrix()[1] = 5.0;

        for (final Outcome outcome : new Outcome[]{ Outcome.PENDING, Outcome.REJECTED, Outcome.FILTERED })
        {
            event.outcome(outcome);
            rules.onEvent(event);
            aggregator.onEvent(event);
            assertEquals(outcome, event.outcome());
        }

        assertTrue(rules.transformsEntries());
        assertEquals(0, rules.kept() + rules.filtered());
        assertEquals(0, aggregator.total());
        assertEquals(2.0, item.vector()[0]);
        assertEquals(5.0, item.matrix()[1]);

        event.outcome(Outcome.ACCEPTED);
        rules.onEvent(event);
        assertEquals(0.125, item.vector()[0]);
        assertEquals(5.0, item.matrix()[8]);
        assertEquals(1, rules.kept());
    }

    private static double[] filled(final double value)
    {
        final double[] vector = new double[WorkItem.VECTOR_LENGTH];
        Arrays.fill(vector, value);
        return vector;
    }

    private static double[] with(final double[] vector, final int index, final double value)
    {
        vector[index] = value;
        return vector;
    }

    /**
     * Generated items, with bad, blank, over-long and CRLF lines every 97 lines, and lines of NaN, zero and
     * overflowing vectors: the parser rejects NaN literals and the rules filter the others.
     */
    private static byte[] mixedInput() throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final String[] bad = {
            "{\"id\":1,", "[1]", "{\"id\":2,\"vector\":" + array(counting(0)) + "}",
            line("3", repeat("NaN"), counting(0)), line("4", counting(0), repeat("-NaN")),
            line("5", repeat("0"), counting(0)), line("6", repeat("-0.0"), counting(0)),
            line("7", repeat("1e999"), counting(0)), line("8", counting(0), Arrays.copyOf(counting(0), 63)),
            line("9", repeat("1.7976931348623157e308"), counting(0)), "   ", "",
            line("10", repeat("1.5"), counting(0)) + " ".repeat(MAX_LINE_LENGTH),
            line("11", counting(1), counting(1)) + "\r", line("-12", counting(0), counting(0)) };
        final WorkItemGenerator generator = new WorkItemGenerator(11, 12_000);
        int next = 0;
        while (generator.next())
        {
            out.write(generator.lineBuffer(), generator.lineOffset(), generator.lineLength());
            out.write('\n');
            if (generator.lineNumber() % 97 == 0)
            {
                out.write(bad[next++ % bad.length].getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    /**
     * What a host of the workload does: a ring of events each carrying a new entry, lines published into them as
     * ingest does (blank lines skipped, over-long ones held truncated), and the handlers run over the ring; rejects
     * recorded with the README's excerpt.
     */
    private static final class Run
    {
        final List<WorkItemReference.Reject> rejects = new ArrayList<>();
        final WorkloadParser parser;
        final WorkloadRules rules;
        final WorkloadAggregator aggregator;
        final PipelineEvent[] ring = new PipelineEvent[RING];

        private final EntryCodec codec;
        private final UnsafeBuffer parsedFrame;
        private final UnsafeBuffer keptFrame;
        private final PipelineEvent rulesEvent;
        private final PipelineEvent aggregateEvent;
        private long lines;
        private long blank;
        private int published;

        Run(final Workload workload)
        {
            parser = workload.newParser(SETTINGS);
            rules = workload.newRules(SETTINGS);
            aggregator = workload.newAggregator(SETTINGS);
            codec = workload.entryCodec();
            for (int i = 0; i < RING; i++)
            {
                ring[i] = new PipelineEvent().entry(workload.newEntry());
            }
            rulesEvent = new PipelineEvent().entry(workload.newEntry());
            aggregateEvent = new PipelineEvent().entry(workload.newEntry());
            parsedFrame = new UnsafeBuffer(new byte[RING * codec.entryLength()]);
            keptFrame = new UnsafeBuffer(new byte[RING * codec.entryLength()]);
        }

        void feed(final byte[] input, final Runnable drain) throws IOException
        {
            try (NdjsonLineReader reader =
                new NdjsonLineReader(new ByteArrayInputStream(input), "mixed", MAX_LINE_LENGTH))
            {
                while (reader.next())
                {
                    lines++;
                    final byte[] bytes = reader.lineBuffer();
                    final int offset = reader.lineOffset();
                    final int length = reader.lineLength();
                    if (length <= MAX_LINE_LENGTH && LineSource.isBlank(bytes, offset, length))
                    {
                        blank++;
                        continue;
                    }
                    final PipelineEvent event = ring[published++];
                    event.setLine(bytes, offset, length, MAX_LINE_LENGTH, reader.lineNumber());
                    event.ingestNanos(reader.lineNumber() * 1_000);
                    if (published == RING)
                    {
                        drain.run();
                    }
                }
            }
            drain.run();
        }

        /**
         * Each handler over the published events in turn, as the Disruptor's chained handlers see a batch.
         */
        void fused()
        {
            for (int i = 0; i < published; i++)
            {
                parser.onEvent(ring[i]);
                recordReject(ring[i]);
            }
            for (int i = 0; i < published; i++)
            {
                rules.onEvent(ring[i]);
            }
            for (int i = 0; i < published; i++)
            {
                aggregator.onEvent(ring[i]);
            }
            published = 0;
        }

        /**
         * Parse, then the accepted entries encoded, decoded into the rules' one event, the kept ones encoded and
         * decoded into the aggregate's one event: three stages joined by the entry codec.
         */
        void split()
        {
            int parsed = 0;
            for (int i = 0; i < published; i++)
            {
                final PipelineEvent event = ring[i];
                parser.onEvent(event);
                recordReject(event);
                if (event.outcome() == Outcome.ACCEPTED)
                {
                    codec.encode(event, parsedFrame, parsed++ * codec.entryLength());
                }
            }
            int kept = 0;
            for (int i = 0; i < parsed; i++)
            {
                final int offset = i * codec.entryLength();
                assertNull(codec.check(parsedFrame, offset));
                codec.decode(parsedFrame, offset, rulesEvent);
                rules.onEvent(rulesEvent);
                if (rulesEvent.outcome() == Outcome.ACCEPTED)
                {
                    codec.encode(rulesEvent, keptFrame, kept++ * codec.entryLength());
                }
            }
            for (int i = 0; i < kept; i++)
            {
                final int offset = i * codec.entryLength();
                assertNull(codec.check(keptFrame, offset));
                codec.decode(keptFrame, offset, aggregateEvent);
                assertEquals(aggregateEvent.lineNumber() * 1_000, aggregateEvent.ingestNanos());
                aggregator.onEvent(aggregateEvent);
            }
            published = 0;
        }

        List<String> mismatches(final WorkItemReference.Outcome expected)
        {
            final List<String> mismatches = new ArrayList<>();
            compare(mismatches, "lines", expected.lines(), lines);
            compare(mismatches, "blank", expected.blank(), blank);
            compare(mismatches, "accepted", expected.accepted(), parser.accepted());
            for (final RejectReason reason : RejectReason.values())
            {
                compare(mismatches, "rejected " + reason, expected.rejected(reason), parser.rejected(reason));
            }
            compare(mismatches, "filtered", expected.filtered(), rules.filtered());
            compare(mismatches, "kept", expected.kept(), rules.kept());
            compare(mismatches, "total", expected.kept(), aggregator.total());
            final WorkloadResults results = aggregator.results();
            final WorkItemResults wanted = new WorkItemResults(expected.kept(), expected.vectorSum(),
                expected.diagonalSum(), expected.firstRowSum(), expected.idHashSum(), expected.idHashXor());
            mismatches.addAll(wanted.differences(results));
            mismatches.addAll(expected.mismatches((WorkItemResults)results));
            final UnsafeBuffer encoded = new UnsafeBuffer(new byte[results.encodedLength()]);
            results.encode(encoded, 0);
            mismatches.addAll(wanted.differences(
                Workloads.named("work-items").decodeResults(encoded, 0, results.encodedLength())));
            mismatches.addAll(wanted.differences(WorkItemResults.fromText(results.toJsonLines())));
            return mismatches;
        }

        private void recordReject(final PipelineEvent event)
        {
            if (event.outcome() == Outcome.REJECTED)
            {
                final int excerpt = Math.min(event.storedLineLength(), WorkItemReference.REJECT_EXCERPT_BYTES);
                rejects.add(new WorkItemReference.Reject(event.lineNumber(), event.rejectReason(),
                    new String(event.line(), 0, excerpt, StandardCharsets.ISO_8859_1)));
            }
        }

        private static void compare(
            final List<String> mismatches, final String name, final long expected, final long actual)
        {
            if (expected != actual)
            {
                mismatches.add(name + " " + expected + " != " + actual);
            }
        }
    }
}
