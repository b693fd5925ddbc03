package org.eventpipe.stage;

import java.util.EnumSet;
import java.util.List;

import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.eventpipe.bridge.Edge;
import org.eventpipe.codec.FrameEncoder;
import org.eventpipe.codec.FrameType;
import org.eventpipe.codec.StageId;
import org.eventpipe.model.EventType;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.support.TestEvents;
import org.eventpipe.workload.events.EventEntryCodec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * When a {@link StageOutput} sends: a partial batch only on the end-of-poll signal (adaptive batching, with the input
 * drained), a full one at the next append, and with checkpoints the pending batches before a forwarded frame.
 */
final class StageOutputTest
{
    private final StageMetricsRecorder metrics = new StageMetricsRecorder();
    private final ScriptedFrameSender sender = new ScriptedFrameSender(1 << 16, 1 << 16);

    @Test
    void shouldSendPartialAdaptiveBatchOnlyWhenThePollDrainedTheInput()
    {
        final StageOutput output = output(0);
        final EventBatcher kept = output.batcher(EventBatcher.Kind.ENTRIES, EventEntryCodec.INSTANCE);
        append(kept, 1);
        append(kept, 2);

        assertEquals(0, output.onEndOfPoll(false));
        assertEquals(0, sender.frames().size());

        assertEquals(1, output.onEndOfPoll(true));
        final List<FrameLog.Frame> frames = FrameLog.decode(sender.frames());
        assertEquals(1, frames.size());
        assertEquals(List.of(1L, 2L), frames.get(0).lineNumbers());
        assertEquals(0, output.onEndOfPoll(true), "nothing pending: no empty frame");
    }

    @Test
    void shouldNotSendPartialFixedBatchAtEndOfPoll()
    {
        final StageOutput output = output(3);
        final EventBatcher kept = output.batcher(EventBatcher.Kind.ENTRIES, EventEntryCodec.INSTANCE);
        for (int line = 1; line <= 4; line++)
        {
            append(kept, line);
        }

        assertEquals(0, output.onEndOfPoll(true));
        final List<FrameLog.Frame> frames = FrameLog.decode(sender.frames());
        assertEquals(1, frames.size(), "only the full batch went, at the fourth append");
        assertEquals(List.of(1L, 2L, 3L), frames.get(0).lineNumbers());

        output.flush();
        assertEquals(List.of(4L), FrameLog.decode(sender.frames()).get(1).lineNumbers());
    }

    @Test
    void shouldSendPendingBatchesBeforeForwardedFrameWhenKeepingCheckpoints()
    {
        final StageOutput output = output(100);
        final EventBatcher kept = output.batcher(EventBatcher.Kind.ENTRIES, EventEntryCodec.INSTANCE);
        final int[] boundaries = new int[1];
        output.keepCheckpoints(() -> boundaries[0]++);
        append(kept, 1);

        forwardReject(output, 2);

        final List<FrameLog.Frame> frames = FrameLog.decode(sender.frames());
        assertEquals(2, frames.size());
        assertEquals(FrameType.ENTRY_BATCH, frames.get(0).type());
        assertEquals(FrameType.REJECT_BATCH, frames.get(1).type());
        assertEquals(StageId.RULES, frames.get(1).sender());
        assertEquals(1, boundaries[0]);
    }

    @Test
    void shouldForwardWithoutSendingPendingBatchWhenKeepingNoCheckpoints()
    {
        final StageOutput output = output(100);
        final EventBatcher kept = output.batcher(EventBatcher.Kind.ENTRIES, EventEntryCodec.INSTANCE);
        append(kept, 1);

        forwardReject(output, 2);

        final List<FrameLog.Frame> frames = FrameLog.decode(sender.frames());
        assertEquals(1, frames.size());
        assertEquals(FrameType.REJECT_BATCH, frames.get(0).type());
        assertEquals(1, kept.size());
    }

    private StageOutput output(final int batch)
    {
        final StageSettings settings = new StageSettings(batch, 256, 0, "no-op", 16, 10_000, 1024, 16,
            EnumSet.of(EventType.VIEW));
        final EdgePublisher publisher = new EdgePublisher("rules", Edge.RULES_TO_AGGREGATE, sender,
            new NoOpIdleStrategy(), 1_000, metrics);
        return new StageOutput(StageId.RULES, publisher, metrics, settings);
    }

    private static void append(final EventBatcher batcher, final long lineNumber)
    {
        batcher.append(TestEvents.decoded(lineNumber, 0, 7, EventType.CLICK, 3, 1_700_000_000_000L));
    }

    private static void forwardReject(final StageOutput output, final long lineNumber)
    {
        final PipelineEvent reject = new PipelineEvent();
        reject.setLine(new byte[]{ 'x' }, 0, 1, 1, lineNumber);
        reject.reject(org.eventpipe.model.RejectReason.MALFORMED_JSON);
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[1024]);
        final int length = new FrameEncoder().encodeRejectBatch(frame, 0, StageId.PARSE, 0,
            new PipelineEvent[]{ reject }, 1);
        output.forward(frame, 0, length, 1);
    }
}
