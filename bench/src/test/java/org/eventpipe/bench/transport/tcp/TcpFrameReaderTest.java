package org.eventpipe.bench.transport.tcp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

import org.eventpipe.bridge.FrameConsumer;
import org.eventpipe.stage.StageFailure;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The receive side's framing: length-prefixed frames cut from a byte stream that arrives in arbitrary pieces, in one
 * buffer, delivered whole and in order, and a corrupt length refused.
 */
final class TcpFrameReaderTest
{
    private static final String CONTEXT = "stage rules: edge parse-rules (tcp 127.0.0.1:1)";

    private final List<byte[]> frames = new ArrayList<>();
    private final FrameConsumer collect = (buffer, offset, length) ->
    {
        final byte[] frame = new byte[length];
        buffer.getBytes(offset, frame);
        frames.add(frame);
    };

    @Test
    void shouldDeliverAFrameOnlyOnceAllOfItHasArrivedAcrossReads() throws Exception
    {
        final byte[] frame = bytes(10, 1);
        final byte[] stream = stream(frame);
        final ScriptedChannel channel = new ScriptedChannel(
            Arrays.copyOfRange(stream, 0, 2), Arrays.copyOfRange(stream, 2, 9), Arrays.copyOfRange(stream, 9, 14));
        final TcpFrameReader reader = new TcpFrameReader(64, CONTEXT);

        assertEquals(2, reader.read(channel));
        assertEquals(0, reader.deliver(collect, 16), "half a length prefix");
        assertEquals(7, reader.read(channel));
        assertEquals(0, reader.deliver(collect, 16), "the prefix and part of the frame");
        assertFalse(reader.hasWholeFrame());
        assertEquals(5, reader.read(channel));
        assertTrue(reader.hasWholeFrame());
        assertEquals(1, reader.deliver(collect, 16));

        assertEquals(1, frames.size());
        assertArrayEquals(frame, frames.get(0));
        assertEquals(0, reader.pendingBytes());
        assertEquals(-1, reader.read(channel));
    }

    @Test
    void shouldDeliverSeveralFramesFromOneReadInOrderUpToTheLimit() throws Exception
    {
        final byte[] first = bytes(3, 10);
        final byte[] second = bytes(7, 20);
        final byte[] third = bytes(1, 30);
        final byte[] partial = bytes(5, 40);
        final byte[] stream = stream(first, second, third, partial);
        final ScriptedChannel channel = new ScriptedChannel(Arrays.copyOf(stream, stream.length - 2));
        final TcpFrameReader reader = new TcpFrameReader(64, CONTEXT);

        reader.read(channel);

        assertEquals(2, reader.deliver(collect, 2));
        assertEquals(1, reader.deliver(collect, 2), "the third; the fourth is not whole");
        assertEquals(3, frames.size());
        assertArrayEquals(first, frames.get(0));
        assertArrayEquals(second, frames.get(1));
        assertArrayEquals(third, frames.get(2));
        assertEquals(TcpFrameReader.LENGTH_PREFIX + partial.length - 2, reader.pendingBytes());
    }

    @Test
    void shouldMoveAFrameThatStraddlesTheEndOfTheBufferToItsStart() throws Exception
    {
        final int maxFrameLength = 16;
        final TcpFrameReader reader = new TcpFrameReader(maxFrameLength, CONTEXT);
        assertEquals(2 * (maxFrameLength + TcpFrameReader.LENGTH_PREFIX), reader.capacity());
        // 3 frames of 12 bytes with prefixes fill 48 of 40 bytes: the third one cannot complete in place
        final byte[] a = bytes(8, 1);
        final byte[] b = bytes(8, 2);
        final byte[] c = bytes(16, 3);
        final byte[] d = bytes(16, 4);
        final byte[] stream = stream(a, b, c, d);
        final ScriptedChannel channel = new ScriptedChannel(Arrays.copyOfRange(stream, 0, 30),
            Arrays.copyOfRange(stream, 30, stream.length));

        assertEquals(30, reader.read(channel));
        assertEquals(2, reader.deliver(collect, 16));
        assertEquals(6, reader.pendingBytes(), "the prefix and 2 bytes of c, from offset 24");
        final int read = reader.read(channel);

        assertEquals(stream.length - 30, read, "all of the rest fits once c is at the start");
        assertEquals(2, reader.deliver(collect, 16));
        assertEquals(List.of(a, b, c, d).size(), frames.size());
        assertArrayEquals(c, frames.get(2));
        assertArrayEquals(d, frames.get(3));
        assertEquals(0, reader.pendingBytes());
    }

    @Test
    void shouldDeliverFramesOfTheMaximumLengthWhereverTheyFallInTheStream() throws Exception
    {
        final int maxFrameLength = 100;
        final TcpFrameReader reader = new TcpFrameReader(maxFrameLength, CONTEXT);
        final byte[] first = bytes(90, 5);
        final byte[] second = bytes(maxFrameLength, 6);
        final byte[] third = bytes(maxFrameLength, 7);
        final byte[] stream = stream(first, second, third);
        final ScriptedChannel channel = new ScriptedChannel(Arrays.copyOfRange(stream, 0, 150),
            Arrays.copyOfRange(stream, 150, stream.length));

        reader.read(channel);
        assertEquals(1, reader.deliver(collect, 16));
        assertEquals(208 - 150, reader.read(channel), "up to the end of the buffer");
        assertEquals(1, reader.deliver(collect, 16), "the second ends within the buffer");
        assertEquals(10, reader.pendingBytes(), "the start of the third, at the end of the buffer");
        assertEquals(stream.length - 208, reader.read(channel));
        assertEquals(1, reader.deliver(collect, 16));

        assertEquals(3, frames.size());
        assertArrayEquals(second, frames.get(1));
        assertArrayEquals(third, frames.get(2));
    }

    @Test
    void shouldRefuseALengthAboveTheMaximumNamingTheEdge() throws Exception
    {
        final TcpFrameReader reader = new TcpFrameReader(64, CONTEXT);
        final ByteBuffer stream = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(65).putInt(0);
        reader.read(new ScriptedChannel(stream.array()));

        final StageFailure failure = assertThrows(StageFailure.class, () -> reader.deliver(collect, 16));

        assertTrue(failure.getMessage().startsWith(CONTEXT + ": corrupt stream"), failure.getMessage());
        assertTrue(failure.getMessage().contains("length 65, outside [1, 64]"), failure.getMessage());
        assertEquals(List.of(), frames);
    }

    @Test
    void shouldRefuseAZeroOrNegativeLengthAfterGoodFramesNamingItsPlace() throws Exception
    {
        for (final int bad : new int[]{ 0, -1, Integer.MIN_VALUE })
        {
            frames.clear();
            final TcpFrameReader reader = new TcpFrameReader(64, CONTEXT);
            final byte[] good = stream(bytes(6, 7));
            final byte[] stream = Arrays.copyOf(good, good.length + 4);
            ByteBuffer.wrap(stream, good.length, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(bad);
            reader.read(new ScriptedChannel(stream));

            final StageFailure failure = assertThrows(StageFailure.class, () -> reader.deliver(collect, 16));

            assertEquals(1, frames.size(), "the good frame before it is delivered");
            assertTrue(failure.getMessage().contains("the frame at byte 10 of the stream has length " + bad),
                failure.getMessage());
        }
    }

    private static byte[] bytes(final int length, final int seed)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(seed * 31 + i);
        }
        return bytes;
    }

    private static byte[] stream(final byte[]... frames)
    {
        int length = 0;
        for (final byte[] frame : frames)
        {
            length += TcpFrameReader.LENGTH_PREFIX + frame.length;
        }
        final ByteBuffer stream = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        for (final byte[] frame : frames)
        {
            stream.putInt(frame.length).put(frame);
        }
        return stream.array();
    }

    /**
     * Returns the given pieces, one per read (as much of each as fits), then the end of the stream.
     */
    private static final class ScriptedChannel implements ReadableByteChannel
    {
        private final Deque<ByteBuffer> pieces = new ArrayDeque<>();

        ScriptedChannel(final byte[]... pieces)
        {
            for (final byte[] piece : pieces)
            {
                this.pieces.add(ByteBuffer.wrap(piece));
            }
        }

        public int read(final ByteBuffer destination)
        {
            final ByteBuffer piece = pieces.peek();
            if (null == piece)
            {
                return -1;
            }
            final int length = Math.min(piece.remaining(), destination.remaining());
            final ByteBuffer slice = piece.slice().limit(length);
            destination.put(slice);
            piece.position(piece.position() + length);
            if (!piece.hasRemaining())
            {
                pieces.poll();
            }
            return length;
        }

        public boolean isOpen()
        {
            return true;
        }

        public void close()
        {
        }
    }
}
