package org.eventpipe.bench.transport.tcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.eventpipe.bridge.Edge;
import org.eventpipe.bridge.FrameReceiver;
import org.eventpipe.bridge.FrameSender;
import org.eventpipe.bridge.StageLink;
import org.eventpipe.stage.StageFailure;

/**
 * A stage's TCP connections: one listening receiver for its input edge, which publishes its port in the run's TCP
 * directory, and one connecting sender for its output edge. Each poll of a receiver first writes out what the stage's
 * senders had left pending, so that the tail of a back-pressured frame does not wait for the stage's next send.
 * (Ingest has no input edge: the tail of its last frame waits for its next send or its close, which is only later
 * than it could be while ingest waits on a slow producer.)
 */
final class TcpStageLink implements StageLink
{
    private final String stageName;
    private final Path directory;
    private final long token;
    private final int maxFrameLength;
    private final int maxClaimLength;
    private final long drainTimeoutMs;
    private final List<TcpFrameSender> senders = new ArrayList<>();
    private final List<TcpFrameReceiver> receivers = new ArrayList<>();
    private final Runnable flushSenders = this::flushSenders;

    TcpStageLink(
        final String stageName,
        final Path directory,
        final long token,
        final int maxFrameLength,
        final int maxClaimLength,
        final long drainTimeoutMs)
    {
        this.stageName = stageName;
        this.directory = directory;
        this.token = token;
        this.maxFrameLength = maxFrameLength;
        this.maxClaimLength = maxClaimLength;
        this.drainTimeoutMs = drainTimeoutMs;
    }

    /**
     * {@inheritDoc}
     */
    public FrameSender sender(final Edge edge)
    {
        final TcpFrameSender sender = new TcpFrameSender(stageName, edge, TcpConfiguration.portFile(directory, edge),
            token, maxFrameLength, maxClaimLength, drainTimeoutMs);
        senders.add(sender);
        return sender;
    }

    /**
     * {@inheritDoc}
     *
     * @throws StageFailure if no loopback port can be bound or its file written.
     */
    public FrameReceiver receiver(final Edge edge)
    {
        final Path portFile = TcpConfiguration.portFile(directory, edge);
        TcpFrameReceiver receiver = null;
        try
        {
            receiver = new TcpFrameReceiver(stageName, edge, token, maxFrameLength, flushSenders);
            Files.createDirectories(directory);
            // written whole, then renamed: a sender never reads half a port number
            final Path partial = directory.resolve(edge.edgeName() + TcpConfiguration.PORT_FILE_SUFFIX + ".tmp");
            Files.writeString(partial, Integer.toString(receiver.port()), StandardCharsets.US_ASCII);
            Files.move(partial, portFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            if (null != receiver)
            {
                receiver.close();
            }
            throw new StageFailure("stage " + stageName + ": cannot listen for edge " + edge.edgeName() +
                " on loopback and publish the port in " + portFile + ": " + ex, ex);
        }
        receivers.add(receiver);
        return receiver;
    }

    /**
     * {@inheritDoc}
     *
     * @throws StageFailure if a sender could not write the rest of its last frame.
     */
    public void close()
    {
        StageFailure failure = null;
        for (final TcpFrameSender sender : senders)
        {
            try
            {
                sender.close();
            }
            catch (final StageFailure ex)
            {
                failure = null == failure ? ex : failure;
            }
        }
        for (final TcpFrameReceiver receiver : receivers)
        {
            receiver.close();
        }
        if (null != failure)
        {
            throw failure;
        }
    }

    private void flushSenders()
    {
        final List<TcpFrameSender> senders = this.senders;
        for (int i = 0, size = senders.size(); i < size; i++)
        {
            senders.get(i).flush();
        }
    }
}
