package org.eventpipe.bench.transport.grpc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.UnsafeBuffer;
import org.eventpipe.bridge.FrameConsumer;
import org.eventpipe.bridge.FrameReceiver;

/**
 * The receiving end of an edge: a gRPC server of its own on {@code 127.0.0.1}, on a port the system chooses, serving
 * one client-streaming call (a second is refused). gRPC delivers each frame on its Netty thread
 * ({@code directExecutor}), as a {@code byte[]} of its own (one allocation per frame: gRPC's API hands over a message
 * that must outlive the call, so a baseline accepts it), into a bounded queue; {@link #poll} drains the queue on the
 * stage's thread.
 * <p>
 * Flow control: manual ({@code disableAutoRequest}). The receiver requests as many frames as the queue holds and
 * requests more only as the stage takes them, so the queue can never overflow; a sender that runs ahead is held by
 * gRPC's HTTP/2 window and then sees {@code isReady() == false}, which its stage takes as back-pressure. Credits go
 * back in batches of a quarter of the queue, to wake gRPC's thread less often.
 * <p>
 * The sender is connected from the moment its call arrives until it half-closes or goes away (cancelled, connection
 * lost), and still while frames it sent before are queued, so that a stage never sees its upstream gone before it has
 * polled every frame, the end of stream included.
 */
final class GrpcFrameReceiver implements FrameReceiver
{
    private final Server server;
    private final ManyToOneConcurrentArrayQueue<byte[]> queue;
    private final UnsafeBuffer frameBuffer = new UnsafeBuffer(EdgeStreamMethod.EMPTY);
    private final AtomicBoolean callTaken = new AtomicBoolean();
    private final int creditBatch;
    private final String description;

    private volatile ServerCallStreamObserver<byte[]> call;
    private volatile boolean streamOpen;
    private volatile boolean streamEnded;
    private volatile String endReason;
    private volatile String overflow;
    private int creditsToReturn;

    /**
     * Start the server.
     *
     * @param edgeName       for descriptions.
     * @param queueFrames    capacity of the queue in frames, a power of two.
     * @param maxFrameLength largest frame accepted.
     * @throws IOException if the server cannot bind.
     */
    GrpcFrameReceiver(final String edgeName, final int queueFrames, final int maxFrameLength) throws IOException
    {
        this.queue = new ManyToOneConcurrentArrayQueue<>(queueFrames);
        this.creditBatch = Math.max(1, queueFrames / 4);
        final ServerServiceDefinition service = ServerServiceDefinition.builder(GrpcConfiguration.SERVICE_NAME)
            .addMethod(EdgeStreamMethod.server(), ServerCalls.asyncClientStreamingCall(this::onCall))
            .build();
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .directExecutor()
            .maxInboundMessageSize(maxFrameLength)
            .addService(service)
            .build()
            .start();
        this.description = "grpc server 127.0.0.1:" + server.getPort() + " edge " + edgeName;
    }

    /**
     * The port bound.
     *
     * @return the port.
     */
    int port()
    {
        return server.getPort();
    }

    private StreamObserver<byte[]> onCall(final StreamObserver<byte[]> reply)
    {
        final ServerCallStreamObserver<byte[]> serverCall = (ServerCallStreamObserver<byte[]>)reply;
        if (!callTaken.compareAndSet(false, true))
        {
            reply.onError(Status.ALREADY_EXISTS.withDescription("this edge already has its sender")
                .asRuntimeException());
            return new Discard();
        }
        serverCall.disableAutoRequest();
        call = serverCall;
        streamOpen = true;
        serverCall.request(queue.capacity());
        return new Inbound(serverCall);
    }

    /**
     * {@inheritDoc}
     */
    public int poll(final FrameConsumer consumer, final int frameLimit)
    {
        if (null != overflow)
        {
            throw new IllegalStateException(overflow);
        }
        int frames = 0;
        byte[] frame;
        while (frames < frameLimit && null != (frame = queue.poll()))
        {
            frames++;
            frameBuffer.wrap(frame);
            consumer.onFrame(frameBuffer, 0, frame.length);
        }
        if (frames > 0)
        {
            creditsToReturn += frames;
            if (creditsToReturn >= creditBatch)
            {
                final ServerCallStreamObserver<byte[]> current = call;
                if (null != current && streamOpen)
                {
                    current.request(creditsToReturn);
                }
                creditsToReturn = 0;
            }
        }
        return frames;
    }

    /**
     * {@inheritDoc}
     */
    public boolean isConnected()
    {
        // streamEnded is read first: the frames received before the end were queued before it was set
        return !streamEnded ? streamOpen : !queue.isEmpty();
    }

    /**
     * {@inheritDoc}
     */
    public boolean isSenderGone()
    {
        return streamEnded && queue.isEmpty();
    }

    /**
     * {@inheritDoc}
     */
    public String description()
    {
        final String reason = endReason;
        return null == reason ? description : description + " (" + reason + ")";
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        server.shutdownNow();
        try
        {
            server.awaitTermination(1, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private final class Inbound implements StreamObserver<byte[]>
    {
        private final ServerCallStreamObserver<byte[]> reply;

        Inbound(final ServerCallStreamObserver<byte[]> reply)
        {
            this.reply = reply;
        }

        public void onNext(final byte[] frame)
        {
            if (!queue.offer(frame))
            {
                // cannot happen while credits never exceed free slots; fail loudly rather than drop
                overflow = "gRPC delivered a frame beyond the requested credits on " + description;
                reply.onError(Status.RESOURCE_EXHAUSTED.withDescription(overflow).asRuntimeException());
                end("receive queue overflow");
            }
        }

        public void onError(final Throwable error)
        {
            end("sender went away: " + Status.fromThrowable(error));
        }

        public void onCompleted()
        {
            end("sender half-closed");
            reply.onNext(EdgeStreamMethod.EMPTY);
            reply.onCompleted();
        }

        private void end(final String reason)
        {
            endReason = reason;
            streamOpen = false;
            streamEnded = true;
        }
    }

    private static final class Discard implements StreamObserver<byte[]>
    {
        public void onNext(final byte[] frame)
        {
        }

        public void onError(final Throwable error)
        {
        }

        public void onCompleted()
        {
        }
    }
}
