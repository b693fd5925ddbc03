package org.eventpipe.stage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.NoOpIdleStrategy;
import org.eventpipe.bridge.Edge;
import org.eventpipe.codec.FrameEncoder;
import org.eventpipe.codec.StageId;
import org.eventpipe.model.EventType;
import org.eventpipe.model.RejectReason;
import org.eventpipe.support.TestEvents;
import org.eventpipe.workload.events.EventEntryCodec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two batchers of one edge paired for checkpoints (parse's parsed events and rejects): at most one of them holds
 * events at any time, so that every frame is sent with nothing done left waiting in the other, and the checkpoint
 * sent with it covers only events in committed frames.
 */
final class PairedEventBatcherTest
{
    private static final byte[] BAD_LINE = "not json".getBytes(StandardCharsets.US_ASCII);

    private final FrameEncoder encoder = new FrameEncoder();
    private final ScriptedFrameSender sender = new ScriptedFrameSender(1 << 16, 1 << 16);
    private final EdgePublisher publisher = new EdgePublisher("parse", Edge.PARSE_TO_RULES, sender,
        new NoOpIdleStrategy(), 1_000, new StageMetricsRecorder());
    private final EventBatcher parsed = new EventBatcher(EventBatcher.Kind.ENTRIES, StageId.PARSE, publisher, encoder,
        8, 0, EventEntryCodec.INSTANCE);
    private final EventBatcher rejects = new EventBatcher(EventBatcher.Kind.REJECTS, StageId.PARSE, publisher,
        encoder, 8, 0);

    @Test
    void shouldSendTheOtherBatchBeforeTakingAnEventSoThatAtMostOneHoldsEvents()
    {
        parsed.pairWith(rejects);
        final String kinds = "PPRPPRRP";
        for (int i = 0; i < kinds.length(); i++)
        {
            claim(kinds.charAt(i), i + 1);
            assertTrue(0 == parsed.size() || 0 == rejects.size(),
                "after line " + (i + 1) + ": parsed " + parsed.size() + ", rejects " + rejects.size());
        }
        parsed.flush();
        rejects.flush();

        assertEquals(List.of("ENTRY_BATCH 2", "REJECT_BATCH 1", "ENTRY_BATCH 2", "REJECT_BATCH 2",
            "ENTRY_BATCH 1"), frames());
    }

    @Test
    void shouldKeepBothBatchesGrowingWhenNotPaired()
    {
        final String kinds = "PPRPPRRP";
        for (int i = 0; i < kinds.length(); i++)
        {
            claim(kinds.charAt(i), i + 1);
        }
        assertEquals(5, parsed.size());
        assertEquals(3, rejects.size());
        assertEquals(List.of(), frames());
    }

    private void claim(final char kind, final long lineNumber)
    {
        if ('P' == kind)
        {
            parsed.append(TestEvents.decoded(lineNumber, 0, 7, EventType.CLICK, 3, 1_700_000_000_000L));
        }
        else
        {
            final var slot = rejects.claim(BAD_LINE.length);
            slot.setLine(BAD_LINE, 0, BAD_LINE.length, 1024, lineNumber);
            slot.reject(RejectReason.MALFORMED_JSON);
        }
    }

    private List<String> frames()
    {
        final List<String> frames = new ArrayList<>();
        for (final FrameLog.Frame frame : FrameLog.decode(sender.frames()))
        {
            frames.add(frame.type() + " " + frame.eventCount());
        }
        return frames;
    }
}
