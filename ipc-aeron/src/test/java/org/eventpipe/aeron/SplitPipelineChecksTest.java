package org.eventpipe.aeron;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher as a real process over aeron-ipc, with a fault injected into one stage's handler through
 * {@code --stage-jvm-option STAGE:-Deventpipe.fault.*}: a lost, a duplicated and a miscounted event, and events on
 * which a handler throws, each make the launcher print the sink's report with {@code checks: FAILED} and exactly the
 * problems the fault causes, with their numbers, and exit 1. Every run is 5,000 generated events (seed 42); no
 * process and no run directory outlives it.
 */
final class SplitPipelineChecksTest
{
    private static final String EVENTS = "5000";
    private static final long EXIT_DEADLINE_SECONDS = 120;

    @TempDir
    Path workDir;

    private LauncherProcess launcher;

    @AfterEach
    void killLeftovers()
    {
        if (null != launcher)
        {
            launcher.destroyAll();
        }
    }

    @Test
    @Timeout(180)
    void shouldReportKeptEventLostByTheAggregate() throws Exception
    {
        final Path runDirectory = runWithFault("aggregate", "drop", List.of());

        final List<Long> counts = launcher.reportedCounts();
        final long kept = counts.get(3);
        assertEquals(List.of(5000L, 0L, 5000L, kept, 5000L - kept, 0L, 0L), counts, launcher.output());
        assertProblems("aggregated events " + (kept - kept / 1000) + " != kept " + kept);
        assertCleanedUp(runDirectory);
    }

    @Test
    @Timeout(180)
    void shouldReportKeptEventAggregatedTwice() throws Exception
    {
        final Path runDirectory = runWithFault("aggregate", "duplicate", List.of());

        final long kept = launcher.reportedCounts().get(3);
        assertProblems("aggregated events " + (kept + kept / 1000) + " != kept " + kept);
        assertCleanedUp(runDirectory);
    }

    /**
     * Rules keep every type here, so that every 1000th event rules are given is a kept one, counted twice and sent
     * once.
     */
    @Test
    @Timeout(180)
    void shouldReportEventsCountedTwiceByRules() throws Exception
    {
        final Path runDirectory = runWithFault("rules", "duplicate", List.of("rules:-Deventpipe.rules.drop=none"));

        assertEquals(List.of(5000L, 0L, 5005L, 5005L, 0L, 0L, 0L), launcher.reportedCounts(), launcher.output());
        assertProblems(
            "lines read 5000 != blank 0 + kept 5005 + filtered 0 + rejected 0 + failed 0",
            "aggregated events 5000 != kept 5005",
            "accepted by parse 5000 != kept 5005 + filtered 0 by rules");
        assertCleanedUp(runDirectory);
    }

    @Test
    @Timeout(180)
    void shouldCountEventsOnWhichRulesThrowAsFailed() throws Exception
    {
        final Path runDirectory = runWithFault("rules", "throw", List.of());

        final List<Long> counts = launcher.reportedCounts();
        assertEquals(5000L, counts.get(0), launcher.output());
        assertEquals(4995L, counts.get(2), launcher.output());
        assertEquals(4995L, counts.get(3) + counts.get(4), launcher.output());
        assertEquals(5L, counts.get(6), launcher.output());
        assertProblems("5 event(s) failed in a handler");
        assertCleanedUp(runDirectory);
    }

    private Path runWithFault(final String stage, final String action, final List<String> moreStageOptions)
        throws IOException, InterruptedException
    {
        final List<String> arguments = new ArrayList<>(List.of("--transport", "aeron-ipc", "--events", EVENTS,
            "--timeout-s", "100",
            "--stage-jvm-option", stage + ":-Deventpipe.fault.stage=" + stage,
            "--stage-jvm-option", stage + ":-Deventpipe.fault.action=" + action,
            "--stage-jvm-option", stage + ":-Deventpipe.fault.every=1000"));
        for (final String option : moreStageOptions)
        {
            arguments.add("--stage-jvm-option");
            arguments.add(option);
        }
        launcher = LauncherProcess.start(workDir, arguments);
        final int status = launcher.awaitExit(EXIT_DEADLINE_SECONDS);

        assertEquals(1, status, launcher.output());
        final Path runDirectory = launcher.runDirectory();
        assertTrue(null != runDirectory, launcher.output());
        return runDirectory;
    }

    private void assertProblems(final String... problems) throws IOException
    {
        final String stdout = launcher.stdout();
        final List<String> reported = new ArrayList<>();
        for (final String line : stdout.split("\n"))
        {
            if (line.startsWith("FAILED: "))
            {
                reported.add(line.substring("FAILED: ".length()));
            }
        }
        assertEquals(List.of(problems), reported, launcher.output());
        assertTrue(stdout.contains("\nchecks: FAILED\n"), launcher.output());
        assertFalse(stdout.contains("checks: OK"), launcher.output());
        assertTrue(launcher.stderr().contains("SplitPipeline: the run ended but its checks failed"),
            launcher.output());
    }

    private void assertCleanedUp(final Path runDirectory) throws IOException
    {
        final String path = runDirectory.toString();
        assertEquals(List.of(), ProcessHandle.allProcesses()
            .filter((process) -> process.info().commandLine().orElse("").contains(path))
            .map((process) -> process.pid() + " " + process.info().commandLine().orElse("?")).toList(),
            "processes of the run still alive\n" + launcher.output());
        assertFalse(Files.exists(runDirectory), "run directory left behind: " + runDirectory);
    }
}
