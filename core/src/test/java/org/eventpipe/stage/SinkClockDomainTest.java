package org.eventpipe.stage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.eventpipe.codec.EndOfStreamCounts;
import org.eventpipe.codec.StageId;
import org.eventpipe.codec.StageMetricsSnapshot;
import org.eventpipe.handler.AggregateResults;
import org.eventpipe.metrics.ClockDomain;
import org.eventpipe.metrics.LatencyRecorder;
import org.eventpipe.metrics.RejectSink;
import org.eventpipe.metrics.RunSummary;
import org.eventpipe.model.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sink computes a figure from two stages' nanoTime stamps only where both stages share a clock domain (one boot
 * of one kernel): here ingest and parse run on "host A", rules and aggregate on "host B", with no second host needed.
 * End-to-end throughput and latency and the parse->rules transit are then reported as not comparable, with both boot
 * ids; the transit of the edges within one host and every per-stage figure stay.
 */
final class SinkClockDomainTest
{
    private static final ClockDomain HOST_A = new ClockDomain(0xaaaaaaaa_11111111L, 1);
    private static final ClockDomain HOST_B = new ClockDomain(0xbbbbbbbb_22222222L, 2);
    private static final String ACROSS_HOSTS =
        "not comparable across hosts (clock domains differ: ingest on boot aaaaaaaa, aggregate on boot bbbbbbbb)";

    @TempDir
    Path dir;

    @Test
    void shouldReportEndToEndFiguresAsNotComparableWhenIngestAndAggregateAreOnDifferentHosts() throws IOException
    {
        final SplitRunOutcome outcome = run(0, HOST_A, HOST_A, HOST_B, HOST_B);
        final String report = outcome.report();

        assertTrue(report.contains("throughput: " + ACROSS_HOSTS + "\n"), report);
        assertTrue(report.contains("events sampled): " + ACROSS_HOSTS + "\n"), report);
        assertTrue(report.contains("transit parse->rules (frame commit -> poll, per frame): not comparable across " +
            "hosts (clock domains differ: parse on boot aaaaaaaa, rules on boot bbbbbbbb)"), report);
        assertTrue(report.contains("transit ingest->parse (frame commit -> poll, per frame): samples=10 "), report);
        assertTrue(report.contains("transit rules->aggregate (frame commit -> poll, per frame): samples=10 "), report);
        assertFalse(report.contains("M events/s"), report);
        for (final String stage : List.of("ingest", "parse", "rules", "aggregate", "sink"))
        {
            assertTrue(report.lines().anyMatch((line) -> line.startsWith("  " + stage + " ")), report);
        }
        assertTrue(report.contains("checks: OK"), report);
        assertEquals(0, outcome.windowNanos());
        assertNull(outcome.latency());
        assertEquals(Set.of("ingest->parse", "rules->aggregate"), outcome.transit().keySet());
        assertEquals(Set.of("throughput", "latency", "transit parse->rules"), outcome.notComparable().keySet());
        assertFalse(report.contains("stamped later"), report);

        final JsonNode summary = summary(outcome);
        assertTrue(summary.at("/window/eventsPerSecond").isNull(), summary.toString());
        assertEquals(ACROSS_HOSTS, summary.at("/window/notComparable").asText());
        assertTrue(summary.at("/latency/micros").isNull(), summary.toString());
        assertEquals(ACROSS_HOSTS, summary.at("/latency/notComparable").asText());
        assertTrue(summary.at("/transit/parse->rules/micros").isNull(), summary.toString());
        assertEquals(10, summary.at("/transit/ingest->parse/samples").asLong(), summary.toString());
        assertEquals(5, summary.at("/stages").size(), summary.toString());
    }

    @Test
    void shouldGiveEveryFigureWhenAllStagesShareOneClock() throws IOException
    {
        final SplitRunOutcome outcome = run(0, HOST_A, HOST_A, HOST_A, HOST_A);
        final String report = outcome.report();

        assertFalse(report.contains("not comparable"), report);
        assertTrue(report.contains("latency samples stamped later than the aggregate's clock (recorded as 0): 5\n"),
            report);
        assertTrue(report.contains("throughput: ") && report.contains(" M events/s (5 events, first ingested to " +
            "last applied"), report);
        assertTrue(report.contains("events sampled): samples=10 "), report);
        assertEquals(Set.of("ingest->parse", "parse->rules", "rules->aggregate"), outcome.transit().keySet());
        assertTrue(outcome.notComparable().isEmpty());
        assertNotNull(outcome.latency());
        assertEquals(9_000, outcome.windowNanos());

        final JsonNode summary = summary(outcome);
        assertTrue(summary.at("/window/eventsPerSecond").isNumber(), summary.toString());
        assertTrue(summary.at("/window/notComparable").isMissingNode(), summary.toString());
        assertEquals(10, summary.at("/latency/samples").asLong(), summary.toString());
    }

    @Test
    void shouldKeepTheWarmedUpThroughputWhichTheAggregateTimesAloneAcrossHosts()
    {
        final SplitRunOutcome outcome = run(2, HOST_A, HOST_A, HOST_B, HOST_B);
        final String report = outcome.report();

        assertTrue(report.contains(" M events/s (3 events, after a warm-up of 2 lines"), report);
        assertTrue(report.contains("events sampled): " + ACROSS_HOSTS + "\n"), report);
        assertEquals(Set.of("latency", "transit parse->rules"), outcome.notComparable().keySet());
    }

    @Test
    void shouldNameTheNegativeLatencySamplesTheAggregateCounted()
    {
        final SinkStep sink = new SinkStep(RejectSink.NONE, new StageMetricsRecorder(), 16, "sink under test");
        sendMetrics(sink, StageId.INGEST, HOST_A, 0);
        sendMetrics(sink, StageId.PARSE, HOST_A, 0);
        sendMetrics(sink, StageId.RULES, HOST_A, 0);
        sendMetrics(sink, StageId.AGGREGATE, HOST_A, 3);

        final SplitRunOutcome outcome = end(sink);

        assertEquals(3, outcome.negativeLatencySamples());
        assertTrue(outcome.report().contains(
            "latency samples stamped later than the aggregate's clock (recorded as 0): 3\n"), outcome.report());
    }

    @Test
    void shouldReadThisHostsBootIdOrFallBackToARandomDomainPerProcess() throws IOException
    {
        final Path bootId = dir.resolve("boot_id");
        java.nio.file.Files.writeString(bootId, "3f2a9c1e-0b1c-4d2e-8f3a-1234567890ab\n");
        final ClockDomain read = ClockDomain.read(bootId);
        assertEquals("3f2a9c1e", read.id8());
        assertTrue(read.sameAs(ClockDomain.read(bootId)));

        final ClockDomain missing = ClockDomain.read(dir.resolve("nonesuch"));
        assertFalse(missing.sameAs(ClockDomain.read(dir.resolve("nonesuch"))), "a fallback is never shared");
        assertNull(ClockDomain.notComparable("a", read, "b", ClockDomain.read(bootId)));
    }

    private static SplitRunOutcome run(
        final long warmupEvents, final ClockDomain ingest, final ClockDomain parse, final ClockDomain rules,
        final ClockDomain aggregate)
    {
        final SinkStep sink = new SinkStep(RejectSink.NONE, new StageMetricsRecorder(), 16, "sink under test")
            .warmupEvents(warmupEvents);
        sendMetrics(sink, StageId.INGEST, ingest, 0);
        sendMetrics(sink, StageId.PARSE, parse, 0);
        sendMetrics(sink, StageId.RULES, rules, 0);
        sendMetrics(sink, StageId.AGGREGATE, aggregate, 5);
        return end(sink);
    }

    private static SplitRunOutcome end(final SinkStep sink)
    {
        final long[] counts = new long[EventType.count()];
        final long[] sums = new long[EventType.count()];
        counts[EventType.CLICK.code()] = 5;
        sums[EventType.CLICK.code()] = 50;
        sink.onResults(new AggregateResults(counts, sums));
        final EndOfStreamCounts upstream = new EndOfStreamCounts().linesRead(5).blankLines(0).accepted(5)
            .rejected(0).filtered(0).kept(5).failed(0);
        sink.onUpstreamEnd(upstream, new EndOfStreamCounts());
        return sink.outcome();
    }

    /**
     * Metrics of one stage as its frame carries them: first and last event 1,000 and 10,000 ns on its own clock,
     * ten transit samples of its input edge (not ingest), ten latency samples at the aggregate.
     */
    private static void sendMetrics(
        final SinkStep sink, final StageId stage, final ClockDomain clock, final long negativeSamples)
    {
        final StageMetricsSnapshot snapshot = new StageMetricsSnapshot().stage(stage).wallNanos(20_000)
            .processingNanos(5_000).framesIn(3).eventsIn(5).framesOut(3).eventsOut(5)
            .firstEventNanos(1_000).lastEventNanos(10_000).clockDomain(clock.high(), clock.low())
            .negativeLatencySamples(negativeSamples);
        final Histogram histogram = new Histogram(LatencyRecorder.HIGHEST_TRACKABLE_NANOS, 3);
        for (int i = 1; i <= 10; i++)
        {
            histogram.recordValue(i * 1_000L);
        }
        if (StageId.INGEST != stage)
        {
            snapshot.captureTransitHistogram(histogram);
        }
        if (StageId.AGGREGATE == stage)
        {
            snapshot.captureLatencyHistogram(histogram);
        }
        sink.onStageMetrics(snapshot);
    }

    private JsonNode summary(final SplitRunOutcome outcome) throws IOException
    {
        final RunSummary summary = new RunSummary("split")
            .window("ingest sent first event -> aggregate applied last", 0, outcome.measuredEvents(),
                outcome.windowNanos())
            .latency(outcome.latency(), 16)
            .transit(outcome.transit())
            .notComparable(outcome.notComparable());
        for (final StageReport stage : outcome.stages())
        {
            summary.stage(new RunSummary.StageShare(stage.stage(), stage.wallNanos(), stage.processingNanos(),
                stage.sendingNanos(), stage.waitingNanos(), stage.framesIn(), stage.eventsIn(), stage.framesOut(),
                stage.eventsOut(), stage.backPressureRetries()));
        }
        final Path file = dir.resolve("summary.json");
        summary.write(file);
        return new ObjectMapper().readTree(file.toFile());
    }
}
