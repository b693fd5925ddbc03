package org.eventpipe.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eventpipe.workload.EventGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class MonolithVsFusedBenchTest
{
    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    @Test
    void shouldPrintUsageAndExitZeroOnHelp()
    {
        assertEquals(0, run("--help"));

        final String help = out();
        for (final String option : new String[]{ "--input", "--events", "--rounds", "--warmup", "--wait-strategy",
            "--ring-size", "--ingest-batch", "--help" })
        {
            assertTrue(help.contains(option), option);
        }
        assertTrue(help.contains("(default: 10000000)"), help);
        assertEquals("", err());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "--bogus",
        "--events",
        "--events abc",
        "--events 0",
        "--rounds x",
        "--rounds 0",
        "--warmup -1",
        "--ring-size 1000",
        "--ingest-batch 0",
        "--wait-strategy nope",
        "--input /nonexistent/events.ndjson",
        "extra" })
    void shouldExitTwoWithOneErrorLineAndUsageOnStderr(final String arguments)
    {
        assertEquals(2, run(arguments.split(" ")), err());

        final List<String> lines = err().lines().toList();
        assertTrue(lines.get(0).startsWith("MonolithVsFusedBench: error: "), err());
        assertTrue(lines.get(1).startsWith("Usage: MonolithVsFusedBench"), err());
        assertFalse(err().contains("\tat "), err());
        assertFalse(err().contains("Exception"), err());
        assertEquals("", out());
    }

    @Test
    void shouldCompareOverAGivenInput() throws IOException
    {
        final Path input = dir.resolve("events.ndjson");
        try (OutputStream file = Files.newOutputStream(input))
        {
            new EventGenerator(42, 100, 2_000).writeTo(file);
        }

        assertEquals(0, run("--input", input.toString(), "--rounds", "1", "--warmup", "0", "--ring-size", "1024",
            "--ingest-batch", "16", "--wait-strategy", "yielding"), err());

        final String report = out();
        assertTrue(report.contains("wait=yielding ring=1024, 0 warm-up + 1 measured rounds"), report);
        assertTrue(report.contains("round 1    monolith "), report);
        assertTrue(report.contains("ratio monolith/fused "), report);
        assertEquals("", err());
    }

    @Test
    void shouldTakeTheMedianOfOddAndEvenCounts()
    {
        assertEquals(2.0, MonolithVsFusedBench.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.5, MonolithVsFusedBench.median(List.of(4.0, 1.0, 2.0, 3.0)));
    }

    private int run(final String... args)
    {
        return MonolithVsFusedBench.execute(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
            new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    private String out()
    {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err()
    {
        return errBytes.toString(StandardCharsets.UTF_8);
    }
}
