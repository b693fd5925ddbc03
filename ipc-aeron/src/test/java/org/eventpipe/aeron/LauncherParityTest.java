package org.eventpipe.aeron;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eventpipe.cli.ExitCodes;
import org.eventpipe.testing.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher takes what the monolith takes: {@code --input -} reads the launcher's standard input, and the handler
 * settings ({@code --max-line-length}, {@code --latency-sample}, {@code --drop-types}, also as their system
 * properties on the launcher's JVM) reach every stage, so the results and rejects equal the monolith's with the same
 * settings.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
final class LauncherParityTest
{
    private static final long DEADLINE_SECONDS = 120;
    private static final String BAD_LINES = "not json\n{\"userId\":1,\"type\":\"click\"}\n" +
        "{\"userId\":2,\"type\":\"view\",\"value\":3,\"ts\":4,\"note\":\"a line longer than eighty bytes, which the " +
        "settings below reject\"}\n";

    @TempDir
    Path workDir;

    @Test
    void shouldReadStandardInputAndPassHandlerSettingsToEveryStage() throws Exception
    {
        final Path input = input();
        final List<String> settings = List.of("--max-line-length", "80", "--latency-sample", "1");

        final List<String> monolith = new ArrayList<>(List.of(ChildProcess.javaCommand(), "-cp", jar(), "Monolith",
            "--input", input.toString(), "--drop-types", "none"));
        monolith.addAll(settings);
        monolith.addAll(outputs("monolith"));
        try (ChildProcess process = ChildProcess.start(workDir, monolith, Map.of()))
        {
            assertEquals(ExitCodes.OK, process.awaitExit(DEADLINE_SECONDS), process.output());
        }

        final List<String> split = new ArrayList<>(List.of(ChildProcess.javaCommand(),
            "-Deventpipe.rules.drop=none", "-cp", jar(), "SplitPipeline", "--input", "-"));
        split.addAll(settings);
        split.addAll(outputs("split"));
        final Path splitOutput = workDir.resolve("split.out");
        final Process launcher = new ProcessBuilder(split).redirectInput(input.toFile())
            .redirectErrorStream(true).redirectOutput(splitOutput.toFile()).start();
        try
        {
            assertTrue(launcher.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS), Files.readString(splitOutput));
        }
        finally
        {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
        final String report = Files.readString(splitOutput);
        assertEquals(ExitCodes.OK, launcher.exitValue(), report);

        final byte[] results = Files.readAllBytes(workDir.resolve("split-results.jsonl"));
        assertArrayEquals(Files.readAllBytes(workDir.resolve("monolith-results.jsonl")), results, report);
        assertArrayEquals(Files.readAllBytes(workDir.resolve("monolith-rejects.txt")),
            Files.readAllBytes(workDir.resolve("split-rejects.txt")), report);
        assertTrue(new String(results, StandardCharsets.UTF_8).contains("view"), "drop none keeps the views");
        assertTrue(Files.readString(workDir.resolve("split-rejects.txt")).contains("LINE_TOO_LONG"),
            "--max-line-length 80 reached parse");
        assertTrue(report.contains("1 in 1 events sampled"), report);
    }

    private Path input() throws Exception
    {
        final Path input = workDir.resolve("input.ndjson");
        try (ChildProcess writer = ChildProcess.start(workDir, List.of(ChildProcess.javaCommand(), "-cp", jar(),
            "Monolith", "--events", "5000", "--write-input", input.toString()), Map.of()))
        {
            assertEquals(ExitCodes.OK, writer.awaitExit(DEADLINE_SECONDS), writer.output());
        }
        Files.writeString(input, BAD_LINES, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return input;
    }

    private List<String> outputs(final String name)
    {
        return List.of("--results", workDir.resolve(name + "-results.jsonl").toString(),
            "--rejects", workDir.resolve(name + "-rejects.txt").toString());
    }

    private static String jar()
    {
        return new File(System.getProperty(LauncherProcess.JAR_PROP_NAME)).getAbsolutePath();
    }
}
