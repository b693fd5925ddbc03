package org.eventpipe.stage;

import java.time.Duration;
import java.util.List;

import org.agrona.concurrent.NoOpIdleStrategy;
import org.eventpipe.bridge.Edge;
import org.eventpipe.bridge.FrameSender;
import org.eventpipe.codec.EndOfStreamCounts;
import org.eventpipe.codec.FrameEncoder;
import org.eventpipe.codec.FrameType;
import org.eventpipe.codec.StageId;
import org.eventpipe.recovery.StageCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link EdgePublisher} against a sender that answers from a script: which result codes are retried and counted,
 * which wait for a connection, which fail the stage at once, and that a frame is never dropped or sent twice.
 */
final class EdgePublisherTest
{
    private static final int CLAIM_LIMIT = 256;
    private static final int FRAME_LIMIT = 4096;
    private static final long CONNECT_TIMEOUT_MS = 50;
    private static final Duration FAILURE_DEADLINE = Duration.ofSeconds(10);

    private final FrameEncoder encoder = new FrameEncoder();
    private final StageMetricsRecorder metrics = new StageMetricsRecorder();
    private final EndOfStreamCounts counts = new EndOfStreamCounts();

    @Test
    void shouldRetryBackPressureAndAdminActionOnClaimAndCountEachRetry()
    {
        final ScriptedFrameSender sender = new ScriptedFrameSender(CLAIM_LIMIT, FRAME_LIMIT)
            .then(FrameSender.BACK_PRESSURED, FrameSender.ADMIN_ACTION, FrameSender.BACK_PRESSURED);
        final EdgePublisher publisher = publisher(sender, 10_000);

        sendEndOfStream(publisher);

        assertEquals(4, sender.claimAttempts());
        assertEquals(0, sender.offerAttempts());
        assertEquals(3, metrics.backPressureRetries());
        assertEquals(1, sender.frames().size());
        assertEquals(1, publisher.framesSent());
        assertEquals(1, publisher.nextSequence());
    }

    @Test
    void shouldRetryBackPressureAndAdminActionOnOfferOfFrameLargerThanClaimLimit()
    {
        final ScriptedFrameSender sender = new ScriptedFrameSender(16, FRAME_LIMIT)
            .then(FrameSender.ADMIN_ACTION, FrameSender.BACK_PRESSURED);
        final EdgePublisher publisher = publisher(sender, 10_000);

        sendEndOfStream(publisher);

        assertEquals(0, sender.claimAttempts());
        assertEquals(3, sender.offerAttempts());
        assertEquals(2, metrics.backPressureRetries());
        final List<FrameLog.Frame> frames = FrameLog.decode(sender.frames());
        assertEquals(1, frames.size());
        assertEquals(FrameType.END_OF_STREAM, frames.get(0).type());
        assertEquals(0, frames.get(0).sequence());
    }

    @Test
    void shouldWaitForReceiverWithinConnectTimeout()
    {
        final ScriptedFrameSender sender = new ScriptedFrameSender(CLAIM_LIMIT, FRAME_LIMIT)
            .then(FrameSender.NOT_CONNECTED, FrameSender.NOT_CONNECTED, FrameSender.NOT_CONNECTED);
        final EdgePublisher publisher = publisher(sender, 10_000);

        sendEndOfStream(publisher);
        sendEndOfStream(publisher);

        assertEquals(5, sender.claimAttempts());
        assertEquals(0, metrics.backPressureRetries());
        final List<FrameLog.Frame> frames = FrameLog.decode(sender.frames());
        assertEquals(2, frames.size());
        assertEquals(0, frames.get(0).sequence());
        assertEquals(1, frames.get(1).sequence());
    }

    @Test
    void shouldFailNamingStageAndEdgeWhenNoReceiverConnectsWithinTimeout()
    {
        final ScriptedFrameSender sender = new ScriptedFrameSender(CLAIM_LIMIT, FRAME_LIMIT)
            .always(FrameSender.NOT_CONNECTED);
        final EdgePublisher publisher = publisher(sender, CONNECT_TIMEOUT_MS);

        final StageFailure failure = assertTimeoutPreemptively(FAILURE_DEADLINE,
            () -> assertThrows(StageFailure.class, () -> sendEndOfStream(publisher)));

        assertTrue(failure.getMessage().contains("stage parse"), failure.getMessage());
        assertTrue(failure.getMessage().contains("edge parse-rules"), failure.getMessage());
        assertTrue(failure.getMessage().contains("no receiver connected"), failure.getMessage());
        assertTrue(sender.claimAttempts() > 1, "retried before failing: " + sender.claimAttempts());
        assertEquals(0, sender.frames().size());
        assertEquals(0, publisher.framesSent());
    }

    @Test
    void shouldFailAwaitConnectedNamingStageAndEdgeAfterTimeout()
    {
        final ScriptedFrameSender sender = new ScriptedFrameSender(CLAIM_LIMIT, FRAME_LIMIT)
            .always(FrameSender.NOT_CONNECTED);
        final EdgePublisher publisher = publisher(sender, CONNECT_TIMEOUT_MS);

        final StageFailure failure = assertTimeoutPreemptively(FAILURE_DEADLINE,
            () -> assertThrows(StageFailure.class, publisher::awaitConnected));

        assertTrue(failure.getMessage().contains("stage parse"), failure.getMessage());
        assertTrue(failure.getMessage().contains("edge parse-rules"), failure.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(longs = { FrameSender.CLOSED, FrameSender.MAX_POSITION_EXCEEDED })
    void shouldFailAtOnceOnFatalResult(final long result)
    {
        final ScriptedFrameSender sender = new ScriptedFrameSender(CLAIM_LIMIT, FRAME_LIMIT)
            .then(result).always(0);
        final EdgePublisher publisher = publisher(sender, 10_000);

        final StageFailure failure = assertThrows(StageFailure.class, () -> sendEndOfStream(publisher));

        assertEquals(1, sender.claimAttempts());
        assertTrue(failure.getMessage().contains(FrameSender.resultName(result)), failure.getMessage());
        assertTrue(failure.getMessage().contains("stage parse"), failure.getMessage());
        assertTrue(failure.getMessage().contains("edge parse-rules"), failure.getMessage());
        assertEquals(0, sender.frames().size());
        assertEquals(0, publisher.nextSequence());
    }

    @Test
    void shouldFailAtOnceOnClosedOffer()
    {
        final ScriptedFrameSender sender = new ScriptedFrameSender(16, FRAME_LIMIT).then(FrameSender.CLOSED);
        final EdgePublisher publisher = publisher(sender, 10_000);

        final StageFailure failure = assertThrows(StageFailure.class, () -> sendEndOfStream(publisher));

        assertEquals(1, sender.offerAttempts());
        assertTrue(failure.getMessage().contains("CLOSED"), failure.getMessage());
    }

    @Test
    void shouldAbortClaimAndFailWhenEncodedLengthDiffersFromClaim()
    {
        final ScriptedFrameSender sender = new ScriptedFrameSender(CLAIM_LIMIT, FRAME_LIMIT);
        final EdgePublisher publisher = publisher(sender, 10_000);

        final StageFailure failure = assertThrows(StageFailure.class,
            () -> publisher.publish(FrameEncoder.endOfStreamLength() + 8, 0, (buffer, offset) ->
                encoder.encodeEndOfStream(buffer, offset, StageId.PARSE, publisher.nextSequence(), counts)));

        assertTrue(failure.getMessage().contains("stage parse"), failure.getMessage());
        assertEquals(1, sender.aborts());
        assertEquals(0, sender.frames().size());
        assertEquals(0, publisher.nextSequence());
    }

    @Test
    void shouldRejectFrameLongerThanTheEdgeAllowsWithoutSending()
    {
        final ScriptedFrameSender sender = new ScriptedFrameSender(CLAIM_LIMIT, FRAME_LIMIT);
        final EdgePublisher publisher = publisher(sender, 10_000);

        final StageFailure failure = assertThrows(StageFailure.class,
            () -> publisher.publish(FRAME_LIMIT + 1, 0, (buffer, offset) -> FRAME_LIMIT + 1));

        assertTrue(failure.getMessage().contains("exceeds the maximum of " + FRAME_LIMIT), failure.getMessage());
        assertEquals(0, sender.claimAttempts() + sender.offerAttempts());
    }

    @Test
    void shouldReportTheInputPositionInTheCheckpointOfTheLastFrameSent()
    {
        final ScriptedFrameSender sender = new ScriptedFrameSender(CLAIM_LIMIT, FRAME_LIMIT).storingCheckpoints();
        final EdgePublisher publisher = publisher(sender, 10_000);
        final StageCheckpoint checkpoint = new StageCheckpoint();
        publisher.keepCheckpoint(checkpoint);
        assertEquals(StageCheckpoint.NULL_POSITION, publisher.sentInputPosition());

        checkpoint.input(42, 3, false, 7, 7, 300);
        sendEndOfStream(publisher);
        checkpoint.input(99, 0, false, 8, 8, 400);

        assertEquals(42, publisher.sentInputPosition());
    }

    @Test
    void shouldReportNoInputPositionWhenTheSenderStoresNoCheckpoints()
    {
        final ScriptedFrameSender sender = new ScriptedFrameSender(CLAIM_LIMIT, FRAME_LIMIT);
        final EdgePublisher publisher = publisher(sender, 10_000);

        sendEndOfStream(publisher);

        assertEquals(StageCheckpoint.NULL_POSITION, publisher.sentInputPosition());
    }

    private EdgePublisher publisher(final ScriptedFrameSender sender, final long connectTimeoutMs)
    {
        return new EdgePublisher("parse", Edge.PARSE_TO_RULES, sender, new NoOpIdleStrategy(), connectTimeoutMs,
            metrics);
    }

    private void sendEndOfStream(final EdgePublisher publisher)
    {
        publisher.publish(FrameEncoder.endOfStreamLength(), 0, (buffer, offset) ->
            encoder.encodeEndOfStream(buffer, offset, StageId.PARSE, publisher.nextSequence(), counts));
    }
}
