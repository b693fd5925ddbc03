package org.eventpipe.aeron;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.eventpipe.cli.ExitCodes;
import org.eventpipe.cli.MonolithCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The latency mode of the split pipeline over aeron-ipc, with real processes and a real media driver: every kept
 * event past the warm-up is recorded once, from the intended time its line carried in its frame, with the aggregates
 * of a throughput run; the interval log reads back; the ingest-to-parse edge has a transit sample per raw line
 * frame; and a scripted 100 ms stall of the aggregate shows in the latency
 * of every event queued behind it. Whether the loaded machine keeps to the rate is not asserted.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
final class PacedSplitPipelineTest
{
    private static final long RUN_DEADLINE_SECONDS = 150;
    private static final long EVENTS = 100_000;
    private static final long WARMUP = 20_000;

    @TempDir
    Path workDir;

    @Test
    void shouldRecordOneSamplePerMeasuredEventWithTheAggregatesOfAThroughputRun() throws Exception
    {
        final Path summary = workDir.resolve("paced.json");
        final Path log = workDir.resolve("latency.hlog");
        final JsonNode reference = monolithReference();

        final LauncherProcess launcher = LauncherProcess.run(workDir, List.of("--transport", "aeron-ipc",
            "--events", Long.toString(EVENTS), "--rate", "50000", "--warmup-events", Long.toString(WARMUP),
            "--batch", "100", "--summary", summary.toString(), "--histogram-log", log.toString()),
            RUN_DEADLINE_SECONDS);

        assertRateOutcome(launcher);
        final JsonNode json = new ObjectMapper().readTree(summary.toFile());
        assertEquals(reference.at("/latency/samples").asLong(), json.at("/latency/samples").asLong(),
            json.get("latency").toString());
        assertEquals(reference.get("results"), json.get("results"));
        assertEquals(reference.at("/counts/kept").asLong(), json.at("/counts/kept").asLong());
        assertEquals(50_000, json.at("/latency/offeredRate").asLong());
        assertEquals(0, json.at("/latency/negativeSamples").asLong());
        assertEquals(json.at("/latency/samples").asLong(), loggedSamples(log));
        // one transit sample per raw line frame on the ingest-to-parse edge: some, and no more than parse received
        final long transitSamples = json.at("/transit/ingest->parse/samples").asLong();
        assertEquals("parse", json.at("/stages/1/stage").asText());
        assertTrue(transitSamples > 0 && transitSamples <= json.at("/stages/1/framesIn").asLong(), json.toString());
        assertTrue(launcher.stdout().contains("transit ingest->parse (frame commit -> poll, per frame): samples="),
            launcher.output());
    }

    @Test
    void shouldSpreadAStallOfTheAggregateOverTheEventsQueuedBehindIt() throws Exception
    {
        final Path summary = workDir.resolve("stall.json");
        final long rate = 50_000;

        final LauncherProcess launcher = LauncherProcess.run(workDir, List.of("--transport", "aeron-ipc",
            "--events", "75000", "--rate", Long.toString(rate), "--warmup-events", "0", "--batch", "100",
            "--summary", summary.toString(),
            "--stage-jvm-option", "aggregate:-Deventpipe.fault.stage=aggregate",
            "--stage-jvm-option", "aggregate:-Deventpipe.fault.action=stall",
            "--stage-jvm-option", "aggregate:-Deventpipe.fault.every=20000"), RUN_DEADLINE_SECONDS);

        assertRateOutcome(launcher);
        final JsonNode latency = new ObjectMapper().readTree(summary.toFile()).get("latency");
        assertTrue(latency.at("/micros/max").asDouble() >= 100_000, latency.toString());
        // the events due in the first half of the stall waited at least half of it: 2,500 of ~44,000 kept, > 1 %
        assertTrue(latency.at("/micros/p99").asDouble() >= 50_000, latency.toString());
    }

    private static void assertRateOutcome(final LauncherProcess launcher) throws Exception
    {
        final int status = launcher.exitValue();
        assertTrue(ExitCodes.OK == status || ExitCodes.RATE_NOT_ACHIEVED == status, launcher.output());
        assertTrue(launcher.stdout().contains("latency (intended send time -> aggregate applied, every event past " +
            "the warm-up): samples="), launcher.output());
        assertEquals(ExitCodes.RATE_NOT_ACHIEVED == status,
            launcher.stdout().contains("target rate not achieved: offered "), launcher.output());
    }

    /**
     * The monolith in throughput mode recording every event past the same warm-up: the samples and results a paced
     * split run must match.
     */
    private JsonNode monolithReference() throws Exception
    {
        final Path summary = workDir.resolve("reference.json");
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        final int status = MonolithCommand.execute(new String[]{ "--events", Long.toString(EVENTS),
            "--warmup-events", Long.toString(WARMUP), "--latency-sample", "1", "--summary", summary.toString() },
            print, print);
        assertEquals(ExitCodes.OK, status, out.toString(StandardCharsets.UTF_8));
        return new ObjectMapper().readTree(Files.readString(summary));
    }

    private static long loggedSamples(final Path log) throws Exception
    {
        long total = 0;
        final HistogramLogReader reader = new HistogramLogReader(log.toFile());
        EncodableHistogram interval;
        while (null != (interval = reader.nextIntervalHistogram()))
        {
            total += ((org.HdrHistogram.Histogram)interval).getTotalCount();
        }
        return total;
    }
}
