package org.eventpipe.bench.transport.grpc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.eventpipe.bridge.Edge;
import org.eventpipe.bridge.FrameReceiver;
import org.eventpipe.bridge.FrameSender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One edge over real gRPC on loopback inside one JVM: a receiving link's server and a sending link's call, as two
 * stages would hold them.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class GrpcEdgeTest
{
    private static final Edge EDGE = Edge.PARSE_TO_RULES;
    private static final int QUEUE_FRAMES = 4;
    private static final int FRAME_LENGTH = 1000;

    @TempDir
    Path portDirectory;

    @Test
    void shouldNotConnectBeforeTheReceiverPublishesItsPort()
    {
        try (GrpcStageLink sending = link())
        {
            final FrameSender sender = sending.sender(EDGE);

            assertFalse(sender.isConnected());
            assertEquals(FrameSender.NOT_CONNECTED, sender.tryClaim(FRAME_LENGTH));
        }
    }

    @Test
    void shouldDeliverFramesWholeAndInOrderAndHoldTheSenderWhileTheReceiverDoesNotPoll() throws Exception
    {
        try (GrpcStageLink receiving = link(); GrpcStageLink sending = link())
        {
            final FrameReceiver receiver = receiving.receiver(EDGE);
            final FrameSender sender = sending.sender(EDGE);
            awaitConnected(sender);

            int accepted = 0;
            long result = 0;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline)
            {
                result = sender.tryClaim(FRAME_LENGTH);
                if (result == FrameSender.BACK_PRESSURED)
                {
                    // held for good only once gRPC's window is full: a moment's not-ready while Netty writes passes
                    Thread.sleep(5);
                    result = sender.tryClaim(FRAME_LENGTH);
                    if (result == FrameSender.BACK_PRESSURED)
                    {
                        Thread.sleep(200);
                        result = sender.tryClaim(FRAME_LENGTH);
                        if (result == FrameSender.BACK_PRESSURED)
                        {
                            break;
                        }
                    }
                }
                assertEquals(0, result);
                sender.claimBuffer().setMemory(sender.claimOffset(), FRAME_LENGTH, (byte)accepted);
                sender.claimBuffer().putInt(sender.claimOffset(), accepted);
                sender.commit();
                accepted++;
            }

            assertEquals(FrameSender.BACK_PRESSURED, result, "the sender was never held back");
            // bounded: the receive queue, gRPC's HTTP/2 window (1 MiB) and on-ready threshold (32 KiB) and no more
            assertTrue(accepted < QUEUE_FRAMES + (1 << 20) / FRAME_LENGTH + 64, "accepted " + accepted);

            final List<Integer> received = new ArrayList<>();
            final List<String> problems = new ArrayList<>();
            final long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (received.size() < accepted && System.nanoTime() < drainDeadline)
            {
                receiver.poll((buffer, offset, length) ->
                {
                    final int sequence = buffer.getInt(offset);
                    received.add(sequence);
                    if (length != FRAME_LENGTH || buffer.getByte(offset + length - 1) != (byte)sequence)
                    {
                        problems.add("frame " + sequence + " of " + length + " bytes");
                    }
                }, 16);
            }

            assertEquals(accepted, received.size());
            for (int i = 0; i < received.size(); i++)
            {
                assertEquals(i, received.get(i));
            }
            assertEquals(List.of(), problems);
            assertTrue(receiver.isConnected());
        }
    }

    @Test
    void shouldFailTheSenderNamingTheEdgeWhenTheReceiverIsGone() throws Exception
    {
        try (GrpcStageLink sending = link())
        {
            final FrameSender sender;
            try (GrpcStageLink receiving = link())
            {
                receiving.receiver(EDGE);
                sender = sending.sender(EDGE);
                awaitConnected(sender);
            }

            long result = 0;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && result != FrameSender.CLOSED)
            {
                result = sender.offer(new UnsafeBuffer(new byte[8]), 0, 8);
                Thread.sleep(1);
            }

            assertEquals(FrameSender.CLOSED, result);
            assertTrue(sender.description().contains("edge parse-rules"), sender.description());
            assertTrue(sender.description().contains("call failed"), sender.description());
        }
    }

    @Test
    void shouldSeeTheSenderGoneOnlyAfterItsQueuedFramesArePolled() throws Exception
    {
        try (GrpcStageLink receiving = link())
        {
            final FrameReceiver receiver = receiving.receiver(EDGE);
            try (GrpcStageLink sending = link())
            {
                final FrameSender sender = sending.sender(EDGE);
                awaitConnected(sender);
                assertTrue(sender.offer(new UnsafeBuffer(new byte[8]), 0, 8) >= 0);
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!receiver.description().contains("sender half-closed"))
            {
                assertTrue(System.nanoTime() < deadline, receiver.description());
                Thread.sleep(1);
            }

            assertTrue(receiver.isConnected(), "a frame is still queued");
            assertFalse(receiver.isSenderGone(), "a frame is still queued");
            assertEquals(1, receiver.poll((buffer, offset, length) -> assertEquals(8, length), 16));
            assertFalse(receiver.isConnected());
            assertTrue(receiver.isSenderGone());
        }
    }

    @Test
    void shouldMakeThePortDirectoryWhenStagesAreStartedByHand()
    {
        final Path byHand = portDirectory.resolve("run").resolve("grpc");
        try (GrpcStageLink receiving = new GrpcStageLink("test", byHand, Map.of()))
        {
            receiving.receiver(EDGE);

            assertTrue(Files.isRegularFile(byHand.resolve(GrpcConfiguration.portFileName(EDGE))));
        }
    }

    private GrpcStageLink link()
    {
        return new GrpcStageLink("test", portDirectory,
            Map.of(GrpcConfiguration.RECEIVE_QUEUE_FRAMES_PROP_NAME, Integer.toString(QUEUE_FRAMES)));
    }

    private static void awaitConnected(final FrameSender sender) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!sender.isConnected())
        {
            assertTrue(System.nanoTime() < deadline, "not connected: " + sender.description());
            Thread.sleep(1);
        }
    }
}
