package org.eventpipe.stage;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;

import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.eventpipe.bridge.Edge;
import org.eventpipe.bridge.injvm.InJvmChannel;
import org.eventpipe.codec.EndOfStreamCounts;
import org.eventpipe.codec.FrameEncoder;
import org.eventpipe.codec.StageId;
import org.eventpipe.codec.StageMetricsSnapshot;
import org.eventpipe.fault.FaultInjection;
import org.eventpipe.handler.AggregateResults;
import org.eventpipe.model.EventType;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.model.RejectReason;
import org.eventpipe.testing.RecordingRejectSink;
import org.eventpipe.workload.Workloads;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sink fed crafted frame sequences on its input edge, each differing from a consistent run in one count: every
 * check of {@link SinkStageAgent} is seen to fail, its report says {@code checks: FAILED} and names the problem with
 * its numbers, and the outcome's problem list is exactly that problem.
 * <p>
 * The consistent run: 12 lines read, 1 blank, 8 accepted by parse (5 kept, 3 filtered by rules), 3 rejected by parse,
 * no failure; the aggregates hold 4 clicks and 1 purchase.
 */
final class SinkChecksTest
{
    private static final int MAX_DUTY_CYCLES = 1_000;

    private final FrameEncoder encoder = new FrameEncoder();
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[1 << 16]);
    private final InJvmChannel input = new InJvmChannel("aggregate-sink");
    private final RecordingRejectSink rejects = new RecordingRejectSink();
    private final StageMetricsRecorder sinkMetrics = new StageMetricsRecorder();
    private final SinkStep sinkStep = new SinkStep(rejects, sinkMetrics, 16, "sink under test");
    private final StageAgent sink = StageAgent.sink(input, sinkStep, sinkMetrics,
        new StageSettings(0, 256, 0, "no-op", 16, 10_000, 1024, 16, EnumSet.of(EventType.VIEW)), Workloads.events());
    private long sequence;
    private long framesSent;
    private long eventsSent;

    @Test
    void shouldReportOkForConsistentRun()
    {
        sendRejects(3);
        sendAllMetrics();
        sendResults(4, 1);
        sendEndOfStream(consistentCounts());

        final SplitRunOutcome outcome = runToEnd();

        assertEquals(List.of(), outcome.problems());
        assertTrue(outcome.report().contains("checks: OK"), outcome.report());
        assertTrue(outcome.report().contains("lines: read=12 blank=1 accepted=8 (kept=5 filtered=3) rejected=3 " +
            "failed=0"), outcome.report());
        assertEquals(3, rejects.rejects.size());
    }

    @Test
    void shouldFailWhenALineReadIsAccountedForNowhere()
    {
        sendRejects(3);
        sendAllMetrics();
        sendResults(4, 1);
        sendEndOfStream(consistentCounts().linesRead(13));

        assertFailedWith(runToEnd(), "lines read 13 != blank 1 + kept 5 + filtered 3 + rejected 3 + failed 0");
    }

    @Test
    void shouldFailWhenTheAggregatesMissAKeptEvent()
    {
        sendRejects(3);
        sendAllMetrics();
        sendResults(3, 1);
        sendEndOfStream(consistentCounts());

        assertFailedWith(runToEnd(), "aggregated events 4 != kept 5");
    }

    @Test
    void shouldFailWhenTheAggregatesHoldAnEventTwice()
    {
        sendRejects(3);
        sendAllMetrics();
        sendResults(4, 2);
        sendEndOfStream(consistentCounts());

        assertFailedWith(runToEnd(), "aggregated events 6 != kept 5");
    }

    @Test
    void shouldFailWhenARejectCountedByParseNeverArrived()
    {
        sendRejects(2);
        sendAllMetrics();
        sendResults(4, 1);
        sendEndOfStream(consistentCounts());

        assertFailedWith(runToEnd(),
            "lines read 12 != blank 1 + kept 5 + filtered 3 + rejected 2 + failed 0",
            "rejects received 2 != rejected by parse 3");
    }

    @Test
    void shouldFailWhenRulesAccountsForFewerEventsThanParseAccepted()
    {
        sendRejects(3);
        sendAllMetrics();
        sendResults(4, 1);
        sendEndOfStream(consistentCounts().accepted(9));

        assertFailedWith(runToEnd(), "accepted by parse 9 != kept 5 + filtered 3 by rules");
    }

    @Test
    void shouldFailWhenAnEventFailedInAHandler()
    {
        sendRejects(3);
        sendAllMetrics();
        sendResults(4, 1);
        sendEndOfStream(consistentCounts().linesRead(14).accepted(10).failed(2));

        final SplitRunOutcome outcome = runToEnd();

        assertFailedWith(outcome, "2 event(s) failed in a handler");
        assertTrue(outcome.report().contains("failed=2"), outcome.report());
    }

    @Test
    void shouldFailWhenTheMetricsOfAStageAreMissing()
    {
        sendRejects(3);
        sendMetrics(StageId.INGEST);
        sendMetrics(StageId.PARSE);
        sendMetrics(StageId.AGGREGATE);
        sendResults(4, 1);
        sendEndOfStream(consistentCounts());

        assertFailedWith(runToEnd(), "no metrics arrived from stage rules");
    }

    @Test
    void shouldFailWhenEndOfStreamArrivesWithoutResults()
    {
        sendRejects(3);
        sendAllMetrics();
        sendEndOfStream(consistentCounts());

        final StageFailure failure = runUntilFailure();

        assertEquals("stage sink: end of stream arrived without results from stage aggregate", failure.getMessage());
        assertNull(sinkStep.outcome());
    }

    @Test
    void shouldFailOnSecondResultsFrame()
    {
        sendRejects(3);
        sendAllMetrics();
        sendResults(4, 1);
        sendResults(4, 1);
        sendEndOfStream(consistentCounts());

        final StageFailure failure = runUntilFailure();

        assertEquals("stage sink: a second results frame arrived", failure.getMessage());
        assertNull(sinkStep.outcome());
    }

    @Test
    void shouldFailOnLatencyHistogramThatCannotBeDecoded()
    {
        final StageMetricsSnapshot metrics = new StageMetricsSnapshot().stage(StageId.AGGREGATE);
        final byte[] garbage = "not a histogram".getBytes(StandardCharsets.US_ASCII);
        metrics.latencyHistogram(garbage, garbage.length);
        send(encoder.encodeStageMetrics(frame, 0, StageId.AGGREGATE, sequence, metrics), 0);

        final StageFailure failure = runUntilFailure();

        assertEquals("stage sink: cannot decode the histograms of stage aggregate", failure.getMessage());
    }

    /**
     * The aggregate stage throws on 2 of the 5 kept events it is sent: they are counted as failed, not lost, and
     * the sink's report names only the failure.
     */
    @Test
    void shouldCountEventsTheAggregateThrowsOnAsFailedAndNotAsLost()
    {
        final InJvmChannel keptEdge = new InJvmChannel("rules-aggregate");
        final StageMetricsRecorder aggregateMetrics = new StageMetricsRecorder();
        final StageSettings settings = new StageSettings(0, 256, 0, "no-op", 16, 10_000, 1024, 16,
            EnumSet.of(EventType.VIEW));
        final StageAgent aggregate = StageAgent.aggregate(keptEdge, new EdgePublisher("aggregate",
            Edge.AGGREGATE_TO_SINK, input, new NoOpIdleStrategy(), 10_000, aggregateMetrics), aggregateMetrics,
            settings, FaultInjection.of("aggregate", "throw", 2), 0, Workloads.events());
        final PipelineEvent[] kept = new PipelineEvent[5];
        for (int i = 0; i < kept.length; i++)
        {
            kept[i] = new PipelineEvent();
            kept[i].setDecoded(i + 1, 0, 7, EventType.CLICK, 10, 1_700_000_000_000L);
        }
        int rulesFrame = 0;
        assertTrue(keptEdge.offer(frame, 0, encoder.encodeParsedBatch(frame, 0, StageId.RULES, rulesFrame++, kept,
            kept.length)) >= 0);
        for (final StageId stage : new StageId[]{ StageId.INGEST, StageId.PARSE, StageId.RULES })
        {
            final StageMetricsSnapshot metrics = new StageMetricsSnapshot().stage(stage).wallNanos(1_000);
            assertTrue(keptEdge.offer(frame, 0, encoder.encodeStageMetrics(frame, 0, StageId.RULES, rulesFrame++,
                metrics)) >= 0);
        }
        final EndOfStreamCounts rulesCounts = new EndOfStreamCounts().linesRead(6).blankLines(0).accepted(6)
            .rejected(0).filtered(1).kept(5).failed(0).framesSent(rulesFrame).eventsSent(kept.length);
        assertTrue(keptEdge.offer(frame, 0, encoder.encodeEndOfStream(frame, 0, StageId.RULES, rulesFrame,
            rulesCounts)) >= 0);

        aggregate.onStart();
        assertThrows(AgentTerminationException.class, () ->
        {
            for (int i = 0; i < MAX_DUTY_CYCLES; i++)
            {
                aggregate.doWork();
            }
        });
        final SplitRunOutcome outcome = runToEnd();

        assertEquals(3, ((AggregateResults)outcome.results()).count(EventType.CLICK));
        assertTrue(outcome.report().contains("lines: read=6 blank=0 accepted=4 (kept=3 filtered=1) rejected=0 " +
            "failed=2"), outcome.report());
        assertFailedWith(outcome, "2 event(s) failed in a handler");
    }

    private static EndOfStreamCounts consistentCounts()
    {
        return new EndOfStreamCounts().linesRead(12).blankLines(1).accepted(8).rejected(3).filtered(3).kept(5)
            .failed(0);
    }

    private void sendRejects(final int count)
    {
        final PipelineEvent[] events = new PipelineEvent[count];
        for (int i = 0; i < count; i++)
        {
            final byte[] line = ("bad line " + i).getBytes(StandardCharsets.US_ASCII);
            events[i] = new PipelineEvent();
            events[i].setLine(line, 0, line.length, 1024, 2 + i);
            events[i].reject(RejectReason.MALFORMED_JSON);
        }
        send(encoder.encodeRejectBatch(frame, 0, StageId.AGGREGATE, sequence, events, count), count);
    }

    private void sendAllMetrics()
    {
        sendMetrics(StageId.INGEST);
        sendMetrics(StageId.PARSE);
        sendMetrics(StageId.RULES);
        sendMetrics(StageId.AGGREGATE);
    }

    private void sendMetrics(final StageId stage)
    {
        final StageMetricsSnapshot metrics = new StageMetricsSnapshot().stage(stage).wallNanos(1_000)
            .firstEventNanos(1).lastEventNanos(2);
        send(encoder.encodeStageMetrics(frame, 0, StageId.AGGREGATE, sequence, metrics), 0);
    }

    private void sendResults(final long clicks, final long purchases)
    {
        final long[] counts = new long[EventType.count()];
        final long[] sums = new long[EventType.count()];
        counts[EventType.CLICK.code()] = clicks;
        sums[EventType.CLICK.code()] = 10 * clicks;
        counts[EventType.PURCHASE.code()] = purchases;
        sums[EventType.PURCHASE.code()] = 7 * purchases;
        send(encoder.encodeResults(frame, 0, StageId.AGGREGATE, sequence, new AggregateResults(counts, sums)), 0);
    }

    /**
     * End the stream with counts of the run, the frames and events sent on the edge filled in as sent.
     */
    private void sendEndOfStream(final EndOfStreamCounts counts)
    {
        counts.framesSent(framesSent).eventsSent(eventsSent);
        assertTrue(input.offer(frame, 0, encoder.encodeEndOfStream(frame, 0, StageId.AGGREGATE, sequence, counts))
            >= 0);
        sequence++;
    }

    private void send(final int length, final int eventCount)
    {
        assertTrue(input.offer(frame, 0, length) >= 0);
        sequence++;
        framesSent++;
        eventsSent += eventCount;
    }

    private SplitRunOutcome runToEnd()
    {
        sink.onStart();
        final AgentTerminationException end = assertThrows(AgentTerminationException.class, () ->
        {
            for (int i = 0; i < MAX_DUTY_CYCLES; i++)
            {
                sink.doWork();
            }
        });
        assertNull(end.getCause());
        assertNotNull(sinkStep.outcome(), "the sink ended without an outcome");
        return sinkStep.outcome();
    }

    private StageFailure runUntilFailure()
    {
        sink.onStart();
        return assertThrows(StageFailure.class, () ->
        {
            for (int i = 0; i < MAX_DUTY_CYCLES; i++)
            {
                sink.doWork();
            }
        });
    }

    private static void assertFailedWith(final SplitRunOutcome outcome, final String... problems)
    {
        assertEquals(List.of(problems), outcome.problems(), outcome.report());
        final String report = outcome.report();
        assertTrue(report.contains("checks: FAILED\n"), report);
        assertTrue(!report.contains("checks: OK"), report);
        for (final String problem : problems)
        {
            assertTrue(report.contains("FAILED: " + problem + "\n"), report);
        }
    }
}
