package org.eventpipe.bench.transport.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;

import org.agrona.concurrent.UnsafeBuffer;
import org.eventpipe.bridge.FrameConsumer;
import org.eventpipe.stage.StageFailure;

/**
 * Cuts a byte stream of length-prefixed frames back into frames, in one reusable direct buffer and without any
 * allocation per frame: each frame is a 4-byte little-endian length followed by that many bytes, and is delivered to
 * the consumer in place, from the buffer, once all of it has arrived.
 * <pre>
 *   0 ........ readPosition ........ writePosition ........ capacity
 *   | delivered | whole and partial frames |    free: the next read     |
 * </pre>
 * The buffer holds twice the largest frame with its prefix: a frame whose end would pass the end of the buffer is
 * moved to the start first (compaction), so that any frame up to the maximum fits, and a compaction moves at most one
 * partial frame per buffer length of data. A length of zero, negative or above the maximum is a corrupt stream: no
 * sender of this transport writes one, and the reader cannot find the next frame after it.
 */
final class TcpFrameReader
{
    /** Bytes of the length prefix of every frame. */
    static final int LENGTH_PREFIX = 4;

    private final int maxFrameLength;
    private final String context;
    private final ByteBuffer byteBuffer;
    private final UnsafeBuffer buffer;
    private final int capacity;
    private int readPosition;
    private int writePosition;
    private long streamOffset;

    /**
     * Create a reader.
     *
     * @param maxFrameLength  longest frame a sender may send, without its prefix.
     * @param context        for errors: the stage and the edge, e.g.
     *                       {@code stage rules: edge parse-rules (tcp 127.0.0.1:40123)}.
     */
    TcpFrameReader(final int maxFrameLength, final String context)
    {
        if (maxFrameLength < 1 || maxFrameLength > (Integer.MAX_VALUE / 2) - LENGTH_PREFIX)
        {
            throw new IllegalArgumentException("maximum frame length out of range: " + maxFrameLength);
        }
        this.maxFrameLength = maxFrameLength;
        this.context = context;
        this.capacity = 2 * (maxFrameLength + LENGTH_PREFIX);
        this.byteBuffer = ByteBuffer.allocateDirect(capacity);
        this.buffer = new UnsafeBuffer(byteBuffer);
    }

    /**
     * Read once from the channel into the free end of the buffer, moving a partial frame to the start first if it
     * could not complete in place.
     *
     * @param channel to read from, non-blocking or not.
     * @return bytes read, 0 if none were available, -1 at the end of the stream.
     * @throws IOException if the read fails.
     */
    int read(final ReadableByteChannel channel) throws IOException
    {
        compactIfNeeded();
        byteBuffer.limit(capacity).position(writePosition);
        final int read = channel.read(byteBuffer);
        if (read > 0)
        {
            writePosition += read;
        }
        return read;
    }

    /**
     * Deliver the whole frames in the buffer, in order, up to a limit.
     *
     * @param consumer of the frames; the buffer is valid only during its call.
     * @param limit    most frames to deliver.
     * @return the frames delivered.
     * @throws StageFailure if a length prefix is out of range.
     */
    int deliver(final FrameConsumer consumer, final int limit)
    {
        int delivered = 0;
        while (delivered < limit)
        {
            final int available = writePosition - readPosition;
            if (available < LENGTH_PREFIX)
            {
                break;
            }
            final int length = frameLength(readPosition);
            if (available - LENGTH_PREFIX < length)
            {
                break;
            }
            final int frameOffset = readPosition + LENGTH_PREFIX;
            readPosition = frameOffset + length;
            streamOffset += LENGTH_PREFIX + length;
            delivered++;
            consumer.onFrame(buffer, frameOffset, length);
        }
        if (readPosition == writePosition)
        {
            readPosition = 0;
            writePosition = 0;
        }
        return delivered;
    }

    /**
     * Whether a whole frame is waiting to be delivered.
     *
     * @return true if {@link #deliver(FrameConsumer, int)} would deliver one.
     */
    boolean hasWholeFrame()
    {
        final int available = writePosition - readPosition;
        return available >= LENGTH_PREFIX && available - LENGTH_PREFIX >= frameLength(readPosition);
    }

    /**
     * Bytes received and not yet delivered.
     *
     * @return the count.
     */
    int pendingBytes()
    {
        return writePosition - readPosition;
    }

    /**
     * Forget everything buffered, for a new connection.
     */
    void reset()
    {
        readPosition = 0;
        writePosition = 0;
        streamOffset = 0;
    }

    /**
     * Size of the buffer.
     *
     * @return bytes.
     */
    int capacity()
    {
        return capacity;
    }

    private int frameLength(final int offset)
    {
        final int length = buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
        if (length < 1 || length > maxFrameLength)
        {
            throw new StageFailure(context + ": corrupt stream: the frame at byte " + streamOffset +
                " of the stream has length " + length + ", outside [1, " + maxFrameLength + "]" +
                (length > maxFrameLength ? " (longer than the receive buffer is sized for)" : ""));
        }
        return length;
    }

    private void compactIfNeeded()
    {
        if (0 == readPosition)
        {
            return;
        }
        final int available = writePosition - readPosition;
        final int frameEnd = available < LENGTH_PREFIX ? readPosition + LENGTH_PREFIX :
            readPosition + LENGTH_PREFIX + frameLength(readPosition);
        if (frameEnd > capacity || writePosition == capacity)
        {
            buffer.putBytes(0, buffer, readPosition, available);
            readPosition = 0;
            writePosition = available;
        }
    }
}
