package org.eventpipe.chronicle;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eventpipe.cli.ExitCodes;
import org.eventpipe.cli.MonolithCommand;
import org.eventpipe.support.JacksonReference;
import org.eventpipe.support.ReferenceOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The latency mode over Chronicle queues, five real processes, on an input with rejected and blank lines (a blank
 * line takes its slot in the schedule): the results of the reference, and one latency sample for every kept event
 * past the warm-up, as many as the monolith records for the same input and warm-up; the queues are removed whether or
 * not the rate was achieved. Whether the loaded machine keeps to the rate is not asserted.
 */
@Timeout(180)
final class PacedChronicleTest
{
    private static final long WARMUP = 20_000;
    private static final Pattern QUEUES = Pattern.compile("queues in (\\S+)\\)");

    @TempDir
    Path directory;

    @Test
    void shouldRecordOneSamplePerMeasuredEventWithTheResultsOfTheReference() throws Exception
    {
        final Path input = SplitRuns.writeInput(directory.resolve("input.ndjson"), 100_000);
        final ReferenceOutcome reference = JacksonReference.defaults().run(input);
        final Path output = directory.resolve("paced.out");
        final Path results = directory.resolve("results.jsonl");
        final Path summary = directory.resolve("paced.json");

        final Process launcher = SplitRuns.start(output, "--transport", "chronicle", "--batch", "0",
            "--input", input.toString(), "--rate", "50000", "--warmup-events", Long.toString(WARMUP),
            "--results", results.toString(), "--summary", summary.toString());
        final int exit = SplitRuns.await(launcher, 150);
        final String report = SplitRuns.read(output);

        assertTrue(ExitCodes.OK == exit || ExitCodes.RATE_NOT_ACHIEVED == exit, report);
        assertEquals(List.of(), reference.resultsFileMismatches(SplitRuns.read(results)), report);
        assertEquals(List.of(), reference.reportMismatches(report), report);
        assertTrue(report.contains("checks: OK"), report);
        final JsonNode json = new ObjectMapper().readTree(summary.toFile());
        assertEquals(monolithSamples(input), json.at("/latency/samples").asLong(), json.get("latency").toString());
        assertEquals(ExitCodes.OK == exit, json.at("/latency/rateAchieved").asBoolean(), report);
        final Matcher queues = QUEUES.matcher(report);
        assertTrue(queues.find(), report);
        assertFalse(Files.exists(Path.of(queues.group(1))), "queues left after a completed run: " + queues.group(1));
    }

    private long monolithSamples(final Path input) throws Exception
    {
        final Path summary = directory.resolve("monolith.json");
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        final int status = MonolithCommand.execute(new String[]{ "--input", input.toString(), "--warmup-events",
            Long.toString(WARMUP), "--latency-sample", "1", "--summary", summary.toString() }, print, print);
        assertEquals(ExitCodes.OK, status, out.toString(StandardCharsets.UTF_8));
        return new ObjectMapper().readTree(summary.toFile()).at("/latency/samples").asLong();
    }
}
