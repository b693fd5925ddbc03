package org.eventpipe.bench.transport.grpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.agrona.CloseHelper;
import org.eventpipe.bridge.Edge;
import org.eventpipe.bridge.FrameReceiver;
import org.eventpipe.bridge.FrameSender;
import org.eventpipe.bridge.StageLink;

/**
 * A stage's gRPC ends: a server per edge it receives (its port published in the port directory) and a channel per
 * edge it sends on. Senders are closed before receivers, so that a stage's downstream call is half-closed before its
 * own server stops.
 */
final class GrpcStageLink implements StageLink
{
    private final String stageName;
    private final Path portDirectory;
    private final int queueFrames;
    private final int maxFrameLength;
    private final long closeTimeoutMs;
    private final int onReadyThreshold;
    private final List<AutoCloseable> senders = new ArrayList<>();
    private final List<AutoCloseable> receivers = new ArrayList<>();

    GrpcStageLink(final String stageName, final Path portDirectory, final Map<String, String> properties)
    {
        this.stageName = stageName;
        this.portDirectory = portDirectory;
        this.queueFrames = GrpcConfiguration.receiveQueueFrames(properties);
        this.maxFrameLength = GrpcConfiguration.maxFrameLength(properties);
        this.closeTimeoutMs = GrpcConfiguration.closeTimeoutMs(properties);
        this.onReadyThreshold = GrpcConfiguration.onReadyThreshold(properties);
    }

    /**
     * {@inheritDoc}
     */
    public FrameSender sender(final Edge edge)
    {
        final GrpcFrameSender sender = new GrpcFrameSender(
            portDirectory.resolve(GrpcConfiguration.portFileName(edge)), edge.edgeName(), maxFrameLength,
            closeTimeoutMs, onReadyThreshold);
        senders.add(sender);
        return sender;
    }

    /**
     * {@inheritDoc}
     */
    public FrameReceiver receiver(final Edge edge)
    {
        try
        {
            final GrpcFrameReceiver receiver = new GrpcFrameReceiver(edge.edgeName(), queueFrames, maxFrameLength);
            receivers.add(receiver);
            publishPort(edge, receiver.port());
            return receiver;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("stage " + stageName + ": cannot serve edge " + edge.edgeName() + ": " +
                ex.getMessage(), ex);
        }
    }

    /**
     * Write the port to a temporary file and move it into place, so that a sender never reads half a port. The
     * directory is made if missing: stages started by hand from {@code --print-commands} find only the run directory.
     */
    private void publishPort(final Edge edge, final int port) throws IOException
    {
        Files.createDirectories(portDirectory);
        final Path file = portDirectory.resolve(GrpcConfiguration.portFileName(edge));
        final Path temporary = portDirectory.resolve(GrpcConfiguration.portFileName(edge) + ".tmp");
        Files.writeString(temporary, port + "\n", StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        CloseHelper.closeAll(senders);
        CloseHelper.closeAll(receivers);
    }
}
