package org.eventpipe.chronicle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eventpipe.metrics.RunResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The split pipeline over Chronicle queues, five real processes, against the monolith on the same input (with
 * rejected and blank lines, so that reject frames pass through every stage).
 */
final class ChronicleSplitPipelineTest
{
    private static final Pattern QUEUES = Pattern.compile("queues in (\\S+)\\)");

    @TempDir
    static Path directory;

    private static Path input;
    private static RunResult reference;

    @BeforeAll
    static void writeInput() throws Exception
    {
        input = SplitRuns.writeInput(directory.resolve("input.ndjson"), 150_000);
        reference = SplitRuns.monolith(input);
        assertTrue(reference.counts().rejected() > 0);
        assertTrue(reference.counts().blankLines() > 0);
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = { 1, 100, 0 })
    void shouldMatchTheMonolithAndRemoveTheQueues(final int batch) throws Exception
    {
        final Path output = directory.resolve("split-" + batch + ".out");
        final Path results = directory.resolve("results-" + batch + ".jsonl");
        final Process launcher = SplitRuns.start(output, "--transport", "chronicle", "--batch",
            Integer.toString(batch), "--input", input.toString(), "--results", results.toString());

        final int exit = SplitRuns.await(launcher, 120);
        final String report = SplitRuns.read(output);

        assertEquals(0, exit, report);
        assertEquals(reference.results().toJsonLines(), SplitRuns.read(results), report);
        assertEquals(reference.counts().summary(), SplitRuns.linesSummary(report), report);
        assertTrue(report.contains("checks: OK"), report);
        final Matcher queues = QUEUES.matcher(report);
        assertTrue(queues.find(), report);
        assertFalse(Files.exists(Path.of(queues.group(1))), "queues left after a successful run: " + queues.group(1));
    }

    @Test
    void shouldKeepTheQueuesInTheQueueDirectoryWhenAsked() throws Exception
    {
        final Path queueDir = directory.resolve("kept-queues");
        final Path output = directory.resolve("kept.out");
        final Process launcher = SplitRuns.start(output, "--transport", "chronicle", "--events", "20000",
            "--queue-dir", queueDir.toString(), "--keep-queues");

        final int exit = SplitRuns.await(launcher, 60);
        final String report = SplitRuns.read(output);

        assertEquals(0, exit, report);
        final Matcher queues = QUEUES.matcher(report);
        assertTrue(queues.find(), report);
        final Path kept = Path.of(queues.group(1));
        assertTrue(kept.startsWith(queueDir), kept.toString());
        assertTrue(report.contains("chronicle queues kept in " + kept), report);
        for (final String edge : new String[]{ "ingest-parse", "parse-rules", "rules-aggregate", "aggregate-sink" })
        {
            assertTrue(Files.isDirectory(kept.resolve(edge)), edge);
        }
    }
}
