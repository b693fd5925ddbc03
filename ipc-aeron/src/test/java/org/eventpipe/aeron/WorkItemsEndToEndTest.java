package org.eventpipe.aeron;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eventpipe.cli.ExitCodes;
import org.eventpipe.support.HostileWorkItems;
import org.eventpipe.support.WorkItemReference;
import org.eventpipe.testing.ChildProcess;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The work-items workload end to end with real processes from {@code ipc-aeron.jar}, on a hostile input
 * ({@link HostileWorkItems}): {@code Monolith --workload work-items} (Disruptor) must match
 * {@link WorkItemReference} (Jackson and straightforward rules and aggregate), {@code Monolith --fused} and the
 * {@code SplitPipeline} over {@code aeron-ipc} and {@code aeron-udp} must give byte-equal results and rejects files and
 * equal summary counts and results; an unknown workload is a usage error before anything starts.
 */
@Timeout(180)
final class WorkItemsEndToEndTest
{
    private static final long RUN_DEADLINE_SECONDS = 90;
    private static final int ITEMS = 3_000;
    private static final long SEED = 3;

    @TempDir
    static Path workDir;

    private static Path input;
    private static WorkItemReference.Outcome expected;
    private static Outputs monolith;

    /**
     * A run's output files and summary.
     */
    private record Outputs(byte[] results, byte[] rejects, JsonNode summary)
    {
    }

    @BeforeAll
    static void runReferenceAndMonolith() throws Exception
    {
        final byte[] bytes = HostileWorkItems.input(SEED, ITEMS);
        input = Files.write(workDir.resolve("hostile.ndjson"), bytes);
        expected = new WorkItemReference(HostileWorkItems.MAX_LINE_LENGTH).run(bytes);
        assertTrue(expected.rejected() > 0 && expected.blank() > 0 && expected.filtered() > 0, expected.toString());

        monolith = runMonolith("monolith", List.of());
        assertEquals(List.of(), HostileWorkItems.mismatches(expected, monolith.results(), monolith.rejects(),
            monolith.summary().get("counts")));
    }

    @Test
    void shouldGiveTheMonolithsFilesInTheFusedLoop() throws Exception
    {
        assertSameAsMonolith(runMonolith("fused", List.of("--fused")));
    }

    static Stream<Arguments> transportsAndBatches()
    {
        return Stream.of(
            Arguments.of("aeron-ipc", 1),
            Arguments.of("aeron-ipc", 100),
            Arguments.of("aeron-udp", 0));
    }

    @ParameterizedTest(name = "{0} batch {1}")
    @MethodSource("transportsAndBatches")
    void shouldGiveTheMonolithsFilesInTheSplitPipeline(final String transport, final int batch) throws Exception
    {
        final String name = transport + "-batch" + batch;
        final Path results = workDir.resolve(name + "-results.jsonl");
        final Path rejects = workDir.resolve(name + "-rejects.txt");
        final Path summary = workDir.resolve(name + "-summary.json");
        final List<String> arguments = new ArrayList<>(List.of("--workload", "work-items", "--transport", transport,
            "--batch", Integer.toString(batch), "--input", input.toString(), "--results", results.toString(),
            "--rejects", rejects.toString(), "--summary", summary.toString(),
            "--timeout-s", Long.toString(RUN_DEADLINE_SECONDS)));
        if ("aeron-udp".equals(transport))
        {
            final List<Integer> ports = LauncherProcess.freeUdpPorts(4);
            final String[] edges = { "ingest-parse", "parse-rules", "rules-aggregate", "aggregate-sink" };
            for (int i = 0; i < edges.length; i++)
            {
                arguments.add("--endpoint");
                arguments.add(edges[i] + "=localhost:" + ports.get(i));
            }
        }

        final LauncherProcess launcher = LauncherProcess.run(workDir, arguments, RUN_DEADLINE_SECONDS + 30);

        assertEquals(ExitCodes.OK, launcher.exitValue(), launcher.output());
        assertTrue(launcher.stdout().contains("checks: OK"), launcher.output());
        final JsonNode json = new ObjectMapper().readTree(summary.toFile());
        assertEquals("work-items", json.at("/configuration/workload").asText(), json.toString());
        assertEquals(transport, json.at("/configuration/transport").asText(), json.toString());
        assertSameAsMonolith(new Outputs(Files.readAllBytes(results), Files.readAllBytes(rejects), json));
        final Path runDirectory = launcher.runDirectory();
        assertNotNull(runDirectory, launcher.output());
        assertFalse(Files.exists(runDirectory), "run directory left behind: " + runDirectory);
    }

    @Test
    void shouldExitWithUsageErrorNamingTheKnownWorkloadsBeforeAnythingStarts() throws Exception
    {
        final Path runDirBase = workDir.resolve("runs");
        final Path results = workDir.resolve("nope-results.jsonl");
        final LauncherProcess launcher = LauncherProcess.run(workDir, List.of("--workload", "nope", "--events", "1000",
            "--run-dir-base", runDirBase.toString(), "--results", results.toString()), RUN_DEADLINE_SECONDS);

        assertEquals(ExitCodes.USAGE, launcher.exitValue(), launcher.output());
        final List<String> stderr = launcher.stderr().lines().toList();
        assertEquals(1, stderr.size(), launcher.output());
        assertTrue(stderr.get(0).startsWith("SplitPipeline: error: "), launcher.output());
        assertTrue(stderr.get(0).contains("'nope'") && stderr.get(0).contains("events") &&
            stderr.get(0).contains("work-items"), launcher.output());
        assertEquals("", launcher.stdout(), launcher.output());
        assertFalse(Files.exists(runDirBase), "no run directory is made before the flags are checked");
        assertFalse(Files.exists(results), "results written");
    }

    private static Outputs runMonolith(final String name, final List<String> mode) throws Exception
    {
        final Path results = workDir.resolve(name + "-results.jsonl");
        final Path rejects = workDir.resolve(name + "-rejects.txt");
        final Path summary = workDir.resolve(name + "-summary.json");
        final List<String> command = new ArrayList<>(List.of(ChildProcess.javaCommand(), "-cp",
            System.getProperty(LauncherProcess.JAR_PROP_NAME), "Monolith", "--workload", "work-items",
            "--input", input.toString(), "--results", results.toString(), "--rejects", rejects.toString(),
            "--summary", summary.toString()));
        command.addAll(mode);
        try (ChildProcess child = ChildProcess.start(workDir, command, Map.of()))
        {
            assertEquals(ExitCodes.OK, child.awaitExit(RUN_DEADLINE_SECONDS), child.output());
            assertTrue(child.stdout().contains("checks: OK"), child.output());
        }
        return new Outputs(Files.readAllBytes(results), Files.readAllBytes(rejects),
            new ObjectMapper().readTree(summary.toFile()));
    }

    private static void assertSameAsMonolith(final Outputs run)
    {
        assertArrayEquals(monolith.results(), run.results(), "results file");
        assertArrayEquals(monolith.rejects(), run.rejects(), "rejects file");
        assertEquals(monolith.summary().get("counts"), run.summary().get("counts"));
        assertEquals(monolith.summary().get("results"), run.summary().get("results"));
        assertTrue(run.summary().get("passed").asBoolean(), run.summary().toString());
    }
}
