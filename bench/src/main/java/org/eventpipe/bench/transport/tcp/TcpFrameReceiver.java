package org.eventpipe.bench.transport.tcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import org.agrona.DirectBuffer;
import org.eventpipe.bridge.Edge;
import org.eventpipe.bridge.FrameConsumer;
import org.eventpipe.bridge.FrameReceiver;
import org.eventpipe.stage.StageFailure;

/**
 * Receives frames on one edge from a non-blocking {@link SocketChannel}: listens on a loopback port of the kernel's
 * choice, accepts the first connection whose hello carries the run's token and this edge (closing any other), then
 * reads length-prefixed frames into one reusable direct buffer and delivers each whole frame from it
 * ({@link TcpFrameReader}). The listening socket is closed once the sender is accepted.
 * <p>
 * The sender is gone when the stream ends (or is reset) and no whole frame is left to deliver: a sender that stops
 * before its end of stream frame has died, and the stage fails naming the edge.
 */
final class TcpFrameReceiver implements FrameReceiver, FrameConsumer
{
    private final String stageName;
    private final Edge edge;
    private final long token;
    private final Runnable beforePoll;
    private final TcpFrameReader reader;
    private final int port;
    private final String description;
    private ServerSocketChannel server;
    private SocketChannel channel;
    private boolean helloReceived;
    private boolean helloValid;
    private boolean endOfStream;
    private String endCause;
    private int rejectedConnections;

    /**
     * Listen on a loopback port for the sender of an edge.
     *
     * @param stageName      of the receiving stage, for errors.
     * @param edge           received on.
     * @param token          of the run, which the sender's hello must carry.
     * @param maxFrameLength longest frame a sender may send.
     * @param beforePoll     run at the start of every poll: the link writes out its senders' pending bytes.
     * @throws IOException if no port can be bound.
     */
    TcpFrameReceiver(
        final String stageName,
        final Edge edge,
        final long token,
        final int maxFrameLength,
        final Runnable beforePoll) throws IOException
    {
        this.stageName = stageName;
        this.edge = edge;
        this.token = token;
        this.beforePoll = beforePoll;
        this.server = ServerSocketChannel.open();
        try
        {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
            server.configureBlocking(false);
        }
        catch (final IOException ex)
        {
            server.close();
            throw ex;
        }
        this.port = ((InetSocketAddress)server.getLocalAddress()).getPort();
        this.description = "tcp 127.0.0.1:" + port + " (edge " + edge.edgeName() + ")";
        this.reader = new TcpFrameReader(maxFrameLength, "stage " + stageName + ": edge " + edge.edgeName() + " (" +
            description + ")");
    }

    /**
     * The port listened on, to publish.
     *
     * @return the port.
     */
    int port()
    {
        return port;
    }

    /**
     * {@inheritDoc}
     *
     * @return the frames delivered.
     * @throws StageFailure if the stream is corrupt.
     */
    public int poll(final FrameConsumer consumer, final int frameLimit)
    {
        beforePoll.run();
        if (!helloValid && !acceptAndCheckHello())
        {
            return 0;
        }
        int delivered = reader.deliver(consumer, frameLimit);
        if (delivered < frameLimit && !endOfStream && read() > 0)
        {
            delivered += reader.deliver(consumer, frameLimit - delivered);
        }
        return delivered;
    }

    /**
     * {@inheritDoc}
     */
    public boolean isConnected()
    {
        return helloValid && (!endOfStream || reader.hasWholeFrame());
    }

    /**
     * {@inheritDoc}
     */
    public boolean isSenderGone()
    {
        return helloValid && endOfStream && !reader.hasWholeFrame();
    }

    /**
     * {@inheritDoc}
     */
    public String description()
    {
        return description + (null == endCause ? "" : "; " + endCause) +
            (rejectedConnections > 0 ? "; " + rejectedConnections + " connection(s) without the run's hello closed" :
            "");
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        closeQuietly(channel);
        closeQuietly(server);
        channel = null;
        server = null;
    }

    /**
     * Checks the hello, the first frame on a connection.
     * {@inheritDoc}
     */
    public void onFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        helloReceived = true;
        helloValid = TcpFrameSender.HELLO_LENGTH == length &&
            TcpFrameSender.HELLO_MAGIC == buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN) &&
            edge.ordinal() == buffer.getInt(offset + 4, ByteOrder.LITTLE_ENDIAN) &&
            token == buffer.getLong(offset + 8, ByteOrder.LITTLE_ENDIAN);
    }

    private boolean acceptAndCheckHello()
    {
        try
        {
            if (null == channel)
            {
                channel = server.accept();
                if (null == channel)
                {
                    return false;
                }
                channel.configureBlocking(false);
                reader.reset();
                endOfStream = false;
                endCause = null;
            }
            helloReceived = false;
            final int read = reader.read(channel);
            reader.deliver(this, 1);
            if (helloReceived && helloValid)
            {
                // one sender per edge: nobody else may connect
                closeQuietly(server);
                server = null;
                return true;
            }
            if (helloReceived || read < 0)
            {
                rejectConnection();
            }
            return false;
        }
        catch (final StageFailure ex)
        {
            // a length no sender of this transport writes: not our sender
            rejectConnection();
            return false;
        }
        catch (final IOException ex)
        {
            rejectConnection();
            return false;
        }
    }

    private void rejectConnection()
    {
        rejectedConnections++;
        closeQuietly(channel);
        channel = null;
        helloValid = false;
        reader.reset();
    }

    private int read()
    {
        try
        {
            final int read = reader.read(channel);
            if (read < 0)
            {
                endOfStream = true;
                endCause = "the sender closed the connection";
            }
            return read;
        }
        catch (final IOException ex)
        {
            endOfStream = true;
            endCause = "the connection failed: " + ex.getMessage();
            return -1;
        }
    }

    private static void closeQuietly(final java.nio.channels.Channel closeable)
    {
        if (null != closeable)
        {
            try
            {
                closeable.close();
            }
            catch (final IOException ignore)
            {
                // closing: nothing left to do with it
            }
        }
    }
}
