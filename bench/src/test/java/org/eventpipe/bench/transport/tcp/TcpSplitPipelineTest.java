package org.eventpipe.bench.transport.tcp;

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
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eventpipe.cli.MonolithCommand;
import org.eventpipe.workload.EventGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The split pipeline over {@code --transport tcp} as real processes: the {@code SplitPipeline} launcher started on
 * this module's class path (as {@code java -cp bench.jar SplitPipeline} runs it; its stages inherit the class path)
 * with five stage processes joined by loopback sockets. Its results file, rejects file, counts (every reject reason)
 * and aggregates must equal the Disruptor monolith's on the same input: generated events, and a file with blank,
 * CRLF, malformed, non-object, unknown-type, incomplete and over-long lines. And a stage killed in full flow: the
 * launcher fails within 5 s naming it, and leaves no process and no run directory behind.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class TcpSplitPipelineTest
{
    private static final long EVENTS = 10_000;
    private static final String SEED = "42";
    private static final String USERS = "10000";
    private static final long RUN_DEADLINE_SECONDS = 90;
    private static final Pattern RUN_DIRECTORY = Pattern.compile("run directory (\\S+)");
    private static final Pattern LINES = Pattern.compile("(?m)^lines: .*$");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path workDir;

    private static Path mixedInput;
    private static MonolithRun generatedMonolith;
    private static MonolithRun mixedMonolith;

    private Process launcher;

    @BeforeAll
    static void runTheMonolith() throws IOException
    {
        mixedInput = workDir.resolve("mixed.ndjson");
        Files.write(mixedInput, mixedInput(800));
        generatedMonolith = MonolithRun.of(workDir.resolve("monolith-generated"),
            List.of("--events", Long.toString(EVENTS), "--seed", SEED, "--users", USERS));
        mixedMonolith = MonolithRun.of(workDir.resolve("monolith-mixed"), List.of("--input", mixedInput.toString()));

        assertEquals(0, generatedMonolith.counts().get("rejected").asLong());
        assertTrue(mixedMonolith.counts().get("blank").asLong() > 0);
        for (final String reason : List.of("MALFORMED_JSON", "NOT_AN_OBJECT", "MISSING_FIELD", "UNKNOWN_TYPE",
            "LINE_TOO_LONG"))
        {
            assertTrue(mixedMonolith.counts().get("rejectedByReason").get(reason).asLong() > 0, reason);
        }
    }

    /**
     * A launcher a failed test leaves running: SIGTERM, so that it stops its stages and removes its run directory,
     * then SIGKILL to it and every process below it if it is still there after a grace period.
     */
    @AfterEach
    void stopLeftovers() throws InterruptedException
    {
        if (null != launcher && launcher.isAlive())
        {
            launcher.destroy();
            if (!launcher.waitFor(10, TimeUnit.SECONDS))
            {
                killTree(launcher);
            }
        }
    }

    static Stream<Arguments> batches()
    {
        return Stream.of(Arguments.of(1), Arguments.of(100), Arguments.of(0));
    }

    @ParameterizedTest(name = "batch {0}")
    @MethodSource("batches")
    void shouldEqualTheMonolithOnGeneratedInput(final int batch) throws Exception
    {
        assertSplitRunEquals(generatedMonolith, batch,
            List.of("--events", Long.toString(EVENTS), "--seed", SEED, "--users", USERS));
    }

    @ParameterizedTest(name = "batch {0}")
    @MethodSource("batches")
    void shouldEqualTheMonolithOnAFileWithBadBlankAndOverlongLines(final int batch) throws Exception
    {
        assertSplitRunEquals(mixedMonolith, batch, List.of("--input", mixedInput.toString()));
    }

    @Test
    void shouldFailWithinFiveSecondsNamingAStageKilledInFullFlowAndLeaveNothingBehind() throws Exception
    {
        final Path output = workDir.resolve("killed.out");
        final Path errors = workDir.resolve("killed.err");
        launcher = startLauncher(output, errors, List.of("--transport", "tcp", "--batch", "10", "--events",
            "500000000", "--timeout-s", "120"));
        final Path runDirectory = awaitIngestReady(output, errors);
        final List<ProcessHandle> children = launcher.descendants().toList();
        assertEquals(5, children.size(), "five stages and no support process: " + children);
        final ProcessHandle rules = stage(children, "rules");
        Thread.sleep(300);

        final long killedNanos = System.nanoTime();
        assertTrue(rules.destroyForcibly());
        final boolean exited = launcher.waitFor(5, TimeUnit.SECONDS);
        final long failedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedNanos);

        final String stderr = read(errors);
        assertTrue(exited, "launcher still running 5 s after rules was killed\n" + stderr);
        assertEquals(1, launcher.exitValue(), stderr);
        assertTrue(stderr.contains("SplitPipeline: stage rules failed: exited with status 137 (killed: SIGKILL)"),
            stderr);
        assertFalse(read(output).contains("checks: OK"));
        assertTrue(failedAfterMs < 5_000, failedAfterMs + " ms");
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (children.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline)
        {
            Thread.sleep(20);
        }
        assertEquals(List.of(), children.stream().filter(ProcessHandle::isAlive).toList(), stderr);
        assertFalse(Files.exists(runDirectory), "run directory left behind: " + runDirectory);
    }

    @Test
    void shouldExitWithStatus2AndOneLineBeforeStartingAnyStageOnABadSetting() throws Exception
    {
        final Path output = workDir.resolve("bad-setting.out");
        final Path errors = workDir.resolve("bad-setting.err");
        final Path runDirBase = workDir.resolve("bad-setting-runs");
        launcher = startLauncher(output, errors, List.of("-D" + TcpConfiguration.MAX_FRAME_LENGTH_PROP_NAME + "=12"),
            List.of("--transport", "tcp", "--events", "1000", "--run-dir-base", runDirBase.toString()));

        assertTrue(launcher.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, launcher.exitValue(), read(output) + read(errors));
        assertEquals(List.of("SplitPipeline: error: -Deventpipe.tcp.max.frame.length must be in [1024, 67108864]: 12"),
            read(errors).lines().toList());
        assertFalse(read(output).contains("stage"), read(output));
        try (Stream<Path> left = Files.list(runDirBase))
        {
            assertEquals(List.of(), left.toList(), "the run directory is removed");
        }
    }

    private void assertSplitRunEquals(final MonolithRun expected, final int batch, final List<String> source)
        throws Exception
    {
        final Path dir = Files.createTempDirectory(workDir, "tcp-batch" + batch + "-");
        final Path output = dir.resolve("launcher.out");
        final Path errors = dir.resolve("launcher.err");
        final Path results = dir.resolve("results.jsonl");
        final Path rejects = dir.resolve("rejects.txt");
        final Path summary = dir.resolve("summary.json");
        final List<String> arguments = new ArrayList<>(List.of("--transport", "tcp", "--batch",
            Integer.toString(batch), "--results", results.toString(), "--rejects", rejects.toString(),
            "--summary", summary.toString(), "--timeout-s", Long.toString(RUN_DEADLINE_SECONDS)));
        arguments.addAll(source);

        launcher = startLauncher(output, errors, arguments);
        if (!launcher.waitFor(RUN_DEADLINE_SECONDS + 10, TimeUnit.SECONDS))
        {
            killTree(launcher);
            throw new AssertionError("launcher still running\n" + read(output) + read(errors));
        }
        final String report = read(output);
        final String diagnostics = report + "\n--- stderr\n" + read(errors);

        assertEquals(0, launcher.exitValue(), diagnostics);
        assertTrue(report.contains("eventpipe split pipeline over tcp"), diagnostics);
        assertTrue(report.contains("checks: OK"), diagnostics);
        assertEquals(expected.linesLine(), linesLine(report), diagnostics);
        final JsonNode split = JSON.readTree(summary.toFile());
        assertEquals(expected.counts(), split.get("counts"), diagnostics);
        assertEquals(expected.summary().get("results"), split.get("results"), diagnostics);
        assertArrayEquals(Files.readAllBytes(expected.results()), Files.readAllBytes(results), diagnostics);
        assertArrayEquals(Files.readAllBytes(expected.rejects()), Files.readAllBytes(rejects), diagnostics);
        final Matcher runDirectory = RUN_DIRECTORY.matcher(report);
        assertTrue(runDirectory.find(), diagnostics);
        assertFalse(Files.exists(Path.of(runDirectory.group(1))), "run directory left behind\n" + diagnostics);
    }

    private static Process startLauncher(final Path output, final Path errors, final List<String> arguments)
        throws IOException
    {
        return startLauncher(output, errors, List.of(), arguments);
    }

    private static Process startLauncher(
        final Path output, final Path errors, final List<String> jvmOptions, final List<String> arguments)
        throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("SplitPipeline");
        command.addAll(arguments);
        return new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    }

    private Path awaitIngestReady(final Path output, final Path errors) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline)
        {
            if (!launcher.isAlive())
            {
                throw new AssertionError("launcher exited before ingest was ready\n" + read(output) + read(errors));
            }
            final Matcher matcher = RUN_DIRECTORY.matcher(read(output));
            if (matcher.find())
            {
                final Path ingestLog = Path.of(matcher.group(1)).resolve("ingest.log");
                if (Files.exists(ingestLog) && read(ingestLog).contains("eventpipe stage ready: ingest"))
                {
                    return Path.of(matcher.group(1));
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("ingest not ready after 60 s\n" + read(output) + read(errors));
    }

    /**
     * The process of a stage, from its command line in {@code /proc} (whole, where {@link ProcessHandle.Info} may cut
     * a long class path short).
     */
    private static ProcessHandle stage(final List<ProcessHandle> processes, final String name) throws IOException
    {
        final List<ProcessHandle> found = new ArrayList<>();
        for (final ProcessHandle process : processes)
        {
            final Path commandLine = Path.of("/proc", Long.toString(process.pid()), "cmdline");
            if (Files.exists(commandLine) && new String(Files.readAllBytes(commandLine), StandardCharsets.UTF_8)
                .replace('\0', ' ').contains(" --stage " + name + " "))
            {
                found.add(process);
            }
        }
        assertEquals(1, found.size(), "processes of stage " + name + " among " + processes);
        return found.get(0);
    }

    private static String linesLine(final String report)
    {
        final Matcher matcher = LINES.matcher(report);
        assertTrue(matcher.find(), report);
        return matcher.group();
    }

    private static void killTree(final Process process)
    {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String read(final Path file) throws IOException
    {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /**
     * Blocks of valid generated lines with blank and whitespace-only lines, malformed JSON, a non-object, an unknown
     * type, a missing field, CRLF endings, and every hundredth block two lines longer than the default maximum line
     * length (valid JSON and garbage). The last line has no newline. (As ipc-aeron's end-to-end test writes it.)
     */
    private static byte[] mixedInput(final int blocks)
    {
        final int overlong = 16_384 + 3_000;
        final StringBuilder input = new StringBuilder();
        final EventGenerator generator = new EventGenerator(7, 50, 8L * blocks);
        for (int block = 0; block < blocks; block++)
        {
            for (int i = 0; i < 8; i++)
            {
                generator.next();
                input.append(new String(generator.lineBuffer(), 0, generator.lineLength(), StandardCharsets.US_ASCII));
                input.append(i % 3 == 0 ? "\r\n" : "\n");
            }
            input.append('\n').append(" \t \r\n");
            input.append("{\"userId\":1,\"type\":\"click\"\n");
            input.append("[").append(block).append("]\n");
            input.append("{\"userId\":1,\"type\":\"scroll\",\"value\":2,\"ts\":3}\n");
            input.append("{\"userId\":1,\"type\":\"view\",\"value\":2}\n");
            if (block % 100 == 0)
            {
                input.append("{\"userId\":2,\"type\":\"purchase\",\"value\":3,\"ts\":4,\"pad\":\"")
                    .append("p".repeat(overlong + block)).append("\"}\n");
                input.append("#".repeat(overlong)).append('\n');
            }
        }
        input.append("{\"userId\":3,\"type\":\"click\",\"value\":3,\"ts\":3}");
        return input.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The Disruptor monolith run in this JVM on an input: its summary, report and output files.
     */
    private record MonolithRun(JsonNode summary, String report, Path results, Path rejects)
    {
        static MonolithRun of(final Path dir, final List<String> source) throws IOException
        {
            Files.createDirectories(dir);
            final Path results = dir.resolve("results.jsonl");
            final Path rejects = dir.resolve("rejects.txt");
            final Path summary = dir.resolve("summary.json");
            final List<String> arguments = new ArrayList<>(List.of("--results", results.toString(), "--rejects",
                rejects.toString(), "--summary", summary.toString()));
            arguments.addAll(source);
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final ByteArrayOutputStream err = new ByteArrayOutputStream();
            final int exit = MonolithCommand.execute(arguments.toArray(new String[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            final String report = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, exit, report + err.toString(StandardCharsets.UTF_8));
            assertTrue(report.contains("checks: OK"), report);
            return new MonolithRun(JSON.readTree(summary.toFile()), report, results, rejects);
        }

        JsonNode counts()
        {
            return summary.get("counts");
        }

        String linesLine()
        {
            return TcpSplitPipelineTest.linesLine(report);
        }
    }
}
