package org.eventpipe.aeron;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import io.aeron.Aeron;
import io.aeron.ChannelUri;
import io.aeron.CommonContext;
import io.aeron.Subscription;
import io.aeron.exceptions.RegistrationException;
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
        final String channel = channelOfEdge.apply(edge);
        final Subscription subscription;
        try
        {
            subscription = aeron.addSubscription(channel, streamIdOfEdge.applyAsInt(edge));
        }
        catch (final RegistrationException ex)
        {
            throw new IllegalStateException(cannotSubscribe(edge, channel, ex), ex);
        }
        final AeronFrameReceiver receiver = new AeronFrameReceiver(subscription);
        opened.add(receiver);
        return receiver;
    }

    /**
     * What to tell the user when the media driver refuses the subscription of an edge; for a UDP endpoint that is
     * taken, which endpoint and how to choose another.
     */
    static String cannotSubscribe(final Edge edge, final String channel, final RegistrationException ex)
    {
        final String message = String.valueOf(ex.getMessage());
        final String endpoint = ChannelUri.parse(channel).get(CommonContext.ENDPOINT_PARAM_NAME);
        if (null != endpoint && message.contains("Address already in use"))
        {
            return "edge " + edge.edgeName() + ": UDP endpoint " + endpoint + " is already in use (by another run " +
                "or program); choose a free one with --endpoint " + edge.edgeName() + "=HOST:PORT, or leave " +
                "--endpoint out for free loopback ports";
        }
        return "edge " + edge.edgeName() + ": the media driver refused a subscription to " + channel + ": " + message;
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
