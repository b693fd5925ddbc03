package org.eventpipe.bench.transport.grpc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.grpc.MethodDescriptor;

/**
 * The one gRPC method of an edge, defined by hand (no protobuf, no generated code):
 * {@code eventpipe.EdgeStream/Frames}, client streaming, whose every message is one SBE frame as it is, and whose
 * single reply is empty. The two ends use two descriptors of the same method with different marshallers: the sender
 * streams its reused {@link OutgoingFrame}, the receiver parses each message into a {@code byte[]} of its own.
 */
final class EdgeStreamMethod
{
    /** The reply, and what the reply marshaller parses. */
    static final byte[] EMPTY = new byte[0];

    private static final String FULL_METHOD_NAME = MethodDescriptor.generateFullMethodName(
        GrpcConfiguration.SERVICE_NAME, GrpcConfiguration.METHOD_NAME);

    private EdgeStreamMethod()
    {
    }

    /**
     * The sending side's descriptor.
     *
     * @return a descriptor streaming {@link OutgoingFrame}s.
     */
    static MethodDescriptor<OutgoingFrame, byte[]> client()
    {
        return MethodDescriptor.<OutgoingFrame, byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.CLIENT_STREAMING)
            .setFullMethodName(FULL_METHOD_NAME)
            .setRequestMarshaller(new OutgoingMarshaller())
            .setResponseMarshaller(new BytesMarshaller())
            .build();
    }

    /**
     * The receiving side's descriptor.
     *
     * @return a descriptor parsing frames into byte arrays.
     */
    static MethodDescriptor<byte[], byte[]> server()
    {
        return MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.CLIENT_STREAMING)
            .setFullMethodName(FULL_METHOD_NAME)
            .setRequestMarshaller(new BytesMarshaller())
            .setResponseMarshaller(new BytesMarshaller())
            .build();
    }

    /**
     * Streams the sender's reused frame; a sender never parses a request.
     */
    static final class OutgoingMarshaller implements MethodDescriptor.Marshaller<OutgoingFrame>
    {
        public InputStream stream(final OutgoingFrame frame)
        {
            return frame.stream();
        }

        public OutgoingFrame parse(final InputStream stream)
        {
            throw new UnsupportedOperationException("a sender parses no frame");
        }
    }

    /**
     * A message as a byte array of exactly its length: one allocation per received frame, which gRPC's API makes
     * inherent (the message must outlive the call that delivers it, since the stage polls it later).
     */
    static final class BytesMarshaller implements MethodDescriptor.Marshaller<byte[]>
    {
        public InputStream stream(final byte[] value)
        {
            return new ByteArrayInputStream(value);
        }

        public byte[] parse(final InputStream stream)
        {
            try
            {
                final int known = stream.available();
                if (0 == known)
                {
                    final byte[] rest = stream.readAllBytes();
                    return 0 == rest.length ? EMPTY : rest;
                }
                final byte[] bytes = new byte[known];
                int read = 0;
                while (read < known)
                {
                    final int n = stream.read(bytes, read, known - read);
                    if (n < 0)
                    {
                        throw new IOException("frame ended after " + read + " of " + known + " bytes");
                    }
                    read += n;
                }
                final int next = stream.read();
                if (next >= 0)
                {
                    // available() was a lower bound only: take the rest too (gRPC's streams know their length)
                    final ByteArrayOutputStream whole = new ByteArrayOutputStream(known * 2);
                    whole.write(bytes);
                    whole.write(next);
                    stream.transferTo(whole);
                    return whole.toByteArray();
                }
                return bytes;
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
