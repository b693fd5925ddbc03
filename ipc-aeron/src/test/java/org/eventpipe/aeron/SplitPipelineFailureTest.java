package org.eventpipe.aeron;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher as a real process while a long run is in full flow: a stage killed with SIGKILL fails the run within
 * seconds, naming the stage, and SIGTERM to the launcher (Ctrl-C) stops it cleanly. Either way no child process
 * survives the launcher and its run directory under {@code /dev/shm} is removed.
 */
final class SplitPipelineFailureTest
{
    /** Far more events than can be processed before the test interferes: the run is in flow, not finishing. */
    private static final String ENDLESS_EVENTS = "500000000";
    private static final long STARTUP_DEADLINE_SECONDS = 60;
    private static final long FAILURE_DEADLINE_SECONDS = 5;
    private static final long SHUTDOWN_DEADLINE_SECONDS = 15;
    private static final String INGEST_READY = "eventpipe stage ready: ingest";

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
    void shouldFailRunNamingRulesWhenRulesStageIsKilled() throws Exception
    {
        launcher = LauncherProcess.start(workDir, List.of("--transport", "aeron-ipc", "--batch", "1", "--events",
            ENDLESS_EVENTS, "--timeout-s", "120"));
        final Path runDirectory = awaitAllStagesReady();
        final List<ProcessHandle> children = launcher.process().descendants().toList();
        final ProcessHandle rules = stage(children, "rules");

        assertTrue(rules.destroyForcibly());
        final boolean exited = launcher.process().waitFor(FAILURE_DEADLINE_SECONDS, TimeUnit.SECONDS);

        assertTrue(exited, "launcher still running " + FAILURE_DEADLINE_SECONDS + " s after rules was killed");
        assertNotEquals(0, launcher.process().exitValue(), launcher.output());
        final String stderr = launcher.stderr();
        assertTrue(stderr.contains("stage rules failed"), launcher.output());
        assertTrue(stderr.contains("SIGKILL"), launcher.output());
        assertFalse(launcher.stdout().contains("checks: OK"), launcher.output());
        assertEquals(List.of(), alive(children), launcher.output());
        assertFalse(Files.exists(runDirectory), "run directory left behind: " + runDirectory);
    }

    @Test
    void shouldStopEveryProcessAndRemoveRunDirectoryOnSigterm() throws Exception
    {
        launcher = LauncherProcess.start(workDir, List.of("--transport", "aeron-ipc", "--batch", "10", "--events",
            ENDLESS_EVENTS, "--timeout-s", "120"));
        final Path runDirectory = awaitAllStagesReady();
        final List<ProcessHandle> children = launcher.process().descendants().toList();
        assertEquals(6, children.size(), "media driver and five stages: " + children);

        launcher.process().destroy();
        final boolean exited = launcher.process().waitFor(SHUTDOWN_DEADLINE_SECONDS, TimeUnit.SECONDS);

        assertTrue(exited, "launcher still running " + SHUTDOWN_DEADLINE_SECONDS + " s after SIGTERM");
        assertNotEquals(0, launcher.process().exitValue(), launcher.output());
        assertEquals(List.of(), alive(children), launcher.output());
        assertFalse(Files.exists(runDirectory), "run directory left behind: " + runDirectory);
        assertFalse(launcher.stderr().contains("stage ingest failed"), launcher.output());
    }

    /**
     * Wait until the last stage started (ingest) says it is ready: every stage downstream of it was ready before.
     */
    private Path awaitAllStagesReady() throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STARTUP_DEADLINE_SECONDS);
        Path runDirectory = null;
        while (System.nanoTime() < deadline)
        {
            if (!launcher.process().isAlive())
            {
                throw new AssertionError("launcher exited with " + launcher.process().exitValue() + " before the " +
                    "stages were ready\n" + launcher.output());
            }
            runDirectory = null == runDirectory ? launcher.runDirectory() : runDirectory;
            final Path ingestLog = null == runDirectory ? null : runDirectory.resolve("ingest.log");
            if (null != ingestLog && Files.exists(ingestLog) &&
                Files.readString(ingestLog, StandardCharsets.UTF_8).contains(INGEST_READY))
            {
                return runDirectory;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("stages not ready after " + STARTUP_DEADLINE_SECONDS + " s\n" + launcher.output());
    }

    private static ProcessHandle stage(final List<ProcessHandle> processes, final String name)
    {
        ProcessHandle found = null;
        for (final ProcessHandle process : processes)
        {
            final Optional<String> commandLine = process.info().commandLine();
            if (commandLine.isPresent() && commandLine.get().contains("--stage " + name + " "))
            {
                assertEquals(null, found, "two processes of stage " + name);
                found = process;
            }
        }
        assertNotNull(found, "no process of stage " + name + " among " + processes);
        return found;
    }

    private static List<String> alive(final List<ProcessHandle> processes)
    {
        return processes.stream()
            .filter(ProcessHandle::isAlive)
            .map((process) -> process.pid() + " " + process.info().commandLine().orElse("?"))
            .toList();
    }
}
