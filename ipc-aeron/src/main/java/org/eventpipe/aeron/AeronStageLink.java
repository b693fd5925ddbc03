package org.eventpipe.aeron;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import io.aeron.Aeron;
import org.agrona.CloseHelper;
import org.eventpipe.bridge.Edge;
import org.eventpipe.bridge.FrameReceiver;
import org.eventpipe.bridge.FrameSender;
import org.eventpipe.bridge.StageLink;

/**
 * A stage's Aeron client connected to the media driver, with one exclusive publication or subscription per edge.
 */
final class AeronStageLink implements StageLink
{
    private final Aeron aeron;
    private final Function<Edge, String> channelOfEdge;
    private final ToIntFunction<Edge> streamIdOfEdge;
    private final List<AutoCloseable> opened = new ArrayList<>();

    AeronStageLink(
        final Aeron aeron, final Function<Edge, String> channelOfEdge, final ToIntFunction<Edge> streamIdOfEdge)
    {
        this.aeron = aeron;
        this.channelOfEdge = channelOfEdge;
        this.streamIdOfEdge = streamIdOfEdge;
    }

    /**
     * {@inheritDoc}
     */
    public List<Path> mappedDirectories()
    {
        return List.of(Path.of(aeron.context().aeronDirectoryName()));
    }

    /**
     * {@inheritDoc}
     */
    public FrameSender sender(final Edge edge)
    {
        final AeronFrameSender sender = new AeronFrameSender(
            aeron.addExclusivePublication(channelOfEdge.apply(edge), streamIdOfEdge.applyAsInt(edge)));
        opened.add(sender);
        return sender;
    }

    /**
     * {@inheritDoc}
     */
    public FrameReceiver receiver(final Edge edge)
    {
        final AeronFrameReceiver receiver = new AeronFrameReceiver(
            aeron.addSubscription(channelOfEdge.apply(edge), streamIdOfEdge.applyAsInt(edge)));
        opened.add(receiver);
        return receiver;
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        CloseHelper.closeAll(opened);
        CloseHelper.close(aeron);
    }
}
