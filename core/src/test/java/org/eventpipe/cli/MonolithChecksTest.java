package org.eventpipe.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eventpipe.fault.FaultConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monolith as a child process ({@code java -cp ... Monolith}) with a fault injected into one handler through the
 * {@code eventpipe.fault.*} system properties, on the Disruptor and on JDK queues: a lost, a duplicated and a failed
 * event each make it print {@code checks: FAILED} and the problem with its numbers, and exit with status 1; the same
 * run without a fault prints {@code checks: OK} and exits 0.
 */
final class MonolithChecksTest
{
    private static final String EVENTS = "5000";
    private static final long EXIT_DEADLINE_SECONDS = 90;
    private static final Pattern KEPT = Pattern.compile("\\(kept=(\\d+) filtered=(\\d+)\\)");

    @TempDir
    Path dir;

    @Test
    void shouldPassItsChecksWithoutFault()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        final int status = MonolithCommand.execute(new String[]{ "--events", EVENTS }, utf8(out), utf8(err));

        final String report = out.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCodes.OK, status, report + err);
        assertTrue(report.contains("checks: OK (every line accounted for, nothing lost or duplicated)\n"), report);
        assertFalse(report.contains("FAILED"), report);
        assertFalse(report.contains("fault injected"), report);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "disruptor", "jdk" })
    @Timeout(120)
    void shouldReportKeptEventLostByTheAggregateAndExitOne(final String queue) throws Exception
    {
        final Child child = run(queue, "aggregate", "drop", 1000);

        final long kept = kept(child.stdout);
        assertEquals(ExitCodes.FAILED, child.status, child.toString());
        assertTrue(child.stdout.contains("fault injected: aggregate handler, drop one event in 1000\n"),
            child.toString());
        assertProblems(child, "aggregated events " + (kept - kept / 1000) + " != kept " + kept);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "disruptor", "jdk" })
    @Timeout(120)
    void shouldReportKeptEventAggregatedTwiceAndExitOne(final String queue) throws Exception
    {
        final Child child = run(queue, "aggregate", "duplicate", 1000);

        final long kept = kept(child.stdout);
        assertEquals(ExitCodes.FAILED, child.status, child.toString());
        assertProblems(child, "aggregated events " + (kept + kept / 1000) + " != kept " + kept);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "disruptor", "jdk" })
    @Timeout(120)
    void shouldCountHandlerExceptionsAsFailedAndExitOne(final String queue) throws Exception
    {
        final Child child = run(queue, "rules", "throw", 1000);

        assertEquals(ExitCodes.FAILED, child.status, child.toString());
        assertTrue(child.stdout.contains("lines: read=5000 blank=0 accepted=4995 ("), child.toString());
        assertTrue(child.stdout.contains(" rejected=0 failed=5\n"), child.toString());
        assertTrue(child.stdout.contains("handler errors: 5\n"), child.toString());
        assertProblems(child, "5 handler error(s), first: line 1000: org.eventpipe.fault.InjectedFault: injected " +
            "fault: the rules handler throws on its event 1000 (line 1000)");
    }

    @Test
    @Timeout(120)
    void shouldExitWithUsageStatusOnBadFaultSetting() throws Exception
    {
        final Child child = run("disruptor", "ingest", "drop", 1000);

        assertEquals(ExitCodes.USAGE, child.status, child.toString());
        assertEquals("", child.stdout, child.toString());
        assertTrue(child.stderr.contains("-Deventpipe.fault.stage must be one of parse, rules, aggregate: ingest"),
            child.toString());
    }

    private static void assertProblems(final Child child, final String... problems)
    {
        final List<String> reported = new ArrayList<>();
        for (final String line : child.stdout.split("\n"))
        {
            if (line.startsWith("FAILED: "))
            {
                reported.add(line.substring("FAILED: ".length()));
            }
        }
        assertEquals(List.of(problems), reported, child.toString());
        assertTrue(child.stdout.contains("checks: FAILED\n"), child.toString());
        assertFalse(child.stdout.contains("checks: OK"), child.toString());
    }

    private static long kept(final String report)
    {
        final Matcher matcher = KEPT.matcher(report);
        assertTrue(matcher.find(), report);
        final long kept = Long.parseLong(matcher.group(1));
        assertTrue(kept >= 1000, "too few kept events for the fault to fire: " + report);
        return kept;
    }

    private Child run(final String queue, final String stage, final String action, final long every)
        throws IOException, InterruptedException
    {
        final String java = ProcessHandle.current().info().command().orElse(
            Path.of(System.getProperty("java.home"), "bin", "java").toString());
        final String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        final Path stdout = Files.createTempFile(dir, "monolith-", ".out");
        final Path stderr = Files.createTempFile(dir, "monolith-", ".err");
        final List<String> command = new ArrayList<>(List.of(java, "-cp", classPath,
            "-D" + FaultConfiguration.STAGE_PROP_NAME + "=" + stage,
            "-D" + FaultConfiguration.ACTION_PROP_NAME + "=" + action,
            "-D" + FaultConfiguration.EVERY_PROP_NAME + "=" + every,
            "Monolith", "--events", EVENTS, "--queue", queue));
        if (!"jdk".equals(queue))
        {
            command.addAll(List.of("--wait-strategy", "blocking"));
        }
        final ProcessBuilder builder = new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("_JAVA_OPTIONS");

        final Process process = builder.start();
        try
        {
            if (!process.waitFor(EXIT_DEADLINE_SECONDS, TimeUnit.SECONDS))
            {
                throw new AssertionError("monolith still running after " + EXIT_DEADLINE_SECONDS + " s");
            }
            return new Child(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
        }
        finally
        {
            process.destroyForcibly();
        }
    }

    private static PrintStream utf8(final ByteArrayOutputStream bytes)
    {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private record Child(int status, String stdout, String stderr)
    {
        public String toString()
        {
            return "exit status " + status + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
