package org.eventpipe.monolith;

import java.io.IOException;
import java.util.Set;

import org.HdrHistogram.Histogram;
import org.eventpipe.fault.FaultConfiguration;
import org.eventpipe.fault.FaultInjection;
import org.eventpipe.metrics.RejectSink;
import org.eventpipe.metrics.RunResult;
import org.eventpipe.model.EventType;
import org.eventpipe.pacing.IngestPacer;
import org.eventpipe.workload.EventGenerator;
import org.eventpipe.workload.Workloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monolith's latency mode: every measured event is recorded once, from its intended send time, the results are
 * those of a throughput run, and a stall of the aggregate shows in the latency of every event queued behind it.
 * Nothing here depends on how fast the machine is.
 */
@Timeout(60)
final class PacedMonolithTest
{
    private static final long SEED = 42;
    private static final int USERS = 1_000;
    private static final long STALL_NANOS = FaultConfiguration.STALL_MS_DEFAULT * 1_000_000L;

    @Test
    void shouldRecordOneSamplePerMeasuredEventAndMatchTheThroughputRun() throws IOException
    {
        final long events = 100_000;
        final long warmup = 20_000;
        final RunResult unpaced = new MonolithPipeline(settings(16_384), RejectSink.NONE)
            .run(new EventGenerator(SEED, USERS, events));
        final MonolithPipeline paced = new MonolithPipeline(settings(16_384), RejectSink.NONE)
            .warmupEvents(warmup)
            .pacing(new IngestPacer(50_000, 1));

        final RunResult result = paced.run(new EventGenerator(SEED, USERS, events));

        assertEquals(events - warmup, result.latency().getTotalCount());
        assertEquals(1, result.latencySampleInterval());
        assertEquals(unpaced.results().toJsonLines(), result.results().toJsonLines());
        assertEquals(unpaced.counts().summary(), result.counts().summary());
        assertTrue(result.problems().isEmpty(), result.problems().toString());
        assertEquals(events, paced.pacingOutcome().events());
        assertEquals(0, paced.negativeLatencySamples());
    }

    @Test
    void shouldSpreadAStallOverEveryEventThatShouldHaveBeenSentDuringIt() throws IOException
    {
        final long rate = 50_000;
        final long events = 75_000;
        final long stallAtEvent = 40_000;
        // a small ring: the stall soon blocks ingest, which is where an uncorrected measurement would omit it
        final PipelineSettings settings = settings(256);
        final MonolithPipeline pipeline = MonolithPipeline.withFault(settings, Workloads.events(), RejectSink.NONE,
            FaultInjection.of("aggregate", "stall", stallAtEvent)).pacing(new IngestPacer(rate, 1));

        final RunResult result = pipeline.run(new EventGenerator(SEED, USERS, events));

        final Histogram latency = result.latency();
        assertEquals(events, latency.getTotalCount());
        assertTrue(latency.getMaxValue() >= STALL_NANOS, "max " + latency.getMaxValue());
        // events due in the first half of the stall are applied after it: each waited at least half of it
        final long halfStall = STALL_NANOS / 2;
        final long atLeastHalf = latency.getCountBetweenValues(halfStall, latency.getMaxValue());
        final long dueInFirstHalf = rate * halfStall / 1_000_000_000L;
        assertTrue(atLeastHalf >= dueInFirstHalf, atLeastHalf + " samples of at least half the stall");
        assertTrue(latency.getValueAtPercentile(99.0) >= halfStall, "p99 " + latency.getValueAtPercentile(99.0));
        assertTrue(result.problems().isEmpty(), result.problems().toString());
    }

    private static PipelineSettings settings(final int ringSize)
    {
        return new PipelineSettings(MonolithConfiguration.WAIT_STRATEGY_DEFAULT, ringSize,
            MonolithConfiguration.INGEST_BATCH_DEFAULT, 1024, MonolithConfiguration.LATENCY_SAMPLE_DEFAULT,
            Set.<EventType>of());
    }
}
