package org.eventpipe.aeron;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eventpipe.cli.MonolithCommand;
import org.eventpipe.metrics.ClockDomain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher's {@code --summary} and {@code --warmup-events}: refused before any work when they cannot be honoured,
 * and, over aeron-ipc, a summary whose window holds the lines after the warm-up and whose stages are all five.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class SplitPipelineSummaryTest
{
    private static final long RUN_DEADLINE_SECONDS = 90;

    @TempDir
    Path workDir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "--summary missing/run.json;--summary: directory",
        "--warmup-events 20000;--warmup-events must be in [0, --events)",
        "--warmup-events -2;--warmup-events must be in [0, --events)" })
    void shouldExitWithUsageErrorBeforeAnyWork(final String arguments, final String message) throws Exception
    {
        final Path runDirBase = workDir.resolve("runs");
        final List<String> args = new ArrayList<>(List.of("--events", "20000", "--run-dir-base",
            runDirBase.toString()));
        for (final String word : arguments.split(" "))
        {
            args.add(word.startsWith("missing/") ? workDir.resolve(word).toString() : word);
        }
        final LauncherProcess launcher = LauncherProcess.run(workDir, args, RUN_DEADLINE_SECONDS);

        assertEquals(MonolithCommand.EXIT_USAGE, launcher.exitValue(), launcher.output());
        final List<String> stderr = launcher.stderr().lines().toList();
        assertEquals(1, stderr.size(), launcher.output());
        assertTrue(stderr.get(0).contains(message), launcher.output());
        assertFalse(Files.exists(runDirBase), "no run directory is made before the flags are checked");
    }

    @Test
    void shouldWriteASummaryWhoseWindowHoldsTheLinesAfterTheWarmup() throws Exception
    {
        final Path summary = workDir.resolve("run.json");
        final LauncherProcess launcher = LauncherProcess.run(workDir, List.of("--events", "30000",
            "--warmup-events", "20000", "--batch", "100", "--summary", summary.toString()), RUN_DEADLINE_SECONDS);

        assertEquals(MonolithCommand.EXIT_OK, launcher.exitValue(), launcher.output());
        final JsonNode json = new ObjectMapper().readTree(summary.toFile());
        assertEquals("split", json.get("kind").asText());
        assertTrue(json.get("passed").asBoolean(), json.toString());
        assertEquals("aeron-ipc", json.at("/configuration/transport").asText());
        assertEquals(100, json.at("/configuration/batch").asInt());
        assertEquals(20_000, json.at("/window/warmupEvents").asLong());
        assertEquals(10_000, json.at("/window/events").asLong());
        assertTrue(json.at("/window/nanos").asLong() > 0, json.toString());
        assertEquals(30_000, json.at("/counts/linesRead").asLong());
        assertEquals(json.at("/counts/kept").asLong(), json.at("/results/0/count").asLong() +
            json.at("/results/1/count").asLong());
        assertEquals(5, json.get("stages").size());
        assertEquals(6, json.get("checks").size(), json.get("checks").toString());
        assertTrue(json.at("/latency/samples").asLong() < 10_000 / 16 + 1, json.get("latency").toString());
        assertTrue(launcher.stdout().contains("after a warm-up of 20000 lines"), launcher.output());
    }

    /**
     * On one host every stage shares one clock domain (the kernel's boot id), so a normal run gives every timing
     * figure: throughput, latency and the transit of each edge, none "not comparable"; the stage table's frames-out
     * of each stage equals the frames-in of the next; and a short run without warm-up says it is cold.
     */
    @Test
    void shouldGiveEveryTimingFigureOnOneHostAndAStageTableWhoseEdgesAgree() throws Exception
    {
        final Path summary = workDir.resolve("one-host.json");
        final LauncherProcess launcher = LauncherProcess.run(workDir, List.of("--events", "20000", "--batch", "100",
            "--summary", summary.toString()), RUN_DEADLINE_SECONDS);

        assertEquals(MonolithCommand.EXIT_OK, launcher.exitValue(), launcher.output());
        final String report = launcher.stdout();
        assertFalse(report.contains("not comparable"), report);
        assertTrue(report.lines().anyMatch((line) -> line.startsWith("throughput: ") && line.contains(" M events/s")),
            report);
        assertTrue(report.lines().anyMatch((line) -> line.startsWith("latency (ingest publish -> aggregate applied") &&
            line.contains("samples=")), report);
        for (final String edge : List.of("ingest->parse", "parse->rules", "rules->aggregate"))
        {
            assertTrue(report.contains("transit " + edge + " (frame commit -> poll, per frame): samples="), report);
        }
        assertEquals(1, report.lines().filter((line) -> line.startsWith("note: cold run")).count(), report);
        final List<String> stages = List.of("ingest", "parse", "rules", "aggregate", "sink");
        for (int i = 0; i + 1 < stages.size(); i++)
        {
            assertEquals(launcher.stageRow(stages.get(i)).get(3), launcher.stageRow(stages.get(i + 1)).get(1),
                "frames-out of " + stages.get(i) + " = frames-in of " + stages.get(i + 1) + "\n" + report);
        }

        final JsonNode json = new ObjectMapper().readTree(summary.toFile());
        assertTrue(json.at("/window/eventsPerSecond").asDouble() > 0, json.toString());
        assertTrue(json.at("/window/notComparable").isMissingNode(), json.toString());
        assertTrue(json.at("/window/cold").asBoolean(), json.toString());
        assertTrue(json.at("/latency/samples").asLong() > 0, json.toString());
        assertEquals(0, json.at("/latency/negativeSamples").asLong(), json.toString());
        assertEquals(3, json.get("transit").size(), json.get("transit").toString());
    }

    /**
     * Real stage processes in two clock domains: ingest reads no boot id (a file that does not exist), so it gets a
     * random domain of its own, as if it ran on another host. The run completes and its checks pass; end-to-end
     * throughput and latency and the ingest->parse transit are "not comparable across hosts", naming ingest's and the
     * aggregate's boot ids; the transit of the edges between the other stages, all on this host, stays.
     */
    @Test
    void shouldMarkFiguresSpanningTwoClockDomainsNotComparable() throws Exception
    {
        final Path summary = workDir.resolve("two-domains.json");
        final LauncherProcess launcher = LauncherProcess.run(workDir, List.of("--events", "20000", "--batch", "100",
            "--summary", summary.toString(), "--stage-jvm-option",
            "ingest:-D" + ClockDomain.BOOT_ID_FILE_PROP_NAME + "=" + workDir.resolve("no-boot-id")),
            RUN_DEADLINE_SECONDS);

        assertEquals(MonolithCommand.EXIT_OK, launcher.exitValue(), launcher.output());
        final String report = launcher.stdout();
        final String hostBoot = ClockDomain.read(Path.of(ClockDomain.BOOT_ID_FILE)).id8();
        final Matcher throughput = Pattern.compile("throughput: not comparable across hosts \\(clock domains " +
            "differ: ingest on boot ([0-9a-f]{8}), aggregate on boot ([0-9a-f]{8})\\)").matcher(report);
        assertTrue(throughput.find(), report);
        assertEquals(hostBoot, throughput.group(2), report);
        assertTrue(report.contains("events sampled): not comparable across hosts"), report);
        assertTrue(report.contains("transit ingest->parse (frame commit -> poll, per frame): not comparable"), report);
        assertTrue(report.contains("transit parse->rules (frame commit -> poll, per frame): samples="), report);
        assertTrue(report.contains("transit rules->aggregate (frame commit -> poll, per frame): samples="), report);
        assertTrue(report.contains("checks: OK"), report);

        final JsonNode json = new ObjectMapper().readTree(summary.toFile());
        assertTrue(json.get("passed").asBoolean(), json.toString());
        assertTrue(json.at("/window/eventsPerSecond").isNull(), json.toString());
        assertTrue(json.at("/window/notComparable").asText().startsWith("not comparable across hosts"),
            json.toString());
        assertTrue(json.at("/latency/micros").isNull(), json.toString());
        assertEquals(5, json.get("stages").size(), json.toString());
    }
}
