package org.eventpipe.bench.transport.grpc;

import java.io.InputStream;
import java.io.OutputStream;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The one message object a sender reuses for every frame: a heap buffer the stage encodes into, and the stream gRPC
 * serializes it from. gRPC writes a message into its own (Netty) buffers while {@code onNext} runs, through
 * {@link Drainable#drainTo(OutputStream)}, so the object is free again when {@code onNext} returns; that holds because
 * the channel has retries disabled (a retriable call would keep the message to replay it). One copy per frame, from
 * this buffer into gRPC's, and no allocation on this side.
 */
final class OutgoingFrame
{
    private final byte[] bytes;
    private final UnsafeBuffer buffer;
    private final FrameStream stream = new FrameStream();
    private int length;

    /**
     * Create the message.
     *
     * @param capacity the longest frame.
     */
    OutgoingFrame(final int capacity)
    {
        this.bytes = new byte[capacity];
        this.buffer = new UnsafeBuffer(bytes);
    }

    /**
     * The buffer frames are encoded into, from index 0.
     *
     * @return the buffer over the message's bytes.
     */
    UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * Longest frame.
     *
     * @return bytes.
     */
    int capacity()
    {
        return bytes.length;
    }

    /**
     * Set the length of the frame about to be sent.
     *
     * @param length of the frame at index 0.
     */
    void length(final int length)
    {
        this.length = length;
    }

    /**
     * The frame as a stream, rewound; called by the marshaller.
     *
     * @return the stream.
     */
    InputStream stream()
    {
        stream.position = 0;
        return stream;
    }

    private final class FrameStream extends InputStream implements KnownLength, Drainable
    {
        private int position;

        public int drainTo(final OutputStream target) throws java.io.IOException
        {
            final int remaining = length - position;
            target.write(bytes, position, remaining);
            position = length;
            return remaining;
        }

        public int available()
        {
            return length - position;
        }

        public int read()
        {
            return position < length ? bytes[position++] & 0xFF : -1;
        }

        public int read(final byte[] target, final int offset, final int count)
        {
            if (position >= length)
            {
                return -1;
            }
            final int n = Math.min(count, length - position);
            System.arraycopy(bytes, position, target, offset, n);
            position += n;
            return n;
        }
    }
}
