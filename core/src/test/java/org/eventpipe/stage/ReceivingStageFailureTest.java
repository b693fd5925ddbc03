package org.eventpipe.stage;

import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicReference;

import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.eventpipe.bridge.Edge;
import org.eventpipe.bridge.FrameConsumer;
import org.eventpipe.bridge.FrameReceiver;
import org.eventpipe.bridge.injvm.InJvmChannel;
import org.eventpipe.cli.ExitCodes;
import org.eventpipe.codec.EndOfStreamCounts;
import org.eventpipe.codec.FrameEncoder;
import org.eventpipe.codec.FrameType;
import org.eventpipe.codec.StageId;
import org.eventpipe.fault.FaultInjection;
import org.eventpipe.model.EventType;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.workload.Workloads;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A receiving stage (rules) fed bad input over an in-JVM channel fails with a {@link StageFailure} naming the stage,
 * the edge and the sequence number; the failure is thrown after the transport's poll returns, and no frame after
 * the bad one in the same poll is handled.
 */
final class ReceivingStageFailureTest
{
    private static final int MAX_DUTY_CYCLES = 1_000;

    private final FrameEncoder encoder = new FrameEncoder();
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[1 << 16]);
    private final PipelineEvent[] events = new PipelineEvent[8];
    private final StageMetricsRecorder metrics = new StageMetricsRecorder();
    private InJvmChannel input;
    private ScriptedFrameSender output;
    private StageAgent rules;

    @BeforeEach
    void createStage()
    {
        for (int i = 0; i < events.length; i++)
        {
            events[i] = new PipelineEvent();
            events[i].setDecoded(i + 1, 0, 9, EventType.CLICK, 1, 1_700_000_000_000L);
        }
        input = new InJvmChannel("parse-rules");
        output = new ScriptedFrameSender(1 << 16, 1 << 16);
        final StageSettings settings = new StageSettings(0, 256, 0, "no-op", 16, 10_000, 1024, 16,
            EnumSet.of(EventType.VIEW));
        rules = StageAgent.rules(input, new EdgePublisher("rules", Edge.RULES_TO_AGGREGATE, output,
            new NoOpIdleStrategy(), 10_000, metrics), metrics, settings, FaultInjection.NONE, Workloads.events());
    }

    @Test
    void shouldFailOnCorruptFrameNamingStageEdgeAndSequence()
    {
        sendParsed(StageId.PARSE, 0, 2);
        final int length = encoder.encodeParsedBatch(frame, 0, StageId.PARSE, 1, events, 3);
        frame.putInt(FrameEncoder.EVENT_COUNT_OFFSET + 4, 0x7fff_ffff);
        input.offer(frame, 0, length - 5);

        final StageFailure failure = runUntilFailure();

        assertContains(failure, "stage rules");
        assertContains(failure, "corrupt frame on edge parse-rules");
        assertContains(failure, "sequence 1 was expected");
        assertEquals(ExitCodes.CORRUPT_FRAME, failure.exitStatus(), "deterministic: not restarted");
        assertEquals(2, metrics.eventsIn());
    }

    @Test
    void shouldFailOnSequenceGapAndHandleNoLaterFrameOfThePoll()
    {
        sendParsed(StageId.PARSE, 0, 2);
        sendParsed(StageId.PARSE, 2, 4);
        sendParsed(StageId.PARSE, 1, 3);

        final StageFailure failure = runUntilFailure();

        assertContains(failure, "stage rules");
        assertContains(failure, "sequence gap on edge parse-rules");
        assertContains(failure, "expected 1, got 2");
        assertEquals(ExitCodes.CORRUPT_FRAME, failure.exitStatus(), "deterministic: not restarted");
        assertEquals(1, metrics.framesIn());
        assertEquals(2, metrics.eventsIn());
    }

    @Test
    void shouldFailOnDuplicatedFrame()
    {
        sendParsed(StageId.PARSE, 0, 2);
        sendParsed(StageId.PARSE, 0, 2);

        final StageFailure failure = runUntilFailure();

        assertContains(failure, "stage rules");
        assertContains(failure, "expected 1, got 0");
        assertEquals(ExitCodes.CORRUPT_FRAME, failure.exitStatus(), "deterministic: not restarted");
        assertEquals(2, metrics.eventsIn());
    }

    @Test
    void shouldFailOnFrameFromWrongStage()
    {
        sendParsed(StageId.INGEST, 0, 2);

        final StageFailure failure = runUntilFailure();

        assertContains(failure, "stage rules");
        assertContains(failure, "frame 0 on edge parse-rules comes from stage INGEST");
        assertEquals(ExitCodes.CORRUPT_FRAME, failure.exitStatus(), "deterministic: not restarted");
    }

    @Test
    void shouldFailWhenEndOfStreamCountsDisagreeWithFramesReceived()
    {
        sendParsed(StageId.PARSE, 0, 2);
        final EndOfStreamCounts counts = new EndOfStreamCounts().framesSent(1).eventsSent(3);
        input.offer(frame, 0, encoder.encodeEndOfStream(frame, 0, StageId.PARSE, 1, counts));

        final StageFailure failure = runUntilFailure();

        assertContains(failure, "stage rules");
        assertContains(failure, "lost or duplicated frames on edge parse-rules");
        assertContains(failure, "sent 1 frames / 3 events, received 1 frames / 2 events");
        assertEquals(ExitCodes.CORRUPT_FRAME, failure.exitStatus(), "deterministic: not restarted");
    }

    @Test
    void shouldFailWhenEndOfStreamCountsMoreFramesThanReceived()
    {
        sendParsed(StageId.PARSE, 0, 2);
        final EndOfStreamCounts counts = new EndOfStreamCounts().framesSent(2).eventsSent(2);
        input.offer(frame, 0, encoder.encodeEndOfStream(frame, 0, StageId.PARSE, 1, counts));

        final StageFailure failure = runUntilFailure();

        assertContains(failure, "lost or duplicated frames on edge parse-rules");
        assertContains(failure, "sent 2 frames / 2 events, received 1 frames / 2 events");
        assertEquals(0, endOfStreamFramesSent());
    }

    @Test
    void shouldFailOnFrameAfterEndOfStreamAndSendNoEndOfStream()
    {
        sendParsed(StageId.PARSE, 0, 2);
        final EndOfStreamCounts counts = new EndOfStreamCounts().framesSent(1).eventsSent(2);
        input.offer(frame, 0, encoder.encodeEndOfStream(frame, 0, StageId.PARSE, 1, counts));
        sendParsed(StageId.PARSE, 2, 1);

        final StageFailure failure = runUntilFailure();

        assertContains(failure, "stage rules");
        assertContains(failure, "frame 2 (ENTRY_BATCH) after the end of stream on edge parse-rules");
        assertEquals(ExitCodes.CORRUPT_FRAME, failure.exitStatus(), "deterministic: not restarted");
        assertEquals(0, endOfStreamFramesSent());
    }

    @Test
    @Timeout(30)
    void shouldFailWhenNoUpstreamConnectsWithinConnectTimeout()
    {
        final StageSettings settings = new StageSettings(0, 256, 0, "no-op", 16, 1, 1024, 16,
            EnumSet.of(EventType.VIEW));
        final StageAgent lonely = StageAgent.rules(new NeverConnectedReceiver(), new EdgePublisher("rules",
            Edge.RULES_TO_AGGREGATE, output, new NoOpIdleStrategy(), 10_000, metrics), metrics, settings,
            FaultInjection.NONE, Workloads.events());

        lonely.onStart();
        final StageFailure failure = assertThrows(StageFailure.class, () ->
        {
            // bounded by the connect timeout of 1 ms, not by a number of duty cycles
            while (true)
            {
                lonely.doWork();
                Thread.onSpinWait();
            }
        });

        assertContains(failure, "stage rules: no upstream stage parse connected on edge parse-rules " +
            "(never connected) within 1 ms");
        assertEquals(ExitCodes.FAILED, failure.exitStatus(), "may not repeat: restarted");
    }

    @Test
    void shouldFailWhenUpstreamGoesAwayBeforeEndOfStream()
    {
        sendParsed(StageId.PARSE, 0, 2);
        input.close();

        final StageFailure failure = runUntilFailure();

        assertContains(failure, "stage rules");
        assertContains(failure, "upstream stage parse went away before its end of stream on edge parse-rules");
        assertContains(failure, "after frame 0");
        assertEquals(2, metrics.eventsIn());
    }

    @Test
    void shouldFinishAfterEndOfStreamEvenWhenUpstreamClosedRightAfterIt()
    {
        sendParsed(StageId.PARSE, 0, 2);
        final EndOfStreamCounts counts = new EndOfStreamCounts().framesSent(1).eventsSent(2);
        input.offer(frame, 0, encoder.encodeEndOfStream(frame, 0, StageId.PARSE, 1, counts));
        input.close();

        rules.onStart();
        final AgentTerminationException end = assertThrows(AgentTerminationException.class, () ->
        {
            for (int i = 0; i < MAX_DUTY_CYCLES; i++)
            {
                rules.doWork();
            }
        });
        assertEquals(null, end.getCause());
        assertEquals(2, metrics.eventsIn());
        assertEquals(2, metrics.eventsOut());
    }

    @Test
    void shouldKeepFailureForExitMessageWhenRunUnderFailFastAgent()
    {
        sendParsed(StageId.PARSE, 0, 2);
        sendParsed(StageId.PARSE, 5, 2);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final StageMain.FailFastAgent agent = new StageMain.FailFastAgent(rules, failure);

        agent.onStart();
        final AgentTerminationException stop = assertThrows(AgentTerminationException.class, () ->
        {
            for (int i = 0; i < MAX_DUTY_CYCLES; i++)
            {
                agent.doWork();
            }
        });

        assertInstanceOf(StageFailure.class, stop.getCause());
        assertNotNull(failure.get());
        assertContains((StageFailure)failure.get(), "expected 1, got 5");
    }

    private long endOfStreamFramesSent()
    {
        return FrameLog.decode(output.frames()).stream()
            .filter((sent) -> sent.type() == FrameType.END_OF_STREAM)
            .count();
    }

    /**
     * A receiver whose sender never connects.
     */
    private static final class NeverConnectedReceiver implements FrameReceiver
    {
        public int poll(final FrameConsumer consumer, final int frameLimit)
        {
            return 0;
        }

        public boolean isConnected()
        {
            return false;
        }

        public boolean isSenderGone()
        {
            return false;
        }

        public String description()
        {
            return "never connected";
        }

        public void close()
        {
        }
    }

    private void sendParsed(final StageId sender, final long sequence, final int count)
    {
        final int length = encoder.encodeParsedBatch(frame, 0, sender, sequence, events, count);
        assertTrue(input.offer(frame, 0, length) >= 0);
    }

    private StageFailure runUntilFailure()
    {
        rules.onStart();
        return assertThrows(StageFailure.class, () ->
        {
            for (int i = 0; i < MAX_DUTY_CYCLES; i++)
            {
                rules.doWork();
            }
        });
    }

    private static void assertContains(final StageFailure failure, final String expected)
    {
        assertTrue(failure.getMessage().contains(expected), failure.getMessage());
    }
}
