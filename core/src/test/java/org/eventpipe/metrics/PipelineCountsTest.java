package org.eventpipe.metrics;

import java.util.List;

import org.eventpipe.handler.AggregateResults;
import org.eventpipe.model.EventType;
import org.eventpipe.model.RejectReason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link PipelineCounts#violations(AggregateResults)} reports each way conservation can break, with its numbers, and
 * nothing when every line is accounted for once.
 */
final class PipelineCountsTest
{
    @Test
    void shouldFindNoViolationWhenEveryLineIsAccountedForOnce()
    {
        final PipelineCounts counts = balanced();

        assertEquals(List.of(), counts.violations(results(5)));
    }

    @Test
    void shouldReportLineReadButNotAccountedFor()
    {
        final PipelineCounts counts = balanced();
        counts.addLinesRead(1);

        assertEquals(List.of("lines read 13 != blank 1 + kept 5 + filtered 2 + rejected 3 + failed 1"),
            counts.violations(results(5)));
    }

    @Test
    void shouldReportLineAccountedForTwice()
    {
        final PipelineCounts counts = balanced();
        counts.addFiltered(1);

        assertEquals(List.of("lines read 12 != blank 1 + kept 5 + filtered 3 + rejected 3 + failed 1"),
            counts.violations(results(5)));
    }

    @Test
    void shouldCountFailedEventsAsAccountedFor()
    {
        final PipelineCounts counts = balanced();
        counts.addLinesRead(2);
        counts.addFailed(2);

        assertEquals(List.of(), counts.violations(results(5)));
        assertEquals(3, counts.failed());
    }

    @Test
    void shouldReportAggregatesMissingAKeptEvent()
    {
        assertEquals(List.of("aggregated events 4 != kept 5"), balanced().violations(results(4)));
    }

    @Test
    void shouldReportAggregatesHoldingAnEventTwice()
    {
        assertEquals(List.of("aggregated events 6 != kept 5"), balanced().violations(results(6)));
    }

    @Test
    void shouldReportBothViolationsTogether()
    {
        final PipelineCounts counts = balanced();
        counts.addKept(1);

        assertEquals(List.of(
            "lines read 12 != blank 1 + kept 6 + filtered 2 + rejected 3 + failed 1",
            "aggregated events 5 != kept 6"), counts.violations(results(5)));
    }

    /**
     * 12 lines: 1 blank, 5 kept, 2 filtered, 3 rejected (two reasons), 1 failed.
     */
    private static PipelineCounts balanced()
    {
        final PipelineCounts counts = new PipelineCounts();
        counts.addLinesRead(12);
        counts.addBlankLines(1);
        counts.addKept(5);
        counts.addFiltered(2);
        counts.addRejected(RejectReason.MALFORMED_JSON, 2);
        counts.addRejected(RejectReason.UNKNOWN_TYPE, 1);
        counts.addFailed(1);
        return counts;
    }

    private static AggregateResults results(final long total)
    {
        final long[] counts = new long[EventType.count()];
        final long[] sums = new long[EventType.count()];
        counts[EventType.CLICK.code()] = total - 1;
        counts[EventType.PURCHASE.code()] = 1;
        sums[EventType.CLICK.code()] = 10 * (total - 1);
        sums[EventType.PURCHASE.code()] = 7;
        return new AggregateResults(counts, sums);
    }
}
