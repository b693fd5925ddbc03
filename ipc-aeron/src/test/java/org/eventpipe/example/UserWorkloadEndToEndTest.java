package org.eventpipe.example;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eventpipe.testing.ChildProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's own-workload example, run as a user would: {@link ReadingsWorkload}'s classes beside
 * {@code ipc-aeron.jar} on the class path, {@code --workload readings}, the monolith against the split pipeline over
 * Aeron IPC with real processes and a real media driver. Both must give the results and rejects that a plain Jackson
 * reading of the same input gives.
 */
@Timeout(180)
final class UserWorkloadEndToEndTest
{
    private static final long DEADLINE_SECONDS = 120;

    @TempDir
    static Path workDir;

    private static Path input;
    private static String expectedResults;
    private static long expectedRejects;
    private static long expectedFiltered;

    @BeforeAll
    static void writeInputAndReference() throws Exception
    {
        final List<String> lines = new ArrayList<>();
        try (ReadingsWorkload.Generator generator = new ReadingsWorkload.Generator(42, 3_000))
        {
            while (generator.next())
            {
                lines.add(new String(generator.lineBuffer(), 0, generator.lineLength(), StandardCharsets.UTF_8));
                if (0 == generator.lineNumber() % 100)
                {
                    lines.add("not json");
                    lines.add("[1, 2]");
                    lines.add("{\"sensor\": 1}");
                    lines.add("{\"sensor\": \"s1\", \"celsius\": 20.0}");
                    lines.add("{\"sensor\": 1, \"celsius\": 20.0, \"sensor\": 2}");
                    lines.add("");
                }
            }
        }
        input = workDir.resolve("readings.ndjson");
        Files.write(input, lines, StandardCharsets.UTF_8);

        final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        long count = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long sum = 0;
        for (final String line : lines)
        {
            if (line.isBlank())
            {
                continue;
            }
            final JsonNode node;
            try
            {
                node = mapper.readTree(line);
            }
            catch (final Exception ex)
            {
                expectedRejects++;
                continue;
            }
            if (!node.isObject() || node.size() != 2 || !node.path("sensor").isInt() ||
                !node.path("celsius").isNumber())
            {
                expectedRejects++;
                continue;
            }
            final long milli = (long)Math.rint(node.get("celsius").doubleValue() * 1000.0);
            if (milli < ReadingsWorkload.MIN_PLAUSIBLE || milli > ReadingsWorkload.MAX_PLAUSIBLE)
            {
                expectedFiltered++;
                continue;
            }
            count++;
            min = Math.min(min, milli);
            max = Math.max(max, milli);
            sum += milli;
        }
        expectedResults = String.format(Locale.ROOT,
            "{\"count\":%d,\"minMilliC\":%d,\"maxMilliC\":%d,\"sumMilliC\":%d}%n", count, min, max, sum);
        assertTrue(expectedRejects >= 150, "the input has bad lines: " + expectedRejects);
        assertTrue(expectedFiltered >= 50, "the input has implausible readings: " + expectedFiltered);
    }

    @Test
    void shouldGiveTheReferenceResultsInTheMonolithAndSplitOverAeronIpc() throws Exception
    {
        final Path monolithResults = workDir.resolve("monolith-results.jsonl");
        final Path monolithRejects = workDir.resolve("monolith-rejects.txt");
        final String monolith = run(List.of("Monolith", "--workload", "readings", "--input", input.toString(),
            "--results", monolithResults.toString(), "--rejects", monolithRejects.toString()));
        assertTrue(monolith.contains("workload readings"), monolith);
        assertTrue(monolith.contains("filtered=" + expectedFiltered + ")"), monolith);
        assertEquals(expectedResults, Files.readString(monolithResults), monolith);
        assertEquals(expectedRejects, Files.readAllLines(monolithRejects).size(), monolith);

        final Path splitResults = workDir.resolve("split-results.jsonl");
        final Path splitRejects = workDir.resolve("split-rejects.txt");
        final String split = run(List.of("SplitPipeline", "--transport", "aeron-ipc", "--batch", "100",
            "--workload", "readings", "--input", input.toString(), "--results", splitResults.toString(),
            "--rejects", splitRejects.toString(), "--timeout-s", Long.toString(DEADLINE_SECONDS)));
        assertTrue(split.contains("workload readings"), split);
        assertTrue(split.contains("readings " + expectedResults.split("[:,]")[1] + ", min "), split);
        assertEquals(expectedResults, Files.readString(splitResults), split);
        assertEquals(Files.readAllLines(monolithRejects), Files.readAllLines(splitRejects), split);
    }

    private static String run(final List<String> mainAndArguments) throws Exception
    {
        final String jar = System.getProperty("eventpipe.test.jar");
        final String testClasses = Path.of(ReadingsWorkload.class.getProtectionDomain().getCodeSource().getLocation()
            .toURI()).toString();
        final List<String> command = new ArrayList<>(List.of(ChildProcess.javaCommand(), "-cp",
            jar + File.pathSeparator + testClasses));
        command.addAll(mainAndArguments);
        try (ChildProcess process = ChildProcess.start(workDir, command, Map.of()))
        {
            final int status = process.awaitExit(DEADLINE_SECONDS);
            final String output = process.output();
            assertEquals(0, status, output);
            return output;
        }
    }
}
