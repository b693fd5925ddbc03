package org.eventpipe.workload.items;

import java.util.List;

import org.eventpipe.support.WorkItemReference;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class WorkItemAggregatorTest
{
    @Test
    void shouldFoldSumsCountAndIdHashes()
    {
        final WorkItemAggregator aggregator = new WorkItemAggregator();
        final WorkItem item = new WorkItem();
        item.id(5);
        item.vector()[0] = 0.5;
        item.vector()[63] = 0.25;
        for (int i = 0; i < WorkItem.MATRIX_LENGTH; i++)
        {
            item.matrix()[i] = i;
        }
        aggregator.onItem(item);
        item.id(6);
        aggregator.onItem(item);

        final WorkItemResults results = aggregator.results();
        assertEquals(2, results.items());
        assertEquals(1.5, results.vectorSum());
        assertEquals(2 * (0 + 9 + 18 + 27 + 36 + 45 + 54 + 63), results.diagonalSum());
        assertEquals(2 * (0 + 1 + 2 + 3 + 4 + 5 + 6 + 7), results.firstRowSum());
        assertEquals(WorkItemAggregator.mixId(5) + WorkItemAggregator.mixId(6), results.idHashSum());
        assertEquals(WorkItemAggregator.mixId(5) ^ WorkItemAggregator.mixId(6), results.idHashXor());
    }

    @Test
    void shouldHashIdsIndependentlyOfOrderWhileTheSumsFollowArrivalOrder()
    {
        final WorkItemResults abc = fold(new long[]{ 1, 2, 3 }, new double[]{ 1e16, 1.0, -1e16 });
        final WorkItemResults acb = fold(new long[]{ 1, 3, 2 }, new double[]{ 1e16, -1e16, 1.0 });

        assertEquals(abc.idHashSum(), acb.idHashSum());
        assertEquals(abc.idHashXor(), acb.idHashXor());
        assertEquals(0.0, abc.vectorSum(), "1e16 + 1 rounds back to 1e16");
        assertEquals(1.0, acb.vectorSum());
        assertEquals(List.of("vectorSum 0.0 (0x0000000000000000) != 1.0 (0x3ff0000000000000)"),
            abc.differences(acb));
    }

    @Test
    void shouldMixIdsAsTheReferenceDoesWithoutAFixedPointAtZero()
    {
        for (final long id : new long[]{ 0, 1, 42, Long.MAX_VALUE, 6_839_728_766_377_637_706L })
        {
            assertEquals(WorkItemReference.splitMix64(id), WorkItemAggregator.mixId(id));
        }
        assertNotEquals(0, WorkItemAggregator.mixId(0));
        assertNotEquals(WorkItemAggregator.mixId(1), WorkItemAggregator.mixId(2));
    }

    @Test
    void shouldRoundTripTextExactlyIncludingNonFiniteSignedZeroAndHighHashBits()
    {
        final WorkItemResults[] all = {
            new WorkItemResults(0, 0.0, 0.0, 0.0, 0, 0),
            new WorkItemResults(19_996, 0.1 + 0.2, -1234.5, Double.MIN_VALUE, -1L, Long.MIN_VALUE),
            new WorkItemResults(3, Double.NaN, Double.POSITIVE_INFINITY, -0.0, 0x0123456789abcdefL, 1),
            new WorkItemResults(Long.MAX_VALUE, Double.MAX_VALUE, Double.NEGATIVE_INFINITY, 1e-300, 42, -42) };
        for (final WorkItemResults results : all)
        {
            final WorkItemResults read = WorkItemResults.fromText(results.toText() + "\n");

            assertEquals(results, read, results.toText());
            assertEquals(results.hashCode(), read.hashCode());
            assertEquals(List.of(), results.differences(read));
        }
        assertEquals("{\"items\":3,\"vectorSum\":\"NaN\",\"diagonalSum\":\"Infinity\",\"firstRowSum\":\"-0.0\"," +
            "\"idHashSum\":\"0123456789abcdef\",\"idHashXor\":\"0000000000000001\"}", all[2].toText());
    }

    @Test
    void shouldRefuseTextThatIsNotResults()
    {
        final String good = new WorkItemResults(1, 1.0, 2.0, 3.0, 4, 5).toText();

        assertThrows(IllegalArgumentException.class, () -> WorkItemResults.fromText(""));
        assertThrows(IllegalArgumentException.class, () -> WorkItemResults.fromText(good.replace("1.0", "one")));
        assertThrows(IllegalArgumentException.class,
            () -> WorkItemResults.fromText(good.replace("\"items\"", "\"n\"")));
        assertThrows(IllegalArgumentException.class, () -> WorkItemResults.fromText(good + "x"));
    }

    @Test
    void shouldNameEveryFieldThatDiffersAndTellSignedZerosApart()
    {
        final WorkItemResults a = new WorkItemResults(1, 0.0, 1.0, 2.0, 3, 4);
        final WorkItemResults b = new WorkItemResults(2, -0.0, 1.0, 2.5, 3, 5);

        final List<String> differences = a.differences(b);

        assertNotEquals(a, b);
        assertEquals(4, differences.size(), differences.toString());
        assertEquals("items 1 != 2", differences.get(0));
        assertEquals("vectorSum 0.0 (0x0000000000000000) != -0.0 (0x8000000000000000)", differences.get(1));
        assertTrue(differences.get(2).startsWith("firstRowSum 2.0"), differences.get(2));
        assertEquals("idHashXor 0000000000000004 != 0000000000000005", differences.get(3));
    }

    private static WorkItemResults fold(final long[] ids, final double[] firstElements)
    {
        final WorkItemAggregator aggregator = new WorkItemAggregator();
        final WorkItem item = new WorkItem();
        for (int i = 0; i < ids.length; i++)
        {
            item.id(ids[i]);
            item.vector()[0] = firstElements[i];
            aggregator.onItem(item);
        }
        return aggregator.results();
    }
}
