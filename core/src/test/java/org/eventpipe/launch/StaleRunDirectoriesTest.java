package org.eventpipe.launch;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sweep of run directories left by launchers that are gone, against a real process that has exited, a live
 * process (this JVM), a live pid recorded with another start time (a reused pid), and directories it must not touch.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class StaleRunDirectoriesTest
{
    @TempDir
    Path base;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void shouldRemoveTheRunDirectoryOfALauncherThatHasExitedAndSayWhatAndHowBig() throws Exception
    {
        final long deadPid = exitedProcessPid();
        final Path stale = runDirectory("eventpipe-1", deadPid + "\n12345\n");
        Files.createDirectories(stale.resolve("aeron"));
        Files.write(stale.resolve("aeron").resolve("cnc.dat"), new byte[3_000_000]);

        final List<Path> removed = StaleRunDirectories.sweep(base, out);

        assertEquals(List.of(stale), removed);
        assertFalse(Files.exists(stale));
        assertEquals("SplitPipeline: removed " + stale + " (3.0 MB), left by launcher pid " + deadPid +
            ", which is no longer running\n", printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldKeepTheRunDirectoryOfALiveLauncher() throws Exception
    {
        final Path live = base.resolve("eventpipe-2");
        Files.createDirectories(live);
        StaleRunDirectories.recordLauncher(live);

        final List<Path> removed = StaleRunDirectories.sweep(base, out);

        assertEquals(List.of(), removed);
        assertTrue(Files.exists(live.resolve(StaleRunDirectories.LAUNCHER_FILE)));
        assertEquals("", printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldRemoveTheRunDirectoryWhoseLauncherPidNowBelongsToAnotherProcess() throws Exception
    {
        final long self = ProcessHandle.current().pid();
        final Path reused = runDirectory("eventpipe-3", self + "\n1\n");

        final List<Path> removed = StaleRunDirectories.sweep(base, out);

        assertEquals(List.of(reused), removed);
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("left by launcher pid " + self +
            " (that pid is now another process)"), printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldNotTouchDirectoriesThatNameNoLauncherOrDoNotLookLikeRunDirectories() throws Exception
    {
        final long deadPid = exitedProcessPid();
        final Path settingUp = Files.createDirectories(base.resolve("eventpipe-4"));
        final Path queues = Files.createDirectories(base.resolve("eventpipe-4-queues"));
        final Path other = runDirectory("other-5", deadPid + "\n12345\n");
        final Path garbled = runDirectory("eventpipe-6", "not a pid\n");

        final List<Path> removed = StaleRunDirectories.sweep(base, out);

        assertEquals(List.of(), removed);
        assertTrue(Files.exists(settingUp) && Files.exists(queues) && Files.exists(other) && Files.exists(garbled));
    }

    private Path runDirectory(final String name, final String launcherFile) throws Exception
    {
        final Path directory = Files.createDirectories(base.resolve(name));
        Files.writeString(directory.resolve(StaleRunDirectories.LAUNCHER_FILE), launcherFile);
        return directory;
    }

    /**
     * The pid of a real process that has exited and been reaped.
     */
    private static long exitedProcessPid() throws Exception
    {
        final Process process = new ProcessBuilder("true").start();
        assertEquals(0, process.waitFor());
        final long pid = process.pid();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " reused");
        return pid;
    }
}
