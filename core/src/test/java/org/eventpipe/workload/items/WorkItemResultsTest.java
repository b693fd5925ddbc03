package org.eventpipe.workload.items;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.agrona.concurrent.UnsafeBuffer;
import org.eventpipe.handler.AggregateResults;
import org.eventpipe.model.EventType;
import org.eventpipe.workload.Workload;
import org.eventpipe.workload.WorkloadResults;
import org.eventpipe.workload.Workloads;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class WorkItemResultsTest
{
    private static final double ODD_NAN = Double.longBitsToDouble(0xfff8000000000abcL);

    private final Workload workload = Workloads.named("work-items");

    @Test
    void shouldDecodeWhatItEncodesKeepingEveryBit()
    {
        final WorkItemResults[] all = {
            new WorkItemResults(0, 0.0, 0.0, 0.0, 0, 0),
            new WorkItemResults(19_996, -0.0, ODD_NAN, Double.MIN_VALUE, -1L, Long.MIN_VALUE),
            new WorkItemResults(Long.MAX_VALUE, Double.NEGATIVE_INFINITY, 1e-310, 12.345678901234567,
                0x0123456789abcdefL, 1) };
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        for (final WorkItemResults results : all)
        {
            assertEquals(48, results.encodedLength());
            results.encode(buffer, 7);
            final WorkloadResults decoded = workload.decodeResults(buffer, 7, results.encodedLength());

            assertEquals(results, decoded);
            assertEquals(results.total(), decoded.total());
            final UnsafeBuffer again = new UnsafeBuffer(new byte[48]);
            decoded.encode(again, 0);
            final byte[] first = new byte[48];
            buffer.getBytes(7, first);
            assertArrayEquals(first, again.byteArray(), "the raw bits, NaN payload included, survive");
        }
        assertEquals(0xfff8000000000abcL,
            Double.doubleToRawLongBits(((WorkItemResults)decodeAll(all[1])).diagonalSum()));
    }

    @Test
    void shouldRejectAnEncodingOfTheWrongLengthOrANegativeCount()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        new WorkItemResults(1, 1.0, 2.0, 3.0, 4, 5).encode(buffer, 0);
        for (final int length : new int[]{ 0, 47, 49, 16 })
        {
            final IllegalArgumentException ex = assertThrows(
                IllegalArgumentException.class, () -> workload.decodeResults(buffer, 0, length));
            assertEquals("work-item results must be 48 bytes: " + length, ex.getMessage());
        }
        buffer.putLong(0, -3);
        assertThrows(IllegalArgumentException.class, () -> workload.decodeResults(buffer, 0, 48));
    }

    @Test
    void shouldWriteOneJsonLineThatReadsBackEqual() throws IOException
    {
        final WorkItemResults results =
            new WorkItemResults(3, -0.0, Double.NaN, Double.POSITIVE_INFINITY, -2, 0x00ffL);
        final String text = results.toJsonLines();

        assertTrue(text.endsWith("\n") && text.indexOf('\n') == text.length() - 1, text);
        assertEquals(results, WorkItemResults.fromText(text));
        final JsonNode json = new ObjectMapper().readTree(text);
        assertEquals("-0.0", json.get("vectorSum").asText());
        assertEquals("NaN", json.get("diagonalSum").asText());
        assertEquals("00000000000000ff", json.get("idHashXor").asText());
    }

    @Test
    void shouldWriteTheSummaryAsAnObjectOfTheTextFields() throws IOException
    {
        final WorkItemResults results =
            new WorkItemResults(2, 0.5, Double.NaN, -1e300, Long.MIN_VALUE, 7);
        final StringWriter out = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(out))
        {
            json.writeStartObject();
            json.writeFieldName("results");
            results.writeSummary(json);
            json.writeEndObject();
        }

        final JsonNode summary = new ObjectMapper().readTree(out.toString()).get("results");
        assertTrue(summary.isObject(), out.toString());
        assertEquals(2, summary.get("items").asLong());
        assertTrue(summary.get("items").isIntegralNumber());
        assertEquals(new ObjectMapper().readTree(results.toText()), summary);
    }

    @Test
    void shouldReportEachFieldOnItsOwnLineWithTheBitsOfTheSums()
    {
        final List<String> lines = new WorkItemResults(4, 1.0, -0.0, 2.5, 16, 255).reportLines();

        assertEquals(List.of(
            "items       4",
            "vectorSum   1.0 (0x3ff0000000000000)",
            "diagonalSum -0.0 (0x8000000000000000)",
            "firstRowSum 2.5 (0x4004000000000000)",
            "idHashSum   0000000000000010",
            "idHashXor   00000000000000ff"), lines);
    }

    @Test
    void shouldListTheFieldsThatDifferAndNothingForEqualResults()
    {
        final WorkItemResults results = new WorkItemResults(4, 1.0, 0.0, 2.5, 16, 255);
        final WorkloadResults sameButNegativeZero = new WorkItemResults(4, 1.0, -0.0, 2.5, 16, 255);
        final WorkloadResults otherWorkload = new AggregateResults(new long[EventType.count()],
            new long[EventType.count()]);

        assertNotEquals(results, sameButNegativeZero);
        assertEquals(List.of("diagonalSum 0.0 (0x0000000000000000) != -0.0 (0x8000000000000000)"),
            results.differences(sameButNegativeZero));
        assertEquals(List.of(), results.differences(new WorkItemResults(4, 1.0, 0.0, 2.5, 16, 255)));
        assertEquals(1, results.differences(otherWorkload).size());
        assertTrue(results.differences(otherWorkload).get(0).startsWith("not work-item results: "));
        assertInstanceOf(WorkItemResults.class, new WorkItemAggregator().results());
        assertEquals(0, new WorkItemAggregator().results().total());
    }

    private WorkloadResults decodeAll(final WorkItemResults results)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[results.encodedLength()]);
        results.encode(buffer, 0);
        return workload.decodeResults(buffer, 0, results.encodedLength());
    }
}
