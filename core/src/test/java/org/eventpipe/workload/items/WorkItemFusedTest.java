package org.eventpipe.workload.items;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.eventpipe.ingest.LineSource;
import org.eventpipe.ingest.NdjsonLineReader;
import org.eventpipe.model.RejectReason;
import org.eventpipe.sbe.MessageHeaderDecoder;
import org.eventpipe.sbe.MessageHeaderEncoder;
import org.eventpipe.sbe.Stage;
import org.eventpipe.sbe.WorkItemBatchDecoder;
import org.eventpipe.sbe.WorkItemBatchEncoder;
import org.eventpipe.support.WorkItemReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.eventpipe.workload.items.WorkItemLines.array;
import static org.eventpipe.workload.items.WorkItemLines.counting;
import static org.eventpipe.workload.items.WorkItemLines.line;
import static org.eventpipe.workload.items.WorkItemLines.repeat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The work-items steps run end to end in one thread, fused and split by SBE frames, against
 * {@link WorkItemReference}: Jackson, {@link Double#parseDouble} and straightforward rules and aggregate.
 */
@Timeout(120)
final class WorkItemFusedTest
{
    private static final int ITEMS = 20_000;
    private static final long SEED = 42;
    private static final int MAX_LINE_LENGTH = 16_384;

    private static WorkItemReference.Outcome generatedReference;

    @BeforeAll
    static void judgeGeneratedInput() throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        new WorkItemGenerator(SEED, ITEMS).writeTo(out);
        generatedReference = new WorkItemReference(MAX_LINE_LENGTH).run(out.toByteArray());
    }

    @Test
    void shouldEqualTheReferenceBitForBitInAFusedLoopOverGeneratedItems()
    {
        final WorkItemParseStep parse = new WorkItemParseStep(MAX_LINE_LENGTH);
        final WorkItemRules rules = new WorkItemRules();
        final WorkItemAggregator aggregate = new WorkItemAggregator();
        final WorkItem item = new WorkItem();
        final WorkItemGenerator generator = new WorkItemGenerator(SEED, ITEMS);
        while (generator.next())
        {
            item.lineNumber(generator.lineNumber());
            if (null == parse.onLine(generator.lineBuffer(), generator.lineOffset(), generator.lineLength(), item) &&
                rules.apply(item))
            {
                aggregate.onItem(item);
            }
        }

        assertEquals(ITEMS, parse.accepted());
        assertEquals(0, parse.rejected());
        // per 10,000 items: the zero vector and the vector of largest doubles are filtered, every other one is kept
        assertEquals(4, rules.filtered());
        assertEquals(ITEMS - 4, rules.kept());
        assertEquals(List.of(), mismatches(generatedReference, parse, rules, aggregate.results()));
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 7, 100 })
    void shouldGiveTheFusedResultsWhenSplitIntoStagesJoinedByFrames(final int batch)
    {
        final SplitRun split = new SplitRun(batch);
        final WorkItemGenerator generator = new WorkItemGenerator(SEED, ITEMS);
        while (generator.next())
        {
            split.onLine(generator);
        }
        split.finish();

        assertEquals(ITEMS - 4, split.aggregate.items());
        assertEquals(List.of(), mismatches(generatedReference, split.parse, split.rules, split.aggregate.results()));
    }

    @Test
    void shouldMatchTheReferenceOnInputWithBadBlankCrlfAndOverlongLinesReadAsIngestReadsThem() throws IOException
    {
        final int maxLineLength = 4_000;
        final byte[] input = mixedInput();
        final WorkItemReference.Outcome reference = new WorkItemReference(maxLineLength).run(input);

        final WorkItemParseStep parse = new WorkItemParseStep(maxLineLength);
        final WorkItemRules rules = new WorkItemRules();
        final WorkItemAggregator aggregate = new WorkItemAggregator();
        final WorkItem item = new WorkItem();
        final List<WorkItemReference.Reject> rejects = new ArrayList<>();
        long lines = 0;
        long blank = 0;
        try (NdjsonLineReader reader = new NdjsonLineReader(new ByteArrayInputStream(input), "mixed", maxLineLength))
        {
            while (reader.next())
            {
                lines++;
                final byte[] bytes = reader.lineBuffer();
                final int offset = reader.lineOffset();
                final int length = reader.lineLength();
                if (length <= maxLineLength && LineSource.isBlank(bytes, offset, length))
                {
                    blank++;
                    continue;
                }
                final RejectReason reason = parse.onLine(bytes, offset, length, item);
                if (null != reason)
                {
                    final int excerpt = Math.min(Math.min(length, maxLineLength), 512);
                    rejects.add(new WorkItemReference.Reject(
                        reader.lineNumber(), reason, new String(bytes, offset, excerpt, StandardCharsets.ISO_8859_1)));
                }
                else if (rules.apply(item))
                {
                    aggregate.onItem(item);
                }
            }
        }

        assertEquals(reference.lines(), lines);
        assertEquals(reference.blank(), blank);
        assertEquals(reference.rejects(), rejects);
        assertEquals(List.of(), mismatches(reference, parse, rules, aggregate.results()));
        for (final RejectReason reason : RejectReason.values())
        {
            assertTrue(RejectReason.UNKNOWN_TYPE == reason || reference.rejected(reason) > 0, reason.name());
        }
        assertTrue(reference.blank() > 0 && reference.filtered() > 0 && reference.kept() > 1_000);
    }

    private static List<String> mismatches(
        final WorkItemReference.Outcome reference,
        final WorkItemParseStep parse,
        final WorkItemRules rules,
        final WorkItemResults results)
    {
        final List<String> mismatches = new ArrayList<>();
        compare(mismatches, "accepted", reference.accepted(), parse.accepted());
        for (final RejectReason reason : RejectReason.values())
        {
            compare(mismatches, "rejected " + reason, reference.rejected(reason), parse.rejected(reason));
        }
        compare(mismatches, "filtered", reference.filtered(), rules.filtered());
        compare(mismatches, "kept", reference.kept(), rules.kept());
        mismatches.addAll(reference.mismatches(results));
        final WorkItemResults expected = new WorkItemResults(reference.kept(), reference.vectorSum(),
            reference.diagonalSum(), reference.firstRowSum(), reference.idHashSum(), reference.idHashXor());
        mismatches.addAll(expected.differences(WorkItemResults.fromText(results.toText())));
        return mismatches;
    }

    private static void compare(
        final List<String> mismatches, final String name, final long expected, final long actual)
    {
        if (expected != actual)
        {
            mismatches.add(name + " " + expected + " != " + actual);
        }
    }

    private static byte[] mixedInput() throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final String[] bad = {
            "{\"id\":1,", "[1]", "{\"id\":2,\"vector\":" + array(counting(0)) + "}",
            "{\"id\":3,\"id\":3,\"vector\":" + array(counting(0)) + ",\"matrix\":" + array(counting(0)) + "}",
            line("\"4\"", counting(0), counting(0)), line("-5", counting(0), counting(0)),
            line("6", counting(0), Arrays.copyOf(counting(0), 63)), line("7", repeat("NaN"), counting(0)),
            line("8", repeat("1e999"), counting(0)), line("9", repeat("0"), counting(0)),
            line("10", repeat("1.5"), counting(0)) + " ".repeat(4_000), "   ", "\t\r", "",
            line("11", counting(1), counting(1)) + "\r", "{\"id\":12,\"x\":\"caf\u00e9\"}",
            "{\"id\":13,\"x\":\"\u00ff\"}" };
        final WorkItemGenerator generator = new WorkItemGenerator(7, 2_000);
        int next = 0;
        while (generator.next())
        {
            out.write(generator.lineBuffer(), 0, generator.lineLength());
            out.write('\n');
            if (generator.lineNumber() % 90 == 0)
            {
                out.write(bad[next++ % bad.length].getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
        }
        out.write(new byte[]{ '{', '"', 'i', 'd', '"', ':', '1', ',', '"', (byte)0xC3, '"', '}', '\n' });
        out.write(line("99", counting(5), counting(6)).getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /**
     * Parse, rules and aggregate as three stages joined by WorkItemBatch frames, each flushed when full or at the end;
     * each receiving stage has its own decoder, as each process would.
     */
    private static final class SplitRun
    {
        final WorkItemParseStep parse = new WorkItemParseStep(MAX_LINE_LENGTH);
        final WorkItemRules rules = new WorkItemRules();
        final WorkItemAggregator aggregate = new WorkItemAggregator();

        private final int batch;
        private final UnsafeBuffer parsedFrame;
        private final UnsafeBuffer keptFrame;
        private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
        private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
        private final WorkItemBatchEncoder parsedEncoder = new WorkItemBatchEncoder();
        private final WorkItemBatchEncoder keptEncoder = new WorkItemBatchEncoder();
        private final WorkItemBatchDecoder rulesDecoder = new WorkItemBatchDecoder();
        private final WorkItemBatchDecoder aggregateDecoder = new WorkItemBatchDecoder();
        private final WorkItem parsed = new WorkItem();
        private final WorkItem rulesItem = new WorkItem();
        private final WorkItem aggregateItem = new WorkItem();
        private final WorkItem[] kept;
        private final WorkItem[] pendingParsed;
        private int parsedCount;
        private int keptCount;
        private long sequence;

        SplitRun(final int batch)
        {
            this.batch = batch;
            parsedFrame = new UnsafeBuffer(new byte[WorkItemEntries.batchLength(batch)]);
            keptFrame = new UnsafeBuffer(new byte[WorkItemEntries.batchLength(batch)]);
            pendingParsed = new WorkItem[batch];
            kept = new WorkItem[batch];
            for (int i = 0; i < batch; i++)
            {
                pendingParsed[i] = new WorkItem();
                kept[i] = new WorkItem();
            }
        }

        void onLine(final LineSource source)
        {
            parsed.lineNumber(source.lineNumber());
            if (null == parse.onLine(source.lineBuffer(), source.lineOffset(), source.lineLength(), parsed))
            {
                pendingParsed[parsedCount++].copyFrom(parsed);
                if (parsedCount == batch)
                {
                    flushParsed();
                }
            }
        }

        void finish()
        {
            flushParsed();
            flushKept();
        }

        private void flushParsed()
        {
            if (parsedCount > 0)
            {
                encode(parsedFrame, parsedEncoder, Stage.PARSE, pendingParsed, parsedCount);
                parsedCount = 0;
                for (final WorkItemBatchDecoder.ItemsDecoder entry : wrap(parsedFrame, rulesDecoder).items())
                {
                    WorkItemEntries.decode(entry, rulesItem);
                    if (rules.apply(rulesItem))
                    {
                        kept[keptCount++].copyFrom(rulesItem);
                        if (keptCount == batch)
                        {
                            flushKept();
                        }
                    }
                }
            }
        }

        private void flushKept()
        {
            if (keptCount > 0)
            {
                encode(keptFrame, keptEncoder, Stage.RULES, kept, keptCount);
                keptCount = 0;
                for (final WorkItemBatchDecoder.ItemsDecoder entry : wrap(keptFrame, aggregateDecoder).items())
                {
                    WorkItemEntries.decode(entry, aggregateItem);
                    aggregate.onItem(aggregateItem);
                }
            }
        }

        private void encode(
            final UnsafeBuffer frame,
            final WorkItemBatchEncoder encoder,
            final Stage sender,
            final WorkItem[] items,
            final int count)
        {
            encoder.wrapAndApplyHeader(frame, 0, headerEncoder).sender(sender).sequence(sequence++).eventCount(count);
            final WorkItemBatchEncoder.ItemsEncoder entries = encoder.itemsCount(count);
            for (int i = 0; i < count; i++)
            {
                WorkItemEntries.encode(items[i], entries.next());
            }
        }

        private WorkItemBatchDecoder wrap(final UnsafeBuffer frame, final WorkItemBatchDecoder decoder)
        {
            headerDecoder.wrap(frame, 0);
            if (headerDecoder.templateId() != WorkItemBatchDecoder.TEMPLATE_ID)
            {
                throw new IllegalStateException("template " + headerDecoder.templateId());
            }
            return decoder.wrap(frame, headerDecoder.encodedLength(), headerDecoder.blockLength(),
                headerDecoder.version());
        }
    }
}
