package org.eventpipe.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eventpipe.cli.MonolithCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class RunSummaryTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "disruptor", "jdk" })
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldWriteTheCountsResultsWindowAndEveryCheckOfAMonolithRun(final String queue) throws IOException
    {
        final Path summary = dir.resolve("run.json");
        final Path results = dir.resolve("results.jsonl");
        final Path histogram = dir.resolve("run.hgrm");

        assertEquals(0, run("--events", "10000", "--summary", summary.toString(), "--results", results.toString(),
            "--histogram", histogram.toString(), "--queue", queue), err());

        final JsonNode json = MAPPER.readTree(summary.toFile());
        assertEquals(RunSummary.FORMAT, json.get("format").asText());
        assertEquals("monolith", json.get("kind").asText());
        assertEquals(queue, json.at("/configuration/queue").asText());
        assertTrue(json.get("passed").asBoolean());
        assertEquals(10_000, json.at("/counts/linesRead").asLong());
        assertEquals(json.at("/counts/kept").asLong() + json.at("/counts/filtered").asLong(),
            json.at("/counts/accepted").asLong());
        assertEquals(10_000, json.at("/window/events").asLong());
        assertTrue(json.at("/window/nanos").asLong() > 0);
        assertEquals(histogram.toAbsolutePath().toString(), json.at("/files/histogram").asText());
        assertEquals(2, json.get("checks").size());
        assertTrue(json.at("/latency/micros/p99").asDouble() > 0);

        long kept = 0;
        for (final JsonNode line : MAPPER.readerFor(JsonNode.class).readValues(results.toFile()).readAll()
            .toArray(new JsonNode[0]))
        {
            final JsonNode entry = findResult(json, line.get("key").asText());
            assertEquals(line.get("count").asLong(), entry.get("count").asLong());
            assertEquals(line.get("sum").asLong(), entry.get("sum").asLong());
            kept += entry.get("count").asLong();
        }
        assertEquals(json.at("/counts/kept").asLong(), kept);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldMeasureOnlyTheLinesAfterTheWarmupAndLeaveTheirLatencyOut() throws IOException
    {
        final Path whole = dir.resolve("whole.json");
        final Path warmed = dir.resolve("warmed.json");

        assertEquals(0, run("--events", "20000", "--latency-sample", "1", "--summary", whole.toString()), err());
        assertEquals(0, run("--events", "20000", "--latency-sample", "1", "--warmup-events", "15000",
            "--summary", warmed.toString()), err());

        final JsonNode wholeJson = MAPPER.readTree(whole.toFile());
        final JsonNode warmedJson = MAPPER.readTree(warmed.toFile());
        assertEquals(15_000, warmedJson.at("/window/warmupEvents").asLong());
        assertEquals(5_000, warmedJson.at("/window/events").asLong());
        assertTrue(warmedJson.at("/window/nanos").asLong() > 0);
        assertEquals(wholeJson.at("/counts/kept").asLong(), wholeJson.at("/latency/samples").asLong());
        assertTrue(warmedJson.at("/latency/samples").asLong() < wholeJson.at("/latency/samples").asLong() / 3,
            "samples " + warmedJson.at("/latency/samples"));
        assertEquals(wholeJson.get("results"), warmedJson.get("results"));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldWriteAFusedSummaryWithoutLatency() throws IOException
    {
        final Path summary = dir.resolve("fused.json");

        assertEquals(0, run("--fused", "--events", "5000", "--warmup-events", "1000", "--summary",
            summary.toString()), err());

        final JsonNode json = MAPPER.readTree(summary.toFile());
        assertEquals("fused", json.get("kind").asText());
        assertEquals(4_000, json.at("/window/events").asLong());
        assertEquals(0, json.at("/latency/samples").asLong());
    }

    @Test
    void shouldRefuseAnUnwritableSummaryBeforeAnyWork()
    {
        final Path missing = dir.resolve("missing").resolve("run.json");

        assertEquals(2, run("--events", "10", "--summary", missing.toString()));
        assertEquals("", out());
        assertEquals(1, err().lines().count(), err());
    }

    @Test
    void shouldRefuseAWarmupAsLongAsTheGeneratedInput()
    {
        assertEquals(2, run("--events", "10", "--warmup-events", "10"));
        assertTrue(err().contains("--warmup-events"), err());
        assertEquals("", out());
    }

    @Test
    void shouldFailTheSummaryOfARunWhoseChecksFail() throws IOException
    {
        final Path summary = dir.resolve("failed.json");
        final RunSummary runSummary = new RunSummary("monolith")
            .check("conservation", false, "aggregated events 2999 != kept 3002")
            .check("handler errors", true, "ignored");
        runSummary.write(summary);

        final JsonNode json = MAPPER.readTree(summary.toFile());
        assertFalse(json.get("passed").asBoolean());
        assertEquals("aggregated events 2999 != kept 3002", json.at("/checks/0/detail").asText());
        assertEquals("", json.at("/checks/1/detail").asText());
    }

    private static JsonNode findResult(final JsonNode json, final String key)
    {
        for (final JsonNode entry : json.get("results"))
        {
            if (key.equals(entry.get("key").asText()))
            {
                return entry;
            }
        }
        throw new AssertionError("no result " + key + " in " + json.get("results"));
    }

    private int run(final String... args)
    {
        outBytes.reset();
        errBytes.reset();
        return MonolithCommand.execute(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
            new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    private String out()
    {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err()
    {
        return errBytes.toString(StandardCharsets.UTF_8);
    }
}
