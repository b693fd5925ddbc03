package org.eventpipe.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.eventpipe.handler.AggregateResults;
import org.eventpipe.metrics.PipelineCounts;
import org.eventpipe.model.EventType;
import org.eventpipe.model.RejectReason;
import org.eventpipe.testing.RecordingRejectSink;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference's comparisons accept outputs written out by hand for the hand-written file of
 * {@link HandWrittenInput}, and report every tampered variant of them as a mismatch.
 */
final class ReferenceOutcomeTest
{
    private static final String RESULTS =
        "{\"key\":\"click\",\"count\":2,\"sum\":13,\"avg\":6.500000}\n" +
        "{\"key\":\"purchase\",\"count\":2,\"sum\":13,\"avg\":6.500000}\n";
    private static final String REPORT = "results:\n" +
        "lines: read=18 blank=2 accepted=5 (kept=4 filtered=1) rejected=11 failed=0\n" +
        "rejected by reason: MALFORMED_JSON=3 NOT_AN_OBJECT=1 MISSING_FIELD=1 DUPLICATE_FIELD=1 WRONG_TYPE=1 " +
        "OUT_OF_RANGE=1 UNKNOWN_TYPE=1 LINE_TOO_LONG=2\n" +
        "checks: OK\n";

    private final ReferenceOutcome outcome = new JacksonReference(
        HandWrittenInput.MAX_LINE_LENGTH, EnumSet.of(EventType.VIEW)).run(HandWrittenInput.file());

    @Test
    void shouldAcceptResultsFileWrittenByHand()
    {
        assertEquals(List.of(), outcome.resultsFileMismatches(RESULTS));
    }

    @Test
    void shouldReportEveryTamperedResultsFile()
    {
        final List<String> tampered = List.of(
            RESULTS.replace("\"count\":2,\"sum\":13,\"avg\":6.500000}\n{\"key\":\"purchase\"",
                "\"count\":3,\"sum\":13,\"avg\":6.500000}\n{\"key\":\"purchase\""),
            RESULTS.replace("\"sum\":13,\"avg\":6.500000}\n{", "\"sum\":14,\"avg\":6.500000}\n{"),
            RESULTS.replaceFirst("6\\.500000", "6.500001"),
            RESULTS.replaceFirst("6\\.500000", "6.499999"),
            RESULTS.replaceFirst("6\\.500000", "6.5"),
            RESULTS.replaceFirst("6\\.500000", "6,500000"),
            RESULTS.replaceFirst("\"count\":2", "\"count\":\"2\""),
            RESULTS.replaceFirst("\"key\":\"click\",\"count\":2", "\"count\":2,\"key\":\"click\""),
            RESULTS.substring(RESULTS.indexOf('\n') + 1) + RESULTS.substring(0, RESULTS.indexOf('\n') + 1),
            RESULTS.substring(0, RESULTS.indexOf('\n') + 1),
            RESULTS + "{\"key\":\"view\",\"count\":1,\"sum\":5,\"avg\":5.000000}\n",
            RESULTS.substring(0, RESULTS.length() - 1),
            RESULTS.replaceFirst("}", "} x"),
            "");

        for (final String results : tampered)
        {
            assertFalse(outcome.resultsFileMismatches(results).isEmpty(), results);
        }
    }

    @Test
    void shouldAcceptRejectsFileWrittenByHandAndReportEveryTamperedOne()
    {
        final String rejects = rejectsFile(HandWrittenInput.rejects());
        final List<String> tampered = List.of(
            rejects.replaceFirst("^6\t", "5\t"),
            rejects.replaceFirst("NOT_AN_OBJECT", "MALFORMED_JSON"),
            rejects.replaceFirst("\\[1]", "[2]"),
            rejects.replace("\r\n", "\n"),
            rejects.replaceFirst("\t\\[1]\n", "\t[1]\n7\tNOT_AN_OBJECT\t[1]\n"),
            rejects.substring(rejects.indexOf('\n') + 1),
            rejects.substring(0, rejects.length() - 1),
            rejects.replaceFirst("\t", " "),
            "");

        assertEquals(List.of(), outcome.rejectsFileMismatches(rejects.getBytes(StandardCharsets.ISO_8859_1)));
        for (final String file : tampered)
        {
            assertFalse(outcome.rejectsFileMismatches(file.getBytes(StandardCharsets.ISO_8859_1)).isEmpty(), file);
        }
    }

    @Test
    void shouldReportRejectsReceivedOutOfOrderOrAltered()
    {
        final List<RecordingRejectSink.Reject> received = new ArrayList<>();
        for (final ReferenceOutcome.Reject reject : HandWrittenInput.rejects())
        {
            received.add(new RecordingRejectSink.Reject(reject.lineNumber(), reject.reason(), reject.line()));
        }
        assertEquals(List.of(), outcome.rejectMismatches(received));

        final List<RecordingRejectSink.Reject> swapped = new ArrayList<>(received);
        swapped.set(0, received.get(1));
        swapped.set(1, received.get(0));
        final List<RecordingRejectSink.Reject> cut = new ArrayList<>(received);
        cut.set(7, new RecordingRejectSink.Reject(13, RejectReason.LINE_TOO_LONG, received.get(7).line().substring(1)));

        assertFalse(outcome.rejectMismatches(swapped).isEmpty());
        assertFalse(outcome.rejectMismatches(cut).isEmpty());
        assertFalse(outcome.rejectMismatches(received.subList(1, received.size())).isEmpty());
    }

    @Test
    void shouldAcceptReportWrittenByHandAndReportEveryTamperedOne()
    {
        final List<String> tampered = List.of(
            REPORT.replace("read=18", "read=19"),
            REPORT.replace("blank=2", "blank=1"),
            REPORT.replace("accepted=5", "accepted=4"),
            REPORT.replace("kept=4", "kept=3"),
            REPORT.replace("filtered=1", "filtered=2"),
            REPORT.replace("rejected=11", "rejected=10"),
            REPORT.replace("failed=0", "failed=1"),
            REPORT.replace("LINE_TOO_LONG=2", "LINE_TOO_LONG=1 WRONG_TYPE=1"),
            REPORT.replaceFirst("rejected by reason: [^\n]*\n", ""),
            REPORT.replaceFirst("lines: [^\n]*\n", ""));

        assertEquals(List.of(), outcome.reportMismatches(REPORT));
        for (final String report : tampered)
        {
            assertFalse(outcome.reportMismatches(report).isEmpty(), report);
        }
    }

    @Test
    void shouldReportCountsOrAggregatesHeldInMemoryThatDiffer()
    {
        final PipelineCounts counts = handCounts();
        assertEquals(List.of(), outcome.countMismatches(counts));
        counts.addRejected(RejectReason.WRONG_TYPE, 1);
        counts.addRejected(RejectReason.UNKNOWN_TYPE, -1);
        assertEquals(
            List.of("rejected WRONG_TYPE: expected 1 but was 2", "rejected UNKNOWN_TYPE: expected 1 but was 0"),
            outcome.countMismatches(counts));
        final PipelineCounts failed = handCounts();
        failed.addFailed(1);
        assertFalse(outcome.countMismatches(failed).isEmpty());

        final long[] counted = new long[EventType.count()];
        final long[] summed = new long[EventType.count()];
        counted[EventType.CLICK.code()] = 2;
        summed[EventType.CLICK.code()] = 13;
        counted[EventType.PURCHASE.code()] = 2;
        summed[EventType.PURCHASE.code()] = 13;
        assertEquals(List.of(), outcome.aggregateMismatches(new AggregateResults(counted, summed)));
        summed[EventType.PURCHASE.code()] = 12;
        assertTrue(outcome.aggregateMismatches(new AggregateResults(counted, summed)).get(0).contains("purchase"));
    }

    private static PipelineCounts handCounts()
    {
        final PipelineCounts counts = new PipelineCounts();
        counts.addLinesRead(18);
        counts.addBlankLines(2);
        counts.addKept(4);
        counts.addFiltered(1);
        counts.addRejected(RejectReason.MALFORMED_JSON, 3);
        counts.addRejected(RejectReason.LINE_TOO_LONG, 2);
        for (final RejectReason reason : List.of(RejectReason.NOT_AN_OBJECT, RejectReason.MISSING_FIELD,
            RejectReason.DUPLICATE_FIELD, RejectReason.WRONG_TYPE, RejectReason.OUT_OF_RANGE,
            RejectReason.UNKNOWN_TYPE))
        {
            counts.addRejected(reason, 1);
        }
        return counts;
    }

    private static String rejectsFile(final List<ReferenceOutcome.Reject> rejects)
    {
        final StringBuilder file = new StringBuilder();
        for (final ReferenceOutcome.Reject reject : rejects)
        {
            file.append(reject.lineNumber()).append('\t').append(reject.reason().name()).append('\t')
                .append(reject.line()).append('\n');
        }
        return file.toString();
    }
}
