package org.eventpipe.bench.transport.tcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.eventpipe.bridge.Edge;
import org.eventpipe.bridge.FrameSender;
import org.eventpipe.stage.StageFailure;

/**
 * Sends frames on one edge over a non-blocking {@link SocketChannel} to the receiving stage on loopback, each frame
 * as a 4-byte little-endian length and the frame's bytes.
 * <p>
 * Connecting: the receiving stage publishes its port in a file ({@link TcpConfiguration#portFile}); until the file
 * exists and the connection is made, sends are {@link #NOT_CONNECTED} (the publisher waits up to its connect
 * timeout). The first bytes on the connection are a hello with the run's token and the edge, which the receiver
 * checks.
 * <p>
 * Sending: a frame up to {@link #maxClaimLength()} is encoded in place in this sender's direct buffer after room for
 * its prefix, and {@link #commit()} writes prefix and frame with one write. A longer frame is
 * {@link #offer(DirectBuffer, int, int) offered} and written with one gathering write of the prefix and the caller's
 * bytes. Writes are non-blocking: whatever the socket does not take stays in this sender's buffer (at most one frame),
 * and the next send first tries to write it. If it still cannot, the send is {@link #BACK_PRESSURED}: a full socket
 * buffer is back-pressure, and nothing is buffered beyond one frame. The receiving stage's polls also push the rest
 * out ({@link #flush()}), and {@link #close()} waits, within a deadline, until it is written.
 * <p>
 * A receiver that is gone (reset, broken pipe, connection refused) fails the stage with a message naming the edge;
 * nothing is dropped silently.
 */
final class TcpFrameSender implements FrameSender
{
    /** Magic number of the hello, "EPTC" in ASCII. */
    static final int HELLO_MAGIC = 0x45505443;

    /** Length of the hello frame: magic, edge ordinal, run token. */
    static final int HELLO_LENGTH = 16;

    private final String stageName;
    private final Edge edge;
    private final Path portFile;
    private final long token;
    private final int maxFrameLength;
    private final int maxClaimLength;
    private final long drainTimeoutNanos;
    private final ByteBuffer sendByteBuffer;
    private final UnsafeBuffer sendBuffer;
    private final ByteBuffer prefixByteBuffer;
    private final UnsafeBuffer prefixBuffer;
    private final ByteBuffer[] gather = new ByteBuffer[2];
    private ByteBuffer directSource;
    private ByteBuffer directView;
    private byte[] heapSource;
    private ByteBuffer heapView;

    private SocketChannel channel;
    private int port = -1;
    private boolean connected;
    private String failure;
    private boolean failureReported;
    private int pendingStart;
    private int pendingEnd;
    private int claimLength = -1;
    private String description;

    /**
     * Create a sender that connects once the receiver has published its port.
     *
     * @param stageName         of the sending stage, for errors.
     * @param edge              sent on.
     * @param portFile          where the receiving stage publishes its port.
     * @param token             of the run, sent in the hello.
     * @param maxFrameLength    longest frame.
     * @param maxClaimLength    longest frame encoded in place, at most {@code maxFrameLength}.
     * @param drainTimeoutMs    how long {@link #close()} waits for the last frame to be written.
     */
    TcpFrameSender(
        final String stageName,
        final Edge edge,
        final Path portFile,
        final long token,
        final int maxFrameLength,
        final int maxClaimLength,
        final long drainTimeoutMs)
    {
        if (maxClaimLength < HELLO_LENGTH || maxClaimLength > maxFrameLength)
        {
            throw new IllegalArgumentException("claim length " + maxClaimLength + " must be in [" + HELLO_LENGTH +
                ", " + maxFrameLength + "]");
        }
        this.stageName = stageName;
        this.edge = edge;
        this.portFile = portFile;
        this.token = token;
        this.maxFrameLength = maxFrameLength;
        this.maxClaimLength = maxClaimLength;
        this.drainTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(drainTimeoutMs);
        // the rest of one frame of any length, prefix included
        this.sendByteBuffer = ByteBuffer.allocateDirect(TcpFrameReader.LENGTH_PREFIX + maxFrameLength);
        this.sendBuffer = new UnsafeBuffer(sendByteBuffer);
        this.prefixByteBuffer = ByteBuffer.allocateDirect(TcpFrameReader.LENGTH_PREFIX);
        this.prefixBuffer = new UnsafeBuffer(prefixByteBuffer);
        this.description = "tcp to the port in " + portFile;
    }

    /**
     * {@inheritDoc}
     */
    public long tryClaim(final int length)
    {
        final long ready = readyToSend();
        if (ready < 0)
        {
            return ready;
        }
        if (length < 1 || length > maxClaimLength)
        {
            throw new IllegalArgumentException("claim of " + length + " bytes outside [1, " + maxClaimLength + "]");
        }
        claimLength = length;
        return length;
    }

    /**
     * {@inheritDoc}
     */
    public MutableDirectBuffer claimBuffer()
    {
        return sendBuffer;
    }

    /**
     * {@inheritDoc}
     */
    public int claimOffset()
    {
        return TcpFrameReader.LENGTH_PREFIX;
    }

    /**
     * {@inheritDoc}
     *
     * @throws StageFailure if the receiver is gone.
     */
    public void commit()
    {
        final int length = claimLength;
        claimLength = -1;
        sendBuffer.putInt(0, length, ByteOrder.LITTLE_ENDIAN);
        pendingStart = 0;
        pendingEnd = TcpFrameReader.LENGTH_PREFIX + length;
        flush();
        if (null != failure)
        {
            failureReported = true;
            throw new StageFailure(failure);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void abort()
    {
        claimLength = -1;
    }

    /**
     * {@inheritDoc}
     */
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        final long ready = readyToSend();
        if (ready < 0)
        {
            return ready;
        }
        if (length < 1 || length > maxFrameLength)
        {
            throw new IllegalArgumentException("frame of " + length + " bytes outside [1, " + maxFrameLength + "]");
        }
        final ByteBuffer body = view(buffer, offset, length);
        if (null == body)
        {
            sendBuffer.putInt(0, length, ByteOrder.LITTLE_ENDIAN);
            sendBuffer.putBytes(TcpFrameReader.LENGTH_PREFIX, buffer, offset, length);
            pendingStart = 0;
            pendingEnd = TcpFrameReader.LENGTH_PREFIX + length;
            flush();
            return null == failure ? length : closed();
        }
        prefixBuffer.putInt(0, length, ByteOrder.LITTLE_ENDIAN);
        prefixByteBuffer.clear();
        gather[0] = prefixByteBuffer;
        gather[1] = body;
        try
        {
            channel.write(gather);
        }
        catch (final IOException ex)
        {
            onWriteFailure(ex);
            return closed();
        }
        // keep what the socket did not take, in stream order: the rest of the prefix, then the rest of the frame
        final int prefixLeft = prefixByteBuffer.remaining();
        final int bodyLeft = body.remaining();
        if (prefixLeft + bodyLeft > 0)
        {
            sendBuffer.putBytes(0, prefixBuffer, TcpFrameReader.LENGTH_PREFIX - prefixLeft, prefixLeft);
            sendBuffer.putBytes(prefixLeft, buffer, offset + length - bodyLeft, bodyLeft);
            pendingStart = 0;
            pendingEnd = prefixLeft + bodyLeft;
        }
        return length;
    }

    /**
     * {@inheritDoc}
     */
    public int maxClaimLength()
    {
        return maxClaimLength;
    }

    /**
     * {@inheritDoc}
     */
    public int maxFrameLength()
    {
        return maxFrameLength;
    }

    /**
     * {@inheritDoc}
     *
     * @throws StageFailure if the receiver published its port but the connection is refused or fails.
     */
    public boolean isConnected()
    {
        return null == failure && tryConnect();
    }

    /**
     * {@inheritDoc}
     */
    public String description()
    {
        return null == failure ? description : description + "; " + failure;
    }

    /**
     * Write what the socket did not take of the last frame, if it takes it now.
     *
     * @return true if nothing is left to write.
     */
    boolean flush()
    {
        if (pendingStart == pendingEnd)
        {
            return true;
        }
        if (null != failure)
        {
            return false;
        }
        sendByteBuffer.limit(pendingEnd).position(pendingStart);
        try
        {
            pendingStart += channel.write(sendByteBuffer);
        }
        catch (final IOException ex)
        {
            onWriteFailure(ex);
            return false;
        }
        if (pendingStart == pendingEnd)
        {
            pendingStart = 0;
            pendingEnd = 0;
            return true;
        }
        return false;
    }

    /**
     * Bytes written by a send that the socket has not taken yet.
     *
     * @return the count.
     */
    int pendingBytes()
    {
        return pendingEnd - pendingStart;
    }

    /**
     * Write the rest of the last frame, waiting up to the drain timeout, then close the connection.
     *
     * @throws StageFailure if the rest could not be written, and no send has reported why: the receiver would miss
     *                      the end of the stream.
     */
    public void close()
    {
        try
        {
            final long deadline = System.nanoTime() + drainTimeoutNanos;
            while (connected && !flush() && null == failure && System.nanoTime() < deadline)
            {
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
            }
            if (pendingBytes() > 0 && !failureReported)
            {
                throw new StageFailure("stage " + stageName + ": " + pendingBytes() + " bytes of the last frame " +
                    "on edge " + edge.edgeName() + " were not sent: " + (null == failure ? "the receiver took " +
                    "nothing for " + TimeUnit.NANOSECONDS.toMillis(drainTimeoutNanos) + " ms (" + description + ")" :
                    failure));
            }
        }
        finally
        {
            closeChannel();
        }
    }

    private long readyToSend()
    {
        if (null != failure)
        {
            return closed();
        }
        if (!tryConnect())
        {
            return NOT_CONNECTED;
        }
        if (!flush())
        {
            return null == failure ? BACK_PRESSURED : closed();
        }
        return 0;
    }

    /**
     * The result of a send after a failure, which the caller reports with {@link #description()}.
     */
    private long closed()
    {
        failureReported = true;
        return CLOSED;
    }

    private boolean tryConnect()
    {
        if (connected)
        {
            return true;
        }
        try
        {
            if (null == channel)
            {
                if (!Files.exists(portFile))
                {
                    return false;
                }
                port = readPort();
                description = "tcp 127.0.0.1:" + port + " (edge " + edge.edgeName() + ")";
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (!channel.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)) &&
                    !channel.finishConnect())
                {
                    return false;
                }
            }
            else if (!channel.finishConnect())
            {
                return false;
            }
        }
        catch (final NoSuchFileException ex)
        {
            return false;
        }
        catch (final IOException | RuntimeException ex)
        {
            closeChannel();
            throw new StageFailure("stage " + stageName + ": cannot connect to the receiving stage on edge " +
                edge.edgeName() + " (" + description + "): " + ex, ex);
        }
        connected = true;
        sendBuffer.putInt(0, HELLO_LENGTH, ByteOrder.LITTLE_ENDIAN);
        sendBuffer.putInt(TcpFrameReader.LENGTH_PREFIX, HELLO_MAGIC, ByteOrder.LITTLE_ENDIAN);
        sendBuffer.putInt(TcpFrameReader.LENGTH_PREFIX + 4, edge.ordinal(), ByteOrder.LITTLE_ENDIAN);
        sendBuffer.putLong(TcpFrameReader.LENGTH_PREFIX + 8, token, ByteOrder.LITTLE_ENDIAN);
        pendingStart = 0;
        pendingEnd = TcpFrameReader.LENGTH_PREFIX + HELLO_LENGTH;
        flush();
        return true;
    }

    private int readPort() throws IOException
    {
        final String text = Files.readString(portFile, StandardCharsets.US_ASCII).trim();
        try
        {
            final int value = Integer.parseInt(text);
            if (value < 1 || value > 65_535)
            {
                throw new NumberFormatException("out of range");
            }
            return value;
        }
        catch (final NumberFormatException ex)
        {
            throw new IOException("port file " + portFile + " holds '" + text + "', not a port");
        }
    }

    /**
     * A view of the frame for the gathering write, without allocating per frame: a duplicate of a direct buffer, or a
     * wrap of a heap array, made once per source buffer (a stage offers from one or two). Null for memory that is
     * neither, which is copied instead.
     */
    private ByteBuffer view(final DirectBuffer buffer, final int offset, final int length)
    {
        final int start = buffer.wrapAdjustment() + offset;
        final ByteBuffer source = buffer.byteBuffer();
        if (null != source && source.isDirect())
        {
            if (source != directSource)
            {
                directSource = source;
                directView = source.duplicate();
            }
            directView.limit(start + length).position(start);
            return directView;
        }
        final byte[] array = buffer.byteArray();
        if (null != array)
        {
            if (array != heapSource)
            {
                heapSource = array;
                heapView = ByteBuffer.wrap(array);
            }
            heapView.limit(start + length).position(start);
            return heapView;
        }
        return null;
    }

    private void onWriteFailure(final IOException ex)
    {
        failure = "stage " + stageName + ": cannot send on edge " + edge.edgeName() + " (" + description +
            "): the receiving stage is gone: " + ex.getMessage();
    }

    private void closeChannel()
    {
        if (null != channel)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // closing: nothing left to do with it
            }
        }
    }
}
