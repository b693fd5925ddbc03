package org.eventpipe.bench.transport.grpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eventpipe.cli.ExitCodes;
import org.eventpipe.testing.ChildProcess;
import org.eventpipe.workload.EventGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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
 * {@code SplitPipeline --transport grpc} end to end with real processes (the launcher and five stages on the test
 * class path): at batch 1, 100 and adaptive its results file, rejects file and summary counts equal the Disruptor
 * monolith's on the same input; and a stage killed mid-run fails the run within 5 s, named, leaving nothing behind.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class GrpcSplitPipelineTest
{
    private static final long RUN_DEADLINE_SECONDS = 90;
    private static final String GENERATED_EVENTS = "20000";
    private static final String ENDLESS_EVENTS = "500000000";
    private static final int OVERLONG_LENGTH = 16_384 + 3_000;
    private static final Pattern RUN_DIRECTORY = Pattern.compile("run directory (\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path workDir;

    private static Path mixedInput;
    private static Path generatedMonolith;
    private static Path mixedMonolith;

    private ChildProcess launcher;
    private Path runDirectory;

    @BeforeAll
    static void runMonolith() throws Exception
    {
        mixedInput = workDir.resolve("mixed.ndjson");
        Files.write(mixedInput, mixedInput(300));
        generatedMonolith = run("monolith-generated", "Monolith", List.of("--events", GENERATED_EVENTS));
        mixedMonolith = run("monolith-mixed", "Monolith", List.of("--input", mixedInput.toString()));

        final JsonNode mixedCounts = summary(mixedMonolith).get("counts");
        assertTrue(mixedCounts.get("blank").asLong() > 0, mixedCounts.toString());
        assertTrue(mixedCounts.get("rejected").asLong() > 0, mixedCounts.toString());
        assertTrue(mixedCounts.get("rejectedByReason").get("LINE_TOO_LONG").asLong() > 0, mixedCounts.toString());
    }

    @AfterEach
    void killLeftovers()
    {
        if (null != launcher)
        {
            launcher.close();
        }
        if (null != runDirectory && Files.exists(runDirectory))
        {
            // only after a failed test: the kill above leaves no stage to remove it
            try (var paths = Files.walk(runDirectory))
            {
                paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
            }
            catch (final IOException ignore)
            {
                // best effort
            }
        }
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = { 1, 100, 0 })
    void shouldMatchTheMonolithOnGeneratedInput(final int batch) throws Exception
    {
        final Path split = run("grpc-generated-batch" + batch, "SplitPipeline", List.of("--transport", "grpc",
            "--batch", Integer.toString(batch), "--events", GENERATED_EVENTS, "--timeout-s", "80"));

        assertSameOutcome(generatedMonolith, split);
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = { 1, 100, 0 })
    void shouldMatchTheMonolithOnFileWithBadBlankAndOverlongLines(final int batch) throws Exception
    {
        final Path split = run("grpc-mixed-batch" + batch, "SplitPipeline", List.of("--transport", "grpc",
            "--batch", Integer.toString(batch), "--input", mixedInput.toString(), "--timeout-s", "80"));

        assertSameOutcome(mixedMonolith, split);
    }

    @Test
    void shouldFailWithin5SecondsNamingRulesAndLeaveNothingWhenRulesIsKilled() throws Exception
    {
        launcher = ChildProcess.start(workDir, command("SplitPipeline", List.of("--transport", "grpc", "--batch",
            "1", "--events", ENDLESS_EVENTS, "--timeout-s", "100")), Map.of());
        runDirectory = awaitAllStagesReady();
        final List<ProcessHandle> children = launcher.process().descendants().toList();
        assertEquals(5, children.size(), "five stages, no support process: " + children);
        final ProcessHandle rules = stage(children, "rules");

        assertTrue(rules.destroyForcibly());
        final boolean exited = launcher.process().waitFor(5, TimeUnit.SECONDS);

        assertTrue(exited, "launcher still running 5 s after rules was killed\n" + launcher.output());
        assertEquals(ExitCodes.FAILED, launcher.process().exitValue(), launcher.output());
        assertTrue(launcher.stderr().contains("SplitPipeline: stage rules failed: exited with status 137 (killed: " +
            "SIGKILL)"), launcher.output());
        assertFalse(launcher.stdout().contains("checks: OK"), launcher.output());
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && children.stream().anyMatch(ProcessHandle::isAlive))
        {
            Thread.sleep(20);
        }
        assertEquals(List.of(), children.stream().filter(ProcessHandle::isAlive).toList(), launcher.output());
        assertFalse(Files.exists(runDirectory), "run directory left behind: " + runDirectory);
        assertEquals(List.of(), ProcessHandle.allProcesses().filter((handle) -> handle.info().commandLine()
            .map((line) -> line.contains(runDirectory.toString())).orElse(false)).toList());
    }

    /**
     * The monolith's and the split run's results and rejects files are identical, and so are their summaries'
     * counts (every line's fate, by reason) and results.
     */
    private static void assertSameOutcome(final Path monolith, final Path split) throws IOException
    {
        assertEquals(Files.readString(monolith.resolve("results.jsonl")), Files.readString(split.resolve(
            "results.jsonl")));
        assertEquals(Files.readString(monolith.resolve("rejects.txt"), StandardCharsets.ISO_8859_1),
            Files.readString(split.resolve("rejects.txt"), StandardCharsets.ISO_8859_1));
        final JsonNode expected = summary(monolith);
        final JsonNode actual = summary(split);
        assertEquals("split", actual.get("kind").asText());
        assertEquals("grpc", actual.get("configuration").get("transport").asText());
        assertEquals(expected.get("counts"), actual.get("counts"));
        assertEquals(expected.get("results"), actual.get("results"));
        assertTrue(actual.get("passed").asBoolean(), actual.toString());
    }

    private static JsonNode summary(final Path outputs) throws IOException
    {
        return JSON.readTree(outputs.resolve("summary.json").toFile());
    }

    /**
     * Run a main class to the end with results, rejects and summary files in a directory of its own.
     *
     * @return that directory.
     */
    private static Path run(final String name, final String mainClass, final List<String> arguments)
        throws Exception
    {
        final Path outputs = Files.createDirectory(workDir.resolve(name));
        final List<String> all = new ArrayList<>(arguments);
        all.addAll(List.of("--results", outputs.resolve("results.jsonl").toString(), "--rejects",
            outputs.resolve("rejects.txt").toString(), "--summary", outputs.resolve("summary.json").toString()));
        try (ChildProcess child = ChildProcess.start(workDir, command(mainClass, all), Map.of()))
        {
            final int exit = child.awaitExit(RUN_DEADLINE_SECONDS);
            assertEquals(0, exit, child.output());
            if ("SplitPipeline".equals(mainClass))
            {
                final Matcher matcher = RUN_DIRECTORY.matcher(child.stdout());
                assertTrue(matcher.find(), child.output());
                assertFalse(Files.exists(Path.of(matcher.group(1))), "run directory left behind");
            }
        }
        return outputs;
    }

    private static List<String> command(final String mainClass, final List<String> arguments)
    {
        final List<String> command = new ArrayList<>();
        command.add(ChildProcess.javaCommand());
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(mainClass);
        command.addAll(arguments);
        return command;
    }

    /**
     * Wait until ingest, the last stage started, says it is ready: every stage downstream of it was ready before.
     */
    private Path awaitAllStagesReady() throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Path directory = null;
        while (System.nanoTime() < deadline)
        {
            assertTrue(launcher.process().isAlive(), launcher.output());
            if (null == directory)
            {
                final Matcher matcher = RUN_DIRECTORY.matcher(launcher.stdout());
                directory = matcher.find() ? Path.of(matcher.group(1)) : null;
                runDirectory = directory;
            }
            final Path ingestLog = null == directory ? null : directory.resolve("ingest.log");
            if (null != ingestLog && Files.exists(ingestLog) &&
                Files.readString(ingestLog, StandardCharsets.UTF_8).contains("eventpipe stage ready: ingest"))
            {
                return directory;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("stages not ready after 60 s\n" + launcher.output());
    }

    /**
     * The process of a stage, found by its arguments in {@code /proc} ({@link ProcessHandle.Info#commandLine()} cuts
     * a long class path short).
     */
    private static ProcessHandle stage(final List<ProcessHandle> processes, final String name) throws IOException
    {
        ProcessHandle found = null;
        for (final ProcessHandle process : processes)
        {
            final Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
            if (Files.exists(cmdline) && new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8)
                .contains("\0--stage\0" + name + "\0"))
            {
                found = process;
            }
        }
        assertNotNull(found, "no process of stage " + name + " among " + processes);
        return found;
    }

    /**
     * Blocks of valid generated lines with blank and whitespace-only lines, malformed JSON, a non-object, an unknown
     * type, a missing field, CRLF endings, and every hundredth block two lines longer than the default maximum line
     * length. The last line has no newline.
     */
    private static byte[] mixedInput(final int blocks)
    {
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
                    .append("p".repeat(OVERLONG_LENGTH + block)).append("\"}\n");
                input.append("#".repeat(OVERLONG_LENGTH)).append('\n');
            }
        }
        input.append("{\"userId\":3,\"type\":\"click\",\"value\":3,\"ts\":3}");
        return input.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
