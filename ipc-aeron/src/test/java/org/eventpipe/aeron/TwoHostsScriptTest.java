package org.eventpipe.aeron;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code examples/two-hosts.sh} and {@code examples/two-namespaces.sh} run for real: a pipeline from
 * {@code --print-commands --host} output with two media drivers, on two loopback addresses or in two network
 * namespaces, results equal to the monolith's; and on every path (success, a stage killed with SIGKILL, Ctrl-C, a
 * missing jar) no process of the run is alive afterwards, and its run directory, its log folder and its namespaces
 * are gone.
 */
final class TwoHostsScriptTest
{
    private static final int EVENTS = 100_000;
    private static final long SCRIPT_DEADLINE_SECONDS = 150;
    private static final int NETNS_UNAVAILABLE = 77;
    private static final Pattern RUN_DIR = Pattern.compile("run directory (/dev/shm/eventpipe-\\S+), logs in (\\S+)");
    private static final Path ROOT = Path.of(System.getProperty(LauncherProcess.JAR_PROP_NAME,
        "target/ipc-aeron.jar")).toAbsolutePath().getParent().getParent().getParent();

    @TempDir
    Path workDir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldRunOnTwoLoopbackHostsWithTheMonolithsResultsAndLeaveNothing() throws Exception
    {
        final Script script = Script.start(workDir, ROOT.resolve("examples/two-hosts.sh"), "--events",
            Integer.toString(EVENTS));

        final int exit = script.awaitExit();

        assertEquals(0, exit, script.output());
        assertTrue(script.output().contains("OK: " + EVENTS + " events, results equal the monolith's"),
            script.output());
        script.assertNothingLeft();
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldRunInTwoNetworkNamespacesWithTheMonolithsResultsAndRemoveThem() throws Exception
    {
        final Script script = Script.start(workDir, ROOT.resolve("examples/two-namespaces.sh"), "--events",
            Integer.toString(EVENTS));

        final int exit = script.awaitExit();

        Assumptions.assumeTrue(NETNS_UNAVAILABLE != exit, "network namespaces cannot be made here: " +
            script.output().strip());
        assertEquals(0, exit, script.output());
        assertTrue(script.output().contains("hosts A=10.201.0.1 (ingest, parse), B=10.201.0.2"), script.output());
        assertTrue(script.output().contains("OK: " + EVENTS + " events, results equal the monolith's"),
            script.output());
        final Matcher veth = Pattern.compile("the veth into host B received (\\d+) bytes").matcher(script.output());
        assertTrue(veth.find(), script.output());
        assertTrue(Long.parseLong(veth.group(1)) > EVENTS * 16L, "every event crossed the veth pair from A to B: " +
            veth.group());
        script.assertNothingLeft();
        for (final String namespace : List.of("ep-a-" + script.pid(), "ep-b-" + script.pid()))
        {
            assertFalse(Files.exists(Path.of("/run/netns", namespace)), namespace + " was left");
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldFailAndCleanUpWhenAStageIsKilledMidRun() throws Exception
    {
        final Script script = Script.start(workDir, ROOT.resolve("examples/two-hosts.sh"), "--events", "20000000",
            "--timeout-s", "100");
        final ProcessHandle rules = script.awaitDescendant("--stage rules");
        script.awaitDescendant("--stage ingest");
        Thread.sleep(1000);
        assertTrue(rules.isAlive(), "rules ended before it was killed: " + script.output());
        rules.destroyForcibly();

        final int exit = script.awaitExit();

        assertEquals(1, exit, script.output());
        assertTrue(script.output().contains("FAILED: rules on host B exited with status 137"), script.output());
        script.assertNothingLeft();
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldStopEverythingOnCtrlC() throws Exception
    {
        final Script script = Script.start(workDir, ROOT.resolve("examples/two-hosts.sh"), "--events", "20000000",
            "--timeout-s", "100");
        script.awaitDescendant("--stage ingest");
        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(script.pid())).start().waitFor());

        final int exit = script.awaitExit();

        assertEquals(130, exit, script.output());
        assertFalse(script.output().contains("OK:"), script.output());
        script.assertNothingLeft();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldExitTwoWithOneLineWhenTheJarsAreMissing() throws Exception
    {
        final Path copy = workDir.resolve("clone/examples/two-hosts.sh");
        Files.createDirectories(copy.getParent());
        Files.copy(ROOT.resolve("examples/two-hosts.sh"), copy);
        final Script script = Script.start(workDir, copy, "--events", "1000");

        final int exit = script.awaitExit();

        assertEquals(2, exit, script.output());
        assertEquals(1, script.output().lines().count(), script.output());
        assertTrue(script.output().contains("ipc-aeron/target/ipc-aeron.jar") &&
            script.output().contains("build them first"), script.output());
        assertFalse(script.output().contains("run directory"), "nothing was started");
    }

    /**
     * One run of a script, its output in a file, and every process it started seen while it ran.
     */
    private static final class Script
    {
        private final Process process;
        private final Path output;
        private final Set<ProcessHandle> seen = new LinkedHashSet<>();

        private Script(final Process process, final Path output)
        {
            this.process = process;
            this.output = output;
        }

        static Script start(final Path workDir, final Path script, final String... arguments) throws IOException
        {
            // A terminal's Ctrl-C reaches a script whose SIGINT is at its default; a build started in the background
            // (`mvn verify &`, nohup) passes SIGINT on ignored, and bash cannot trap a signal ignored on entry.
            final List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT", script.toString()));
            command.addAll(List.of(arguments));
            final Path output = Files.createTempFile(workDir, "script-", ".out");
            final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            return new Script(builder.start(), output);
        }

        long pid()
        {
            return process.pid();
        }

        int awaitExit() throws Exception
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SCRIPT_DEADLINE_SECONDS);
            try
            {
                while (process.isAlive() && System.nanoTime() < deadline)
                {
                    process.descendants().forEach(seen::add);
                    process.waitFor(50, TimeUnit.MILLISECONDS);
                }
                assertFalse(process.isAlive(), "the script did not exit within " + SCRIPT_DEADLINE_SECONDS + " s");
                return process.exitValue();
            }
            finally
            {
                destroyAll();
            }
        }

        ProcessHandle awaitDescendant(final String commandLinePart) throws Exception
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SCRIPT_DEADLINE_SECONDS);
            while (System.nanoTime() < deadline && process.isAlive())
            {
                final Optional<ProcessHandle> found = process.descendants()
                    .peek(seen::add)
                    .filter((handle) -> handle.info().arguments().map((args) -> String.join(" ", args))
                        .orElse("").contains(commandLinePart))
                    .findFirst();
                if (found.isPresent())
                {
                    return found.get();
                }
                Thread.sleep(20);
            }
            destroyAll();
            throw new AssertionError("no process with '" + commandLinePart + "' started: " + output());
        }

        String output() throws IOException
        {
            return Files.readString(output, StandardCharsets.UTF_8);
        }

        void assertNothingLeft() throws IOException
        {
            assertFalse(seen.isEmpty(), "the script started no process: " + output());
            final List<String> alive = new ArrayList<>();
            for (final ProcessHandle handle : seen)
            {
                if (handle.isAlive())
                {
                    alive.add(handle.pid() + " " + handle.info().commandLine().orElse("?"));
                    // the script's own child, seen while it ran, now orphaned: stop it so that the failure is tidy
                    handle.destroyForcibly();
                }
            }
            assertTrue(alive.isEmpty(), "left running: " + alive);
            final Matcher dirs = RUN_DIR.matcher(output());
            assertTrue(dirs.find(), output());
            assertFalse(Files.exists(Path.of(dirs.group(1))), "run directory left: " + dirs.group(1));
            assertFalse(Files.exists(Path.of(dirs.group(2))), "log folder left: " + dirs.group(2));
        }

        private void destroyAll()
        {
            // only on a failed test: what this script started, by pid
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
