package org.eventpipe.chronicle;

import java.nio.file.Path;

import org.eventpipe.metrics.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Restart without loss: SIGKILL the rules stage and then the aggregate stage in the middle of a run with
 * {@code --restart-on-failure}; the run must end with exactly the monolith's aggregates and counts (the same as an
 * undisturbed run's: nothing lost, nothing counted twice), and the sink's checks (sequence numbers without a gap,
 * frame and event counts of every edge) must pass.
 */
final class ChronicleRestartTest
{
    private static final String READY = "eventpipe stage ready: ";

    @TempDir
    Path directory;

    @Test
    void shouldLoseAndDuplicateNothingWhenRulesAndAggregateAreKilledAndRestarted() throws Exception
    {
        final Path input = SplitRuns.writeInput(directory.resolve("input.ndjson"), 2_000_000);
        final RunResult reference = SplitRuns.monolith(input);
        final Path output = directory.resolve("split.out");
        final Path results = directory.resolve("results.jsonl");
        final Process launcher = SplitRuns.start(output, "--transport", "chronicle", "--batch", "0",
            "--restart-on-failure", "--input", input.toString(), "--results", results.toString());
        try
        {
            final Path runDirectory = SplitRuns.runDirectory(output, 30_000);
            SplitRuns.awaitContains(runDirectory.resolve("ingest.log"), READY + "ingest", 60_000);
            Thread.sleep(500);

            kill(launcher, "rules");
            SplitRuns.awaitContains(runDirectory.resolve("rules.log"), "stage rules restarted: resuming at", 60_000);
            Thread.sleep(100);
            kill(launcher, "aggregate");
            SplitRuns.awaitContains(runDirectory.resolve("aggregate.log"), "stage aggregate restarted: replaying",
                60_000);
        }
        finally
        {
            SplitRuns.await(launcher, 180);
        }

        final String report = SplitRuns.read(output);
        assertEquals(0, launcher.exitValue(), report);
        assertTrue(report.contains("stage rules exited with status 137; restarting it"), report);
        assertTrue(report.contains("stage aggregate exited with status 137; restarting it"), report);
        assertEquals(reference.results().toJsonLines(), SplitRuns.read(results), report);
        assertEquals(reference.counts().summary(), SplitRuns.linesSummary(report), report);
        assertTrue(report.contains("checks: OK"), report);
    }

    private static void kill(final Process launcher, final String stage)
    {
        final ProcessHandle process = SplitRuns.stage(launcher, stage)
            .orElseThrow(() -> new AssertionError("no " + stage + " stage process"));
        assertTrue(process.destroyForcibly(), "SIGKILL " + stage);
    }
}
