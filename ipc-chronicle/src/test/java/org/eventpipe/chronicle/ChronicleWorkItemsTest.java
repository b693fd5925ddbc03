package org.eventpipe.chronicle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eventpipe.cli.ExitCodes;
import org.eventpipe.support.HostileWorkItems;
import org.eventpipe.support.WorkItemReference;
import org.eventpipe.testing.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The work-items workload over Chronicle queues, five real processes from {@code ipc-chronicle.jar}, on a hostile
 * input ({@link HostileWorkItems}) at adaptive batching (the largest frames): results and rejects files byte-equal to
 * {@code Monolith --workload work-items} from the same jar, equal summary counts and results, and the monolith equal
 * to {@link WorkItemReference}; an unknown workload is a usage error before anything starts.
 */
@Timeout(180)
final class ChronicleWorkItemsTest
{
    private static final long RUN_DEADLINE_SECONDS = 120;
    private static final int ITEMS = 3_000;
    private static final long SEED = 4;
    private static final Pattern QUEUES = Pattern.compile("queues in (\\S+)\\)");

    @TempDir
    Path workDir;

    @Test
    void shouldGiveTheMonolithsFilesAtAdaptiveBatching() throws Exception
    {
        final byte[] bytes = HostileWorkItems.input(SEED, ITEMS);
        final Path input = Files.write(workDir.resolve("hostile.ndjson"), bytes);
        final WorkItemReference.Outcome expected = new WorkItemReference(HostileWorkItems.MAX_LINE_LENGTH).run(bytes);
        final List<String> monolithCommand = new ArrayList<>(List.of(ChildProcess.javaCommand(), "-cp",
            SplitRuns.JAR.toAbsolutePath().toString(), "Monolith"));
        monolithCommand.addAll(outputs(input, "monolith"));
        try (ChildProcess monolith = ChildProcess.start(workDir, monolithCommand, Map.of()))
        {
            assertEquals(ExitCodes.OK, monolith.awaitExit(RUN_DEADLINE_SECONDS), monolith.output());
        }
        final JsonNode monolithSummary = new ObjectMapper().readTree(workDir.resolve("monolith-summary.json").toFile());
        assertEquals(List.of(), HostileWorkItems.mismatches(expected, read("monolith-results.jsonl"),
            read("monolith-rejects.txt"), monolithSummary.get("counts")));

        final Path output = workDir.resolve("split.out");
        final List<String> splitArguments = new ArrayList<>(List.of("--transport", "chronicle", "--batch", "0",
            "--timeout-s", Long.toString(RUN_DEADLINE_SECONDS),
            "--stage-jvm-option=-D" + ChronicleConfiguration.WARM_UP_FRAMES_PROP_NAME + "=0"));
        splitArguments.addAll(outputs(input, "split"));
        final Process launcher = SplitRuns.start(output, splitArguments.toArray(new String[0]));
        final int exit;
        try
        {
            exit = SplitRuns.await(launcher, RUN_DEADLINE_SECONDS + 30);
        }
        finally
        {
            SplitRuns.stop(launcher);
        }

        final String report = SplitRuns.read(output);
        assertEquals(ExitCodes.OK, exit, report);
        assertTrue(report.contains("checks: OK"), report);
        final JsonNode splitSummary = new ObjectMapper().readTree(workDir.resolve("split-summary.json").toFile());
        assertEquals("chronicle", splitSummary.at("/configuration/transport").asText(), splitSummary.toString());
        assertEquals("work-items", splitSummary.at("/configuration/workload").asText(), splitSummary.toString());
        assertTrue(splitSummary.get("passed").asBoolean(), splitSummary.toString());
        assertArrayEquals(read("monolith-results.jsonl"), read("split-results.jsonl"), "results file");
        assertArrayEquals(read("monolith-rejects.txt"), read("split-rejects.txt"), "rejects file");
        assertEquals(monolithSummary.get("counts"), splitSummary.get("counts"));
        assertEquals(monolithSummary.get("results"), splitSummary.get("results"));
        final Matcher queues = QUEUES.matcher(report);
        assertTrue(queues.find(), report);
        assertFalse(Files.exists(Path.of(queues.group(1))), "queues left after a successful run: " + queues.group(1));
    }

    @Test
    void shouldExitWithUsageErrorNamingTheKnownWorkloadsBeforeAnythingStarts() throws Exception
    {
        final Path runDirBase = workDir.resolve("runs");
        final Path results = workDir.resolve("nope-results.jsonl");
        final List<String> command = List.of(ChildProcess.javaCommand(), "-cp",
            SplitRuns.JAR.toAbsolutePath().toString(), "SplitPipeline", "--transport", "chronicle",
            "--workload", "nope", "--events", "1000", "--run-dir-base", runDirBase.toString(),
            "--results", results.toString());
        try (ChildProcess launcher = ChildProcess.start(workDir, command, Map.of()))
        {
            assertEquals(ExitCodes.USAGE, launcher.awaitExit(RUN_DEADLINE_SECONDS), launcher.output());
            final List<String> stderr = launcher.stderr().lines().toList();
            assertEquals(1, stderr.size(), launcher.output());
            assertTrue(stderr.get(0).startsWith("SplitPipeline: error: "), launcher.output());
            assertTrue(stderr.get(0).contains("'nope'") && stderr.get(0).contains("events") &&
                stderr.get(0).contains("work-items"), launcher.output());
            assertEquals("", launcher.stdout(), launcher.output());
        }
        assertFalse(Files.exists(runDirBase), "no run directory or queues are made before the flags are checked");
        assertFalse(Files.exists(results), "results written");
    }

    private List<String> outputs(final Path input, final String name)
    {
        return List.of("--workload", "work-items", "--input", input.toString(),
            "--results", workDir.resolve(name + "-results.jsonl").toString(),
            "--rejects", workDir.resolve(name + "-rejects.txt").toString(),
            "--summary", workDir.resolve(name + "-summary.json").toString());
    }

    private byte[] read(final String name) throws java.io.IOException
    {
        return Files.readAllBytes(workDir.resolve(name));
    }
}
