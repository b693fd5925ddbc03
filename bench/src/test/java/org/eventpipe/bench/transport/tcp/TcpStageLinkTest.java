package org.eventpipe.bench.transport.tcp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.eventpipe.bridge.Edge;
import org.eventpipe.bridge.FrameConsumer;
import org.eventpipe.bridge.FrameReceiver;
import org.eventpipe.bridge.FrameSender;
import org.eventpipe.stage.StageFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two stage links in one JVM joined over real loopback sockets: frames arrive whole and in order through
 * back-pressure, a full socket is {@code BACK_PRESSURED} (never an unbounded buffer), a receiver that is gone fails
 * the sender naming the edge, a sender that goes away is seen, a stray connection is not taken for the sender, and
 * sending and receiving allocate nothing per frame.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class TcpStageLinkTest
{
    private static final long TOKEN = 0x1234_5678_9abc_def0L;
    private static final int MAX_FRAME = 1 << 20;
    private static final int CLAIM = 64 * 1024 - 4;
    private static final Edge EDGE = Edge.PARSE_TO_RULES;

    @TempDir
    Path directory;

    private final List<Long> received = new ArrayList<>();
    private final FrameConsumer checkAndCollect = (buffer, offset, length) ->
    {
        final long sequence = buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
        assertEquals(lengthOf(sequence), length, "frame " + sequence);
        for (int i = 8; i < length; i++)
        {
            if (buffer.getByte(offset + i) != (byte)(sequence + i))
            {
                fail("frame " + sequence + " differs at byte " + i);
            }
        }
        received.add(sequence);
    };

    @Test
    void shouldCarryClaimedAndOfferedFramesWholeAndInOrderThroughBackPressure() throws Exception
    {
        try (TcpStageLink downstream = link("rules"); TcpStageLink upstream = link("parse"))
        {
            final FrameReceiver receiver = downstream.receiver(EDGE);
            final FrameSender sender = upstream.sender(EDGE);
            awaitConnected(sender, receiver);
            final UnsafeBuffer offered = new UnsafeBuffer(new byte[MAX_FRAME]);

            long sequence = 0;
            long backPressured = 0;
            final long frames = 600;
            while (sequence < frames)
            {
                final long result = send(sender, sequence, offered);
                if (FrameSender.BACK_PRESSURED == result)
                {
                    backPressured++;
                    // only once the socket is full: then drain a little, as a slow receiver would
                    receiver.poll(checkAndCollect, 1);
                    continue;
                }
                assertTrue(result >= 0, FrameSender.resultName(result));
                sequence++;
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (received.size() < frames && System.nanoTime() < deadline)
            {
                receiver.poll(checkAndCollect, 16);
            }

            assertTrue(backPressured > 0, "600 frames of up to 200 KiB never filled the socket");
            assertEquals(frames, received.size());
            for (int i = 0; i < frames; i++)
            {
                assertEquals(i, received.get(i));
            }
            assertTrue(receiver.isConnected());
            assertFalse(receiver.isSenderGone());
        }
    }

    @Test
    void shouldSendAndReceiveWithoutAllocatingPerFrame() throws Exception
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        try (TcpStageLink downstream = link("rules"); TcpStageLink upstream = link("parse"))
        {
            final FrameReceiver receiver = downstream.receiver(EDGE);
            final FrameSender sender = upstream.sender(EDGE);
            awaitConnected(sender, receiver);
            final UnsafeBuffer offered = new UnsafeBuffer(ByteBuffer.allocateDirect(MAX_FRAME));
            final long[] sum = new long[1];
            final FrameConsumer add = (buffer, offset, length) -> sum[0] += buffer.getLong(offset) + length;

            exchange(sender, receiver, offered, add, 2_000);
            final long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            final long frames = exchange(sender, receiver, offered, add, 20_000);
            final long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;

            assertEquals(20_000, frames);
            assertTrue(allocated < 20_000, allocated + " bytes allocated for 20,000 frames sent and received");
        }
    }

    /**
     * Send frames of 100 and 70,000 bytes (claimed in place, and offered from a direct buffer with a gathering
     * write) and receive each before the next; returns the frames received.
     */
    private static long exchange(
        final FrameSender sender,
        final FrameReceiver receiver,
        final UnsafeBuffer offered,
        final FrameConsumer consumer,
        final int frames)
    {
        long received = 0;
        for (int i = 0; i < frames; i++)
        {
            final boolean claim = 0 != i % 8;
            long result;
            do
            {
                result = claim ? sender.tryClaim(100) : sender.offer(offered, 0, 70_000);
                received += receiver.poll(consumer, 16);
            }
            while (result < 0);
            if (claim)
            {
                sender.claimBuffer().putLong(sender.claimOffset(), i);
                sender.commit();
            }
        }
        while (received < frames)
        {
            received += receiver.poll(consumer, 16);
        }
        return received;
    }

    @Test
    void shouldFailTheSenderNamingTheEdgeOnceTheReceiverIsGone() throws Exception
    {
        try (TcpStageLink upstream = link("parse"))
        {
            final TcpStageLink downstream = link("rules");
            final FrameReceiver receiver = downstream.receiver(EDGE);
            final FrameSender sender = upstream.sender(EDGE);
            awaitConnected(sender, receiver);
            downstream.close();

            final UnsafeBuffer offered = new UnsafeBuffer(new byte[MAX_FRAME]);
            String failure = null;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            for (long sequence = 0; null == failure && System.nanoTime() < deadline; sequence++)
            {
                try
                {
                    final long result = send(sender, sequence, offered);
                    if (FrameSender.CLOSED == result)
                    {
                        failure = sender.description();
                    }
                }
                catch (final StageFailure ex)
                {
                    failure = ex.getMessage();
                }
            }

            assertTrue(null != failure, "the sender never noticed the receiver was gone");
            assertTrue(failure.contains("stage parse: cannot send on edge parse-rules"), failure);
            assertTrue(failure.contains("the receiving stage is gone"), failure);
            assertEquals(FrameSender.CLOSED, sender.tryClaim(16), "and stays failed");
        }
    }

    @Test
    void shouldSeeTheSenderGoneWhenItClosesAfterItsFrames() throws Exception
    {
        try (TcpStageLink downstream = link("rules"))
        {
            final TcpStageLink upstream = link("parse");
            final FrameReceiver receiver = downstream.receiver(EDGE);
            final FrameSender sender = upstream.sender(EDGE);
            awaitConnected(sender, receiver);
            final UnsafeBuffer offered = new UnsafeBuffer(new byte[MAX_FRAME]);
            assertTrue(send(sender, 0, offered) >= 0);
            assertTrue(send(sender, 1, offered) >= 0);
            upstream.close();

            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!receiver.isSenderGone() && System.nanoTime() < deadline)
            {
                receiver.poll(checkAndCollect, 16);
            }

            assertEquals(List.of(0L, 1L), received, "every frame before the end");
            assertTrue(receiver.isSenderGone());
            assertFalse(receiver.isConnected());
            assertTrue(receiver.description().contains("the sender closed the connection"), receiver.description());
        }
    }

    @Test
    void shouldCloseAStrayConnectionAndTakeTheSenderWithTheRunsHello() throws Exception
    {
        try (TcpStageLink downstream = link("rules"); TcpStageLink upstream = link("parse"))
        {
            final FrameReceiver receiver = downstream.receiver(EDGE);
            final int port = Integer.parseInt(Files.readString(
                TcpConfiguration.portFile(directory, EDGE), StandardCharsets.US_ASCII));
            try (SocketChannel stray = SocketChannel.open(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port)))
            {
                final ByteBuffer wrongToken = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(16).putInt(TcpFrameSender.HELLO_MAGIC).putInt(EDGE.ordinal()).putLong(TOKEN + 1).flip();
                stray.write(wrongToken);
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!receiver.description().contains("1 connection(s) without the run's hello closed") &&
                    System.nanoTime() < deadline)
                {
                    assertEquals(0, receiver.poll(checkAndCollect, 16));
                }
                assertFalse(receiver.isConnected());
                assertTrue(receiver.description().contains("1 connection(s) without"), receiver.description());
            }

            final FrameSender sender = upstream.sender(EDGE);
            awaitConnected(sender, receiver);
            assertTrue(send(sender, 7, new UnsafeBuffer(new byte[MAX_FRAME])) >= 0);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (received.isEmpty() && System.nanoTime() < deadline)
            {
                receiver.poll(checkAndCollect, 16);
            }
            assertEquals(List.of(7L), received);
        }
    }

    private TcpStageLink link(final String stage)
    {
        return new TcpStageLink(stage, directory, TOKEN, MAX_FRAME, CLAIM, 5_000);
    }

    /**
     * Frames of varied lengths, every fourth longer than a claim: so both the in-place and the gathering path run.
     */
    private static int lengthOf(final long sequence)
    {
        return 0 == sequence % 4 ? CLAIM + 1 + (int)(sequence * 997 % (150 * 1024)) : 16 + (int)(sequence * 31 % 4000);
    }

    private static long send(final FrameSender sender, final long sequence, final UnsafeBuffer offered)
    {
        final int length = lengthOf(sequence);
        if (length <= sender.maxClaimLength())
        {
            final long result = sender.tryClaim(length);
            if (result >= 0)
            {
                fill(sender.claimBuffer(), sender.claimOffset(), sequence, length);
                sender.commit();
            }
            return result;
        }
        fill(offered, 0, sequence, length);
        return sender.offer(offered, 0, length);
    }

    private static void fill(
        final org.agrona.MutableDirectBuffer buffer, final int offset, final long sequence, final int length)
    {
        buffer.putLong(offset, sequence, ByteOrder.LITTLE_ENDIAN);
        for (int i = 8; i < length; i++)
        {
            buffer.putByte(offset + i, (byte)(sequence + i));
        }
    }

    private void awaitConnected(final FrameSender sender, final FrameReceiver receiver) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(sender.isConnected() && receiver.isConnected()) && System.nanoTime() < deadline)
        {
            assertEquals(0, receiver.poll(checkAndCollect, 16));
            Thread.sleep(1);
        }
        assertTrue(sender.isConnected(), sender.description());
        assertTrue(receiver.isConnected(), receiver.description());
    }
}
