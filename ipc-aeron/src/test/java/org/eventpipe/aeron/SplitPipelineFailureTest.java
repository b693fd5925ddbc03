package org.eventpipe.aeron;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eventpipe.cli.ExitCodes;
import org.eventpipe.fault.InjectedFault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher as a real process when a run goes wrong: a stage killed with SIGKILL in full flow, SIGTERM to the
 * launcher (Ctrl-C), a run that cannot finish within {@code --timeout-s}, a stage JVM that cannot start, a stage JVM
 * that crashes (named from its fatal error log), an endpoint that cannot be bound, and a bad flag. In every case the
 * launcher exits with the documented status and message, names what failed, and leaves no process of the run alive
 * and no run directory under {@code /dev/shm}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class SplitPipelineFailureTest
{
    /** Far more events than can be processed before the test interferes: the run is in flow, not finishing. */
    private static final String ENDLESS_EVENTS = "500000000";
    private static final long STARTUP_DEADLINE_SECONDS = 60;
    private static final long FAILURE_DEADLINE_SECONDS = 15;
    private static final long SHUTDOWN_DEADLINE_SECONDS = 15;
    private static final long RUN_DEADLINE_SECONDS = 90;
    private static final String INGEST_READY = "eventpipe stage ready: ingest";
    private static final Pattern STAGE_FAILED = Pattern.compile(
        "(?m)^SplitPipeline: stage (\\w+) failed: exited with status (\\d+)(.*?)(, noticed (\\d+\\.\\d) ms after " +
        "its exit); stopped the other processes$");

    private static final Pattern HUNG = Pattern.compile("(?m)^SplitPipeline: stage (\\w+) hung: its process is " +
        "alive but its heartbeat is (\\d+) ms old \\(limit 2000 ms\\); stopped every process$");

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
    void shouldFailRunNamingRulesWithItsStatusAndLogWhenRulesStageIsKilled() throws Exception
    {
        launcher = LauncherProcess.start(workDir, List.of("--transport", "aeron-ipc", "--batch", "1", "--events",
            ENDLESS_EVENTS, "--timeout-s", "120"));
        final Path runDirectory = awaitAllStagesReady();
        final List<ProcessHandle> children = launcher.process().descendants().toList();
        final ProcessHandle rules = stage(children, "rules");

        assertTrue(rules.destroyForcibly());
        final boolean exited = launcher.process().waitFor(FAILURE_DEADLINE_SECONDS, TimeUnit.SECONDS);

        assertTrue(exited, "launcher still running " + FAILURE_DEADLINE_SECONDS + " s after rules was killed");
        assertEquals(ExitCodes.FAILED, launcher.exitValue(), launcher.output());
        final String stderr = launcher.stderr();
        final Matcher failed = STAGE_FAILED.matcher(stderr);
        assertTrue(failed.find(), launcher.output());
        assertEquals("rules", failed.group(1), launcher.output());
        assertEquals("137", failed.group(2), launcher.output());
        assertEquals(" (killed: SIGKILL)", failed.group(3), launcher.output());
        assertFalse(failed.find(), "a second stage named as failed\n" + launcher.output());
        assertTrue(stderr.contains("  rules| eventpipe stage ready: rules"), "end of rules' log\n" +
            launcher.output());
        assertFalse(launcher.stdout().contains("checks: OK"), launcher.output());
        assertLeftNothing(children, runDirectory);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "ingest", "rules", "sink" })
    void shouldNameTheHungStageWhenItsProcessIsStoppedInFullFlow(final String victim) throws Exception
    {
        launcher = LauncherProcess.start(workDir, List.of("--transport", "aeron-ipc", "--batch", "10", "--events",
            ENDLESS_EVENTS, "--timeout-s", "120", "--hung-after-s", "2"));
        final Path runDirectory = awaitAllStagesReady();
        final List<ProcessHandle> children = launcher.process().descendants().toList();
        final ProcessHandle stopped = stage(children, victim);
        Thread.sleep(500);

        final long stoppedNanos = System.nanoTime();
        assertEquals(0, new ProcessBuilder("kill", "-STOP", Long.toString(stopped.pid())).start().waitFor());
        final boolean exited = launcher.process().waitFor(FAILURE_DEADLINE_SECONDS, TimeUnit.SECONDS);

        assertTrue(exited, "launcher still running " + FAILURE_DEADLINE_SECONDS + " s after " + victim + " stopped");
        final long afterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedNanos);
        assertEquals(ExitCodes.FAILED, launcher.exitValue(), launcher.output());
        final Matcher hung = HUNG.matcher(launcher.stderr());
        assertTrue(hung.find(), launcher.output());
        assertEquals(victim, hung.group(1), launcher.output());
        assertTrue(Long.parseLong(hung.group(2)) > 2_000, launcher.output());
        assertTrue(afterMs < 10_000, "named " + afterMs + " ms after the stop\n" + launcher.output());
        assertFalse(STAGE_FAILED.matcher(launcher.stderr()).find(), "a stage named as failed\n" + launcher.output());
        assertLeftNothing(children, runDirectory);
    }

    @Test
    void shouldStopEveryChildAndRemoveRunDirectoryWhenTheLauncherIsKilled() throws Exception
    {
        launcher = LauncherProcess.start(workDir, List.of("--transport", "aeron-ipc", "--batch", "10", "--events",
            ENDLESS_EVENTS, "--timeout-s", "120"));
        final Path runDirectory = awaitAllStagesReady();
        final List<ProcessHandle> children = launcher.process().descendants().toList();
        assertEquals(6, children.size(), "media driver and five stages: " + children);

        assertTrue(launcher.process().destroyForcibly().waitFor(SHUTDOWN_DEADLINE_SECONDS, TimeUnit.SECONDS));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SHUTDOWN_DEADLINE_SECONDS);
        while (System.nanoTime() < deadline &&
            (!LauncherProcess.alive(children).isEmpty() || Files.exists(runDirectory)))
        {
            Thread.sleep(50);
        }

        assertEquals(List.of(), LauncherProcess.alive(children), "children left after the launcher's SIGKILL\n" +
            launcher.output());
        assertFalse(Files.exists(runDirectory), "run directory left behind: " + runDirectory);
        assertEquals(List.of(), LauncherProcess.processesMentioning(runDirectory));
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
        assertEquals(128 + 15, launcher.exitValue(), launcher.output());
        assertTrue(launcher.stderr().contains("SplitPipeline: shutting down; stopping every process and removing " +
            runDirectory), launcher.output());
        assertFalse(STAGE_FAILED.matcher(launcher.stderr()).find(), "a stage the launcher stopped is not a failed " +
            "stage\n" + launcher.output());
        assertLeftNothing(children, runDirectory);
    }

    @Test
    void shouldFailRunThatCannotFinishWithinTimeout() throws Exception
    {
        launcher = LauncherProcess.run(workDir, List.of("--transport", "aeron-ipc", "--batch", "100", "--events",
            ENDLESS_EVENTS, "--timeout-s", "2"), RUN_DEADLINE_SECONDS);

        assertEquals(ExitCodes.FAILED, launcher.exitValue(), launcher.output());
        assertEquals(List.of("SplitPipeline: run timed out after 2 s; still running: [sink, aggregate, rules, parse, " +
            "ingest]"), launcher.stderr().lines().toList(), launcher.output());
        assertFalse(launcher.stdout().contains("checks:"), launcher.output());
        assertLeftNothing(List.of(), runDirectory());
    }

    @Test
    void shouldFailStartUpNamingStageWhoseJvmCannotStart() throws Exception
    {
        launcher = LauncherProcess.run(workDir, List.of("--transport", "aeron-ipc", "--events", "20000",
            "--stage-jvm-option", "parse:-XX:+NoSuchOption", "--timeout-s", "60"), RUN_DEADLINE_SECONDS);

        assertEquals(ExitCodes.FAILED, launcher.exitValue(), launcher.output());
        final Matcher failed = STAGE_FAILED.matcher(launcher.stderr());
        assertTrue(failed.find(), launcher.output());
        assertEquals("parse", failed.group(1), launcher.output());
        assertEquals("1", failed.group(2), launcher.output());
        assertTrue(launcher.stderr().contains("  parse| Unrecognized VM option 'NoSuchOption'"), launcher.output());
        assertFalse(launcher.stderr().contains("ingest"), "ingest is never started\n" + launcher.output());
        assertLeftNothing(List.of(), runDirectory());
    }

    @Test
    void shouldNameTheCrashOfAStagesJvmFromItsFatalErrorLog() throws Exception
    {
        // rules' handler throws on its 50,000th event, and HotSpot is told to die of that exception: a real JVM crash
        // (a fatal error, its log, SIGABRT) in full flow
        launcher = LauncherProcess.run(workDir, List.of("--transport", "aeron-ipc", "--events", "200000",
            "--stage-jvm-option", "rules:-Deventpipe.fault.stage=rules",
            "--stage-jvm-option", "rules:-Deventpipe.fault.action=throw",
            "--stage-jvm-option", "rules:-Deventpipe.fault.every=50000",
            "--stage-jvm-option", "rules:-XX:+UnlockDiagnosticVMOptions",
            "--stage-jvm-option", "rules:-XX:AbortVMOnException=" + InjectedFault.class.getName(),
            "--timeout-s", "60"), RUN_DEADLINE_SECONDS);

        assertEquals(ExitCodes.FAILED, launcher.exitValue(), launcher.output());
        final String stderr = launcher.stderr();
        assertTrue(Pattern.compile("(?m)^SplitPipeline: stage rules failed: exited with status 134 \\(aborted: " +
            "SIGABRT\\), noticed [0-9.]+ ms after its exit; its JVM crashed: Internal Error " +
            "\\(exceptions\\.cpp:\\d+\\) in V .+, from org\\.eventpipe\\.[\\w.$]+\\(\\); stopped the other " +
            "processes$").matcher(stderr).find(), launcher.output());
        assertTrue(stderr.contains("  rules| # A fatal error has been detected by the Java Runtime Environment"),
            launcher.output());
        assertTrue(stderr.contains("  rules crash| V  [libjvm.so+"), launcher.output());
        assertFalse(STAGE_FAILED.matcher(stderr).find(), "a stage named as failed without its crash\n" +
            launcher.output());
        assertFalse(launcher.stdout().contains("checks:"), launcher.output());
        assertLeftNothing(List.of(), runDirectory());
    }

    @Test
    void shouldFailStartUpNamingStageWhoseEndpointCannotBeBound() throws Exception
    {
        final int takenPort;
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            takenPort = taken.getLocalPort();
            final List<Integer> ports = LauncherProcess.freeUdpPorts(3);
            launcher = LauncherProcess.run(workDir, List.of("--transport", "aeron-udp", "--events", "20000",
                "--endpoint", "ingest-parse=127.0.0.1:" + taken.getLocalPort(),
                "--endpoint", "parse-rules=127.0.0.1:" + ports.get(0),
                "--endpoint", "rules-aggregate=127.0.0.1:" + ports.get(1),
                "--endpoint", "aggregate-sink=127.0.0.1:" + ports.get(2),
                "--timeout-s", "60"), RUN_DEADLINE_SECONDS);
        }

        assertEquals(ExitCodes.FAILED, launcher.exitValue(), launcher.output());
        final Matcher failed = STAGE_FAILED.matcher(launcher.stderr());
        assertTrue(failed.find(), launcher.output());
        assertEquals("parse", failed.group(1), "parse receives ingest-parse\n" + launcher.output());
        assertEquals("1", failed.group(2), launcher.output());
        assertTrue(launcher.stderr().contains("edge ingest-parse: UDP endpoint 127.0.0.1:" + takenPort +
            " is already in use (by another run or program); choose a free one with " +
            "--endpoint ingest-parse=HOST:PORT"),
            launcher.output());
        assertLeftNothing(List.of(), runDirectory());
    }

    @Test
    void shouldExitWithUsageErrorBeforeAnyWorkOnUnknownIdleStrategy() throws Exception
    {
        final Path runDirBase = workDir.resolve("runs");
        launcher = LauncherProcess.run(workDir, List.of("--idle-strategy", "lazy", "--events", "20000",
            "--run-dir-base", runDirBase.toString()), RUN_DEADLINE_SECONDS);

        assertEquals(ExitCodes.USAGE, launcher.exitValue(), launcher.output());
        final List<String> stderr = launcher.stderr().lines().toList();
        assertEquals(1, stderr.size(), launcher.output());
        assertTrue(stderr.get(0).contains("unknown idle strategy 'lazy'"), launcher.output());
        assertEquals("", launcher.stdout(), launcher.output());
        assertFalse(Files.exists(runDirBase), "no run directory is made before the flags are checked");
    }

    private Path runDirectory() throws IOException
    {
        final Path runDirectory = launcher.runDirectory();
        assertNotNull(runDirectory, launcher.output());
        return runDirectory;
    }

    /**
     * No child the launcher had, and no process anywhere naming the run directory (every stage and the media driver
     * do), is alive, and the run directory is gone.
     */
    private void assertLeftNothing(final List<ProcessHandle> children, final Path runDirectory) throws IOException
    {
        assertEquals(List.of(), LauncherProcess.alive(children), launcher.output());
        assertEquals(List.of(), LauncherProcess.processesMentioning(runDirectory), launcher.output());
        assertFalse(Files.exists(runDirectory), "run directory left behind: " + runDirectory);
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
}
