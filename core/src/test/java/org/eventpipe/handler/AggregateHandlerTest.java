package org.eventpipe.handler;

import java.util.Locale;

import org.eventpipe.model.EventType;
import org.eventpipe.model.Outcome;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.model.RejectReason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class AggregateHandlerTest
{
    private final AggregateHandler aggregate = new AggregateHandler();

    @Test
    void shouldFoldCountSumAndAverageOfAcceptedEventsPerType()
    {
        onEvent(EventType.CLICK, 10);
        onEvent(EventType.CLICK, 5);
        onEvent(EventType.PURCHASE, -7);
        onEvent(EventType.CLICK, 0);

        final AggregateResults results = aggregate.results();

        assertEquals(3, results.count(EventType.CLICK));
        assertEquals(15, results.sum(EventType.CLICK));
        assertEquals(5.0, results.average(EventType.CLICK));
        assertEquals(1, results.count(EventType.PURCHASE));
        assertEquals(-7, results.sum(EventType.PURCHASE));
        assertEquals(-7.0, results.average(EventType.PURCHASE));
        assertEquals(0, results.count(EventType.VIEW));
        assertEquals(0.0, results.average(EventType.VIEW));
        assertEquals(4, results.total());
        assertEquals(4, aggregate.total());
    }

    @Test
    void shouldIgnoreEventsThatAreNotAccepted()
    {
        final PipelineEvent filtered = accepted(EventType.VIEW, 3);
        filtered.outcome(Outcome.FILTERED);
        final PipelineEvent failed = accepted(EventType.CLICK, 3);
        failed.outcome(Outcome.FAILED);
        final PipelineEvent rejected = new PipelineEvent();
        rejected.reject(RejectReason.MALFORMED_JSON);

        aggregate.onEvent(filtered);
        aggregate.onEvent(failed);
        aggregate.onEvent(rejected);
        aggregate.onEvent(new PipelineEvent());

        assertEquals(0, aggregate.total());
    }

    @Test
    void shouldSumBeyondIntRangeWithoutOverflow()
    {
        for (int i = 0; i < 4; i++)
        {
            aggregate.apply(EventType.PURCHASE, Integer.MAX_VALUE);
        }

        assertEquals(4L * Integer.MAX_VALUE, aggregate.results().sum(EventType.PURCHASE));
    }

    @Test
    void shouldWriteJsonLinesSortedByKeyWithSixDecimalAverage()
    {
        aggregate.apply(EventType.VIEW, 1);
        aggregate.apply(EventType.PURCHASE, 100);
        aggregate.apply(EventType.PURCHASE, 1);
        aggregate.apply(EventType.CLICK, 1);
        aggregate.apply(EventType.CLICK, 1);
        aggregate.apply(EventType.CLICK, 2);

        assertEquals(
            "{\"key\":\"click\",\"count\":3,\"sum\":4,\"avg\":1.333333}\n" +
            "{\"key\":\"purchase\",\"count\":2,\"sum\":101,\"avg\":50.500000}\n" +
            "{\"key\":\"view\",\"count\":1,\"sum\":1,\"avg\":1.000000}\n",
            aggregate.results().toJsonLines());
    }

    @Test
    void shouldLeaveOutTypesWithoutEventsFromJsonLines()
    {
        aggregate.apply(EventType.PURCHASE, -2);

        assertEquals("{\"key\":\"purchase\",\"count\":1,\"sum\":-2,\"avg\":-2.000000}\n",
            aggregate.results().toJsonLines());
        assertEquals("", new AggregateHandler().results().toJsonLines());
    }

    @Test
    void shouldSnapshotResultsIndependentlyOfLaterEvents()
    {
        aggregate.apply(EventType.CLICK, 1);
        final AggregateResults before = aggregate.results();

        aggregate.apply(EventType.CLICK, 1);

        assertEquals(1, before.count(EventType.CLICK));
        assertNotEquals(before, aggregate.results());
        assertEquals(new AggregateResults(new long[]{ 2, 0, 0 }, new long[]{ 2, 0, 0 }), aggregate.results());
    }

    @Test
    void shouldFormatAverageWithRootLocale()
    {
        final Locale saved = Locale.getDefault();
        final Locale savedFormat = Locale.getDefault(Locale.Category.FORMAT);
        try
        {
            // a decimal comma and a different digit grouping in the default locale must not reach the output
            Locale.setDefault(Locale.GERMANY);
            assertEquals("0,666667", String.format("%.6f", 2.0 / 3.0), "the default locale is in effect");
            onEvent(EventType.CLICK, 1);
            onEvent(EventType.CLICK, 2);
            onEvent(EventType.CLICK, 2);

            assertEquals("0.666667", AggregateResults.formatAverage(2.0 / 3.0));
            assertEquals("-1.500000", AggregateResults.formatAverage(-1.5));
            assertEquals("1234567.500000", AggregateResults.formatAverage(1_234_567.5));
            assertTrue(aggregate.results().toJsonLines().contains("\"avg\":1.666667}"),
                aggregate.results().toJsonLines());
        }
        finally
        {
            Locale.setDefault(saved);
            Locale.setDefault(Locale.Category.FORMAT, savedFormat);
        }
    }

    private void onEvent(final EventType type, final int value)
    {
        aggregate.onEvent(accepted(type, value));
    }

    private static PipelineEvent accepted(final EventType type, final int value)
    {
        final PipelineEvent event = new PipelineEvent();
        event.setParsed(1, type, value, 1000);
        return event;
    }
}
