package org.eventpipe.bench.transport.grpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.eventpipe.bridge.FrameSender;

/**
 * The sending end of an edge: one client-streaming gRPC call to the receiving stage's server, over a plaintext
 * loopback channel ({@code directExecutor}, retries off). The receiver's port is read from the file it publishes in
 * the run directory; until the file exists, and until the call is ready, every send returns
 * {@link FrameSender#NOT_CONNECTED}, so the stage's publisher waits within its connect timeout.
 * <p>
 * Flow control: a frame is only handed to gRPC when the call {@code isReady()} (gRPC buffers at most its on-ready
 * threshold, 32 KiB unless {@link GrpcConfiguration#ON_READY_THRESHOLD_PROP_NAME}, plus the frame in hand);
 * otherwise the send returns {@link FrameSender#BACK_PRESSURED} and the publisher retries under its idle strategy,
 * beating its heartbeat. Nothing is buffered here. Claims are encoded into one reused heap buffer
 * ({@link OutgoingFrame}) that gRPC copies into its own buffers during {@code onNext}.
 * <p>
 * Once the call has failed (the receiving stage died, its connection was lost, or its server refused the call), every
 * send returns {@link FrameSender#CLOSED} and {@link #description()} carries gRPC's status: the publisher fails the
 * stage naming the edge. {@link #close()} half-closes the call and waits (up to the close timeout) for the receiver
 * to acknowledge it, so that gRPC has written the last frames before the process exits.
 */
final class GrpcFrameSender implements FrameSender, ClientResponseObserver<OutgoingFrame, byte[]>
{
    private final Path portFile;
    private final String edgeName;
    private final OutgoingFrame frame;
    private final long closeTimeoutMs;
    private final int onReadyThreshold;
    private final CountDownLatch callDone = new CountDownLatch(1);

    private ManagedChannel channel;
    private ClientCallStreamObserver<OutgoingFrame> requests;
    private String target = "port not yet published";
    private volatile boolean everReady;
    private volatile String failure;
    private volatile boolean closed;
    private int claimLength;

    /**
     * Create a sender; it connects once the receiver's port file exists.
     *
     * @param portFile       where the receiving stage publishes its port.
     * @param edgeName       for descriptions.
     * @param maxFrameLength longest frame.
     * @param closeTimeoutMs   how long {@link #close()} waits for the receiver's acknowledgement.
     * @param onReadyThreshold bytes gRPC may buffer before the call is not ready, 0 for gRPC's default.
     */
    GrpcFrameSender(
        final Path portFile,
        final String edgeName,
        final int maxFrameLength,
        final long closeTimeoutMs,
        final int onReadyThreshold)
    {
        this.portFile = portFile;
        this.edgeName = edgeName;
        this.frame = new OutgoingFrame(maxFrameLength);
        this.closeTimeoutMs = closeTimeoutMs;
        this.onReadyThreshold = onReadyThreshold;
    }

    /**
     * {@inheritDoc}
     */
    public long tryClaim(final int length)
    {
        final long state = sendState();
        if (state < 0)
        {
            return state;
        }
        if (length > frame.capacity())
        {
            return MAX_POSITION_EXCEEDED;
        }
        claimLength = length;
        return 0;
    }

    /**
     * {@inheritDoc}
     */
    public MutableDirectBuffer claimBuffer()
    {
        return frame.buffer();
    }

    /**
     * {@inheritDoc}
     */
    public int claimOffset()
    {
        return 0;
    }

    /**
     * {@inheritDoc}
     */
    public void commit()
    {
        send(claimLength);
    }

    /**
     * {@inheritDoc}
     */
    public void abort()
    {
        claimLength = 0;
    }

    /**
     * {@inheritDoc}
     */
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        final long state = sendState();
        if (state < 0)
        {
            return state;
        }
        if (length > frame.capacity())
        {
            return MAX_POSITION_EXCEEDED;
        }
        frame.buffer().putBytes(0, buffer, offset, length);
        send(length);
        return 0;
    }

    private void send(final int length)
    {
        frame.length(length);
        requests.onNext(frame);
    }

    /**
     * {@inheritDoc}
     */
    public int maxClaimLength()
    {
        return frame.capacity();
    }

    /**
     * {@inheritDoc}
     */
    public int maxFrameLength()
    {
        return frame.capacity();
    }

    /**
     * {@inheritDoc}
     */
    public boolean isConnected()
    {
        return sendState() != NOT_CONNECTED && null == failure;
    }

    /**
     * {@inheritDoc}
     */
    public String description()
    {
        final String failed = failure;
        return "grpc to " + target + " edge " + edgeName + (null == failed ? "" : " (call failed: " + failed + ")");
    }

    /**
     * Whether a frame may be sent now.
     *
     * @return 0 if so, else NOT_CONNECTED, BACK_PRESSURED or CLOSED.
     */
    private long sendState()
    {
        if (null != failure || closed)
        {
            return CLOSED;
        }
        if (null == requests && !startCall())
        {
            return NOT_CONNECTED;
        }
        if (requests.isReady())
        {
            everReady = true;
            return 0;
        }
        return everReady ? BACK_PRESSURED : NOT_CONNECTED;
    }

    private boolean startCall()
    {
        if (!Files.exists(portFile))
        {
            return false;
        }
        final int port;
        try
        {
            port = Integer.parseInt(Files.readString(portFile, StandardCharsets.US_ASCII).trim());
        }
        catch (final IOException | NumberFormatException ex)
        {
            throw new IllegalStateException("cannot read the port of edge " + edgeName + " from " + portFile + ": " +
                ex, ex);
        }
        target = "127.0.0.1:" + port;
        channel = NettyChannelBuilder.forAddress("127.0.0.1", port)
            .usePlaintext()
            .directExecutor()
            .disableRetry()
            .build();
        final CallOptions options = 0 == onReadyThreshold ? CallOptions.DEFAULT :
            CallOptions.DEFAULT.withOnReadyThreshold(onReadyThreshold);
        ClientCalls.asyncClientStreamingCall(channel.newCall(EdgeStreamMethod.client(), options), this);
        return null != requests;
    }

    /**
     * {@inheritDoc}
     */
    public void beforeStart(final ClientCallStreamObserver<OutgoingFrame> requestStream)
    {
        requests = requestStream;
        requestStream.setOnReadyHandler(this::onReady);
    }

    private void onReady()
    {
        everReady = true;
    }

    /**
     * {@inheritDoc}
     */
    public void onNext(final byte[] reply)
    {
    }

    /**
     * {@inheritDoc}
     */
    public void onError(final Throwable error)
    {
        if (!closed)
        {
            failure = Status.fromThrowable(error).toString();
        }
        callDone.countDown();
    }

    /**
     * {@inheritDoc}
     */
    public void onCompleted()
    {
        if (!closed)
        {
            failure = "the receiver ended the call before this sender closed it";
        }
        callDone.countDown();
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (null == channel)
        {
            return;
        }
        try
        {
            if (null == failure)
            {
                requests.onCompleted();
                callDone.await(closeTimeoutMs, TimeUnit.MILLISECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final RuntimeException ignore)
        {
            // the call is over already: nothing left to flush
        }
        finally
        {
            channel.shutdownNow();
            try
            {
                channel.awaitTermination(1, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }
}
