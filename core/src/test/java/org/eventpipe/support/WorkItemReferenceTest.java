package org.eventpipe.support;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.eventpipe.model.RejectReason;
import org.eventpipe.workload.items.WorkItemResults;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The work-items reference on a hand-written input whose every outcome and sum is worked out by hand.
 */
final class WorkItemReferenceTest
{
    @Test
    void shouldJudgeEveryLineAndFoldTheKeptItemAsWorkedOutByHand()
    {
        final String[] vector = new String[64];
        Arrays.fill(vector, "0");
        vector[0] = "3";
        vector[1] = "4e0";
        final String[] zeros = new String[64];
        Arrays.fill(zeros, "0.0");
        final String[] matrix = new String[64];
        for (int i = 0; i < 64; i++)
        {
            matrix[i] = Integer.toString(i);
        }
        final String input = String.join("\n",
            line("1", vector, matrix),
            line("2", zeros, matrix),
            " \t\r",
            "{",
            line("3", Arrays.copyOf(vector, 63), matrix),
            line("4", vector, matrix) + " ".repeat(3_000),
            "\"x\"",
            line("5", vector, matrix).replace("\"id\":5", "\"id\":5.5")) + "\n";

        final WorkItemReference.Outcome outcome =
            new WorkItemReference(3_000).run(input.getBytes(StandardCharsets.US_ASCII));

        assertEquals(8, outcome.lines());
        assertEquals(1, outcome.blank());
        assertEquals(2, outcome.accepted());
        assertEquals(1, outcome.filtered());
        assertEquals(1, outcome.kept());
        assertEquals(List.of(4L, 5L, 6L, 7L, 8L), outcome.rejects().stream().map(r -> r.lineNumber()).toList());
        assertEquals(List.of(RejectReason.MALFORMED_JSON, RejectReason.WRONG_LENGTH, RejectReason.LINE_TOO_LONG,
            RejectReason.NOT_AN_OBJECT, RejectReason.WRONG_TYPE),
            outcome.rejects().stream().map(r -> r.reason()).toList());
        assertEquals("{", outcome.rejects().get(0).excerpt());
        assertEquals(WorkItemReference.REJECT_EXCERPT_BYTES, outcome.rejects().get(2).excerpt().length());
        assertEquals("\"x\"", outcome.rejects().get(3).excerpt());
        assertEquals(5, outcome.rejected());
        assertEquals(0.6 + 0.8, outcome.vectorSum(), "(3, 4) / 5");
        assertEquals(0 + 9 + 18 + 27 + 36 + 45 + 54 + 63, outcome.diagonalSum());
        assertEquals(0 + 8 + 16 + 24 + 32 + 40 + 48 + 56, outcome.firstRowSum(), "row 0 of the transpose");
        assertEquals(0x910A2DEC89025CC1L, outcome.idHashXor(), "SplitMix64's first output for seed 1");
        assertEquals(outcome.idHashXor(), outcome.idHashSum());
        assertEquals(List.of(), outcome.mismatches(new WorkItemResults(1, 0.6 + 0.8, 252, 224,
            0x910A2DEC89025CC1L, 0x910A2DEC89025CC1L)));
        assertEquals(List.of("firstRowSum: expected 224.0 (406c000000000000), was 28.0 (403c000000000000)"),
            outcome.mismatches(new WorkItemResults(1, 0.6 + 0.8, 252, 28, 0x910A2DEC89025CC1L,
            0x910A2DEC89025CC1L)));
    }

    private static String line(final String id, final String[] vector, final String[] matrix)
    {
        return "{\"id\":" + id + ",\"vector\":[" + String.join(",", vector) + "],\"matrix\":[" +
            String.join(",", matrix) + "]}";
    }
}
