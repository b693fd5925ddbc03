package org.eventpipe.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class ComparisonTest
{
    private static final String HEADER = "source,regime,row,exit_status,throughput_meps\n";

    @TempDir
    Path dir;

    @Test
    void shouldFlagARatioThatMovedBeyondFifteenPercentAndAChangedRanking() throws IOException
    {
        final Path before = folder("old", "monolith,0,10.0", "monolith,0,12.0", "aeron-ipc batch 100,0,6.0",
            "chronicle batch 100,0,5.0");
        final Path after = folder("new", "monolith,0,11.0", "aeron-ipc batch 100,0,5.0",
            "chronicle batch 100,0,5.9");

        final Comparison comparison = Comparison.of(before, after);

        assertEquals(2, comparison.beyondTolerance(), comparison.text());
        assertFalse(comparison.rankingKept(), comparison.text());
        assertTrue(comparison.text().contains("aeron-ipc batch 100"), comparison.text());
        assertTrue(comparison.text().contains("-16.7%"), comparison.text());
    }

    @Test
    void shouldLeaveOutFailedRunsFromTheMedians() throws IOException
    {
        final Path before = folder("old", "monolith,0,10.0", "aeron-ipc batch 100,0,6.0");
        final Path after = folder("new", "monolith,0,10.0", "monolith,1,1.0", "aeron-ipc batch 100,0,6.3");

        final Comparison comparison = Comparison.of(before, after);

        assertEquals(0, comparison.beyondTolerance(), comparison.text());
        assertTrue(comparison.rankingKept(), comparison.text());
        assertTrue(comparison.text().contains("+5.0%"), comparison.text());
    }

    @Test
    void shouldParseQuotedCellsWithCommasAndQuotes()
    {
        final List<List<String>> rows = Comparison.parse("a,\"b, \"\"c\"\"\",d\n1,2,3\n");

        assertEquals(List.of(List.of("a", "b, \"c\"", "d"), List.of("1", "2", "3")), rows);
    }

    private Path folder(final String name, final String... runs) throws IOException
    {
        final Path folder = Files.createDirectories(dir.resolve(name));
        final StringBuilder csv = new StringBuilder(HEADER);
        for (final String run : runs)
        {
            csv.append("file,cold,").append(run).append('\n');
        }
        Files.writeString(folder.resolve(ReportWriter.CSV_NAME), csv.toString(), StandardCharsets.UTF_8);
        return folder;
    }
}
