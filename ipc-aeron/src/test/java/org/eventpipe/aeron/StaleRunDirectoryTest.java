package org.eventpipe.aeron;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eventpipe.cli.ExitCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run killed whole (every child, then the launcher, with SIGKILL, so that nobody cleans up) leaves its run directory
 * with the media driver's Aeron directory in it; the next launcher on the same run directory base removes it, says so
 * with its size, and runs.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class StaleRunDirectoryTest
{
    @TempDir
    Path workDir;

    private LauncherProcess killed;
    private LauncherProcess next;

    @AfterEach
    void killLeftovers()
    {
        if (null != next)
        {
            next.destroyAll();
        }
        if (null != killed)
        {
            killed.destroyAll();
        }
    }

    @Test
    void shouldRemoveTheRunDirectoryOfARunKilledWholeWhenTheNextLauncherStarts() throws Exception
    {
        final Path base = Files.createDirectories(workDir.resolve("runs"));
        final Path killedDir = Files.createDirectories(workDir.resolve("killed"));
        killed = LauncherProcess.start(killedDir, List.of("--transport", "aeron-ipc", "--events", "500000000",
            "--run-dir-base", base.toString(), "--timeout-s", "100"));
        final Path stale = MediaDriverLivenessTest.awaitIngestReady(killed);
        final long killedPid = killed.process().pid();
        final List<ProcessHandle> children = new ArrayList<>(killed.process().descendants().toList());
        children.forEach(ProcessHandle::destroyForcibly);
        killed.process().destroyForcibly();
        assertTrue(killed.process().waitFor(15, TimeUnit.SECONDS));
        for (final ProcessHandle child : children)
        {
            child.onExit().get(15, TimeUnit.SECONDS);
        }
        assertTrue(Files.isDirectory(stale.resolve("aeron")), "the killed run left its run directory");

        final Path nextDir = Files.createDirectories(workDir.resolve("next"));
        next = LauncherProcess.run(nextDir, List.of("--transport", "aeron-ipc", "--events", "1000",
            "--run-dir-base", base.toString(), "--timeout-s", "60"), 60);

        assertEquals(ExitCodes.OK, next.exitValue(), next.output());
        assertTrue(next.stdout().startsWith("SplitPipeline: removed " + stale + " ("), next.output());
        assertTrue(next.stdout().contains(" MB), left by launcher pid " + killedPid + ", which is no longer running\n"),
            next.output());
        assertEquals(List.of(), Files.list(base).toList(), "nothing left under the run directory base");
    }
}
