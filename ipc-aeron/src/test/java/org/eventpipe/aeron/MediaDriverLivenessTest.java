package org.eventpipe.aeron;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eventpipe.cli.ExitCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The media driver the launcher starts, stopped or killed with a real signal in full flow: the launcher names the
 * media driver (from the heartbeat in the driver's CnC file when it is stopped, from its exit when it is killed), never
 * a stage that waits on it, fails the run, and leaves no process and no run directory. The runs use the default
 * hung deadline, 2 s.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class MediaDriverLivenessTest
{
    private static final String ENDLESS_EVENTS = "500000000";
    private static final long STARTUP_DEADLINE_SECONDS = 60;
    private static final long FAILURE_DEADLINE_SECONDS = 15;
    private static final Pattern DRIVER_HUNG = Pattern.compile("(?m)^SplitPipeline: media-driver hung: its process " +
        "is alive but its heartbeat is (\\d+) ms old \\(limit 2000 ms\\); stopped every process$");
    private static final Pattern DRIVER_KILLED = Pattern.compile("(?m)^SplitPipeline: media-driver failed: exited " +
        "with status 137 \\(killed: SIGKILL\\), noticed \\d+\\.\\d ms after its exit; stopped the other processes$");
    private static final Pattern STAGE_NAMED = Pattern.compile("(?m)^SplitPipeline: stage \\w+ (failed|hung)");

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
    void shouldNameTheMediaDriverAsHungWhenItsProcessIsStoppedInFullFlow() throws Exception
    {
        final Path runDirectory = startEndlessRun();
        final List<ProcessHandle> children = launcher.process().descendants().toList();
        final ProcessHandle driver = mediaDriver(children);

        final long stoppedNanos = System.nanoTime();
        assertEquals(0, new ProcessBuilder("kill", "-STOP", Long.toString(driver.pid())).start().waitFor());
        final boolean exited = launcher.process().waitFor(FAILURE_DEADLINE_SECONDS, TimeUnit.SECONDS);

        assertTrue(exited, "launcher still running " + FAILURE_DEADLINE_SECONDS + " s after the driver stopped");
        final long afterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedNanos);
        System.out.println("media driver SIGSTOP: launcher exited " + afterMs + " ms after the stop");
        assertEquals(ExitCodes.FAILED, launcher.exitValue(), launcher.output());
        final Matcher hung = DRIVER_HUNG.matcher(launcher.stderr());
        assertTrue(hung.find(), launcher.output());
        assertTrue(Long.parseLong(hung.group(1)) > 2_000, launcher.output());
        assertTrue(afterMs < 10_000, "exited " + afterMs + " ms after the stop\n" + launcher.output());
        assertFalse(STAGE_NAMED.matcher(launcher.stderr()).find(), "a stage named\n" + launcher.output());
        assertLeftNothing(children, runDirectory);
    }

    @Test
    void shouldNameTheMediaDriverWhenItIsKilledInFullFlow() throws Exception
    {
        final Path runDirectory = startEndlessRun();
        final List<ProcessHandle> children = launcher.process().descendants().toList();
        final ProcessHandle driver = mediaDriver(children);

        final long killedNanos = System.nanoTime();
        assertTrue(driver.destroyForcibly());
        final boolean exited = launcher.process().waitFor(FAILURE_DEADLINE_SECONDS, TimeUnit.SECONDS);

        assertTrue(exited, "launcher still running " + FAILURE_DEADLINE_SECONDS + " s after the driver was killed");
        final long afterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedNanos);
        System.out.println("media driver SIGKILL: launcher exited " + afterMs + " ms after the kill");
        assertEquals(ExitCodes.FAILED, launcher.exitValue(), launcher.output());
        assertTrue(DRIVER_KILLED.matcher(launcher.stderr()).find(), launcher.output());
        assertFalse(STAGE_NAMED.matcher(launcher.stderr()).find(), "a stage named\n" + launcher.output());
        assertLeftNothing(children, runDirectory);
    }

    private Path startEndlessRun() throws Exception
    {
        launcher = LauncherProcess.start(workDir, List.of("--transport", "aeron-ipc", "--batch", "10", "--events",
            ENDLESS_EVENTS, "--timeout-s", "120"));
        return awaitIngestReady(launcher);
    }

    /**
     * Wait until the last stage started (ingest) says it is ready: every process started before it was ready before.
     */
    static Path awaitIngestReady(final LauncherProcess launcher) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STARTUP_DEADLINE_SECONDS);
        while (System.nanoTime() < deadline)
        {
            if (!launcher.process().isAlive())
            {
                throw new AssertionError("launcher exited with " + launcher.process().exitValue() + " before the " +
                    "stages were ready\n" + launcher.output());
            }
            final Path runDirectory = launcher.runDirectory();
            final Path ingestLog = null == runDirectory ? null : runDirectory.resolve("ingest.log");
            if (null != ingestLog && Files.exists(ingestLog) &&
                Files.readString(ingestLog, StandardCharsets.UTF_8).contains("eventpipe stage ready: ingest"))
            {
                return runDirectory;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("stages not ready after " + STARTUP_DEADLINE_SECONDS + " s\n" + launcher.output());
    }

    private static ProcessHandle mediaDriver(final List<ProcessHandle> processes)
    {
        final List<ProcessHandle> drivers = processes.stream()
            .filter((process) -> process.info().commandLine().orElse("").contains(MediaDriverMain.class.getName()))
            .toList();
        assertEquals(1, drivers.size(), "media drivers among " + processes);
        assertNotNull(drivers.get(0));
        return drivers.get(0);
    }

    private void assertLeftNothing(final List<ProcessHandle> children, final Path runDirectory) throws Exception
    {
        assertEquals(List.of(), LauncherProcess.alive(children), launcher.output());
        assertEquals(List.of(), LauncherProcess.processesMentioning(runDirectory), launcher.output());
        assertFalse(Files.exists(runDirectory), "run directory left behind: " + runDirectory);
    }
}
