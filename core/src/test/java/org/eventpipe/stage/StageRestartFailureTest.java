package org.eventpipe.stage;

import java.util.EnumSet;

import org.agrona.concurrent.NoOpIdleStrategy;
import org.eventpipe.bridge.Edge;
import org.eventpipe.bridge.injvm.InJvmChannel;
import org.eventpipe.fault.FaultInjection;
import org.eventpipe.model.EventType;
import org.eventpipe.recovery.StageCheckpoint;
import org.eventpipe.workload.EventGenerator;
import org.eventpipe.workload.Workloads;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A restarted stage refuses to go on when its checkpoint cannot be honoured: a receiving stage whose input cannot be
 * resumed at the checkpoint's position, and an ingest whose input is shorter than what was sent before the restart.
 * A restart after the end of stream was sent does nothing.
 */
final class StageRestartFailureTest
{
    private final StageSettings settings = new StageSettings(0, 256, 0, "no-op", 16, 10_000, 1024, 16,
        EnumSet.of(EventType.VIEW));
    private final StageMetricsRecorder metrics = new StageMetricsRecorder();

    @Test
    void shouldFailRestartWhenInputCannotBeResumedAtCheckpoint()
    {
        final StageCheckpoint last = new StageCheckpoint().input(4096, 3, false, 7, 7, 300).output(5, 6, 290);
        final StageAgent rules = StageAgent.rules(new InJvmChannel("parse-rules"),
            publisher(Edge.RULES_TO_AGGREGATE, new ScriptedFrameSender(1 << 16, 1 << 16).restartingFrom(last)),
            metrics, settings, FaultInjection.NONE, Workloads.events());

        final StageFailure failure = assertThrows(StageFailure.class, () -> rules.recover(new TestDurability()));

        assertEquals("stage rules: cannot resume parse-rules at position 4096 (in-jvm parse-rules)",
            failure.getMessage());
    }

    @Test
    void shouldFailRestartOfIngestWhoseInputIsShorterThanWhatWasSent() throws Exception
    {
        final StageCheckpoint last = new StageCheckpoint().output(2, 3, 20).counter(0, 20).counter(1, 0);
        final ScriptedFrameSender sender = new ScriptedFrameSender(1 << 16, 1 << 16).restartingFrom(last);
        final IngestStageAgent ingest = new IngestStageAgent(new EventGenerator(42, 100, 10),
            publisher(Edge.INGEST_TO_PARSE, sender), metrics, settings);

        final StageFailure failure = assertThrows(StageFailure.class, () -> ingest.recover(sender));

        assertEquals("stage ingest: input generated (seed 42, 100 users, 10 events) has only 10 lines, but 20 were " +
            "sent before the restart", failure.getMessage());
    }

    @Test
    void shouldDoNothingWhenRestartedAfterItsEndOfStreamWasSent()
    {
        final StageCheckpoint last = new StageCheckpoint().output(9, 9, 300).endOfStreamSent();
        final ScriptedFrameSender output = new ScriptedFrameSender(1 << 16, 1 << 16).restartingFrom(last);
        final StageAgent rules = StageAgent.rules(new InJvmChannel("parse-rules"),
            publisher(Edge.RULES_TO_AGGREGATE, output), metrics, settings, FaultInjection.NONE, Workloads.events());

        final String restored = rules.recover(new TestDurability());

        assertTrue(restored.contains("nothing left to do"), restored);
        rules.onStart();
        assertThrows(org.agrona.concurrent.AgentTerminationException.class, rules::doWork);
        assertEquals(0, output.frames().size());
    }

    @Test
    void shouldStartAfreshWhenTheEdgeHoldsNoCheckpoint()
    {
        final StageAgent rules = StageAgent.rules(new InJvmChannel("parse-rules"),
            publisher(Edge.RULES_TO_AGGREGATE, new ScriptedFrameSender(1 << 16, 1 << 16).storingCheckpoints()),
            metrics, settings, FaultInjection.NONE, Workloads.events());

        assertNull(rules.recover(new TestDurability()));
    }

    private EdgePublisher publisher(final Edge edge, final ScriptedFrameSender sender)
    {
        return new EdgePublisher(edge.name().toLowerCase(java.util.Locale.ROOT), edge, sender,
            new NoOpIdleStrategy(), 10_000, metrics);
    }
}
