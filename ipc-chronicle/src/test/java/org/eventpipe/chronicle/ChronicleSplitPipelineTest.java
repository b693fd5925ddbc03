package org.eventpipe.chronicle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eventpipe.support.JacksonReference;
import org.eventpipe.support.ReferenceGenerator;
import org.eventpipe.support.ReferenceOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The split pipeline over Chronicle queues, five real processes, against {@link JacksonReference} on the same input
 * (with rejected and blank lines, so that reject frames pass through every stage): results file, rejects file and
 * printed counts.
 */
@Timeout(180)
final class ChronicleSplitPipelineTest
{
    private static final Pattern QUEUES = Pattern.compile("queues in (\\S+)\\)");

    @TempDir
    static Path directory;

    private static Path input;
    private static ReferenceOutcome reference;

    @BeforeAll
    static void writeInput() throws Exception
    {
        input = SplitRuns.writeInput(directory.resolve("input.ndjson"), 150_000);
        reference = JacksonReference.defaults().run(input);
        assertTrue(reference.rejected() > 0);
        assertTrue(reference.blankLines() > 0);
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = { 1, 100, 0 })
    void shouldMatchTheReferenceAndRemoveTheQueues(final int batch) throws Exception
    {
        final Path output = directory.resolve("split-" + batch + ".out");
        final Path results = directory.resolve("results-" + batch + ".jsonl");
        final Path rejects = directory.resolve("rejects-" + batch + ".txt");
        final Process launcher = SplitRuns.start(output, "--transport", "chronicle", "--batch",
            Integer.toString(batch), "--input", input.toString(), "--results", results.toString(),
            "--rejects", rejects.toString());

        final int exit = SplitRuns.await(launcher, 120);
        final String report = SplitRuns.read(output);

        assertEquals(0, exit, report);
        assertEquals(List.of(), reference.resultsFileMismatches(SplitRuns.read(results)), report);
        assertEquals(List.of(), reference.rejectsFileMismatches(Files.readAllBytes(rejects)), report);
        assertEquals(List.of(), reference.reportMismatches(report), report);
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
        final Path results = directory.resolve("kept-results.jsonl");
        final Process launcher = SplitRuns.start(output, "--transport", "chronicle", "--events", "20000",
            "--queue-dir", queueDir.toString(), "--keep-queues", "--results", results.toString());

        final int exit = SplitRuns.await(launcher, 60);
        final String report = SplitRuns.read(output);

        assertEquals(0, exit, report);
        final ReferenceOutcome generated =
            JacksonReference.defaults().run(ReferenceGenerator.ndjson(42, 10_000, 20_000));
        assertEquals(List.of(), generated.resultsFileMismatches(SplitRuns.read(results)), report);
        assertEquals(List.of(), generated.reportMismatches(report), report);
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
