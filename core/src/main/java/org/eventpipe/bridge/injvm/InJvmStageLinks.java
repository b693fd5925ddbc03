package org.eventpipe.bridge.injvm;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.eventpipe.bridge.Edge;
import org.eventpipe.bridge.FrameReceiver;
import org.eventpipe.bridge.FrameSender;
import org.eventpipe.bridge.StageLink;

/**
 * The four edges of the split pipeline as {@link InJvmChannel}s, so that all five stage agents run in one JVM, each on
 * its own thread:
 * <pre>
 * ingest --INGEST_TO_PARSE--> parse --PARSE_TO_RULES--> rules --RULES_TO_AGGREGATE--> aggregate
 *        --AGGREGATE_TO_SINK--> sink          (each arrow: one OneToOneRingBuffer)
 * </pre>
 * Each stage takes its own {@link #link()}; closing a link closes the senders it opened, which tells the
 * receivers downstream that the sender is gone once they have drained it.
 */
public final class InJvmStageLinks
{
    private final Map<Edge, InJvmChannel> channels = new EnumMap<>(Edge.class);

    /**
     * Create the edges with rings of {@link InJvmChannel#CAPACITY_DEFAULT} bytes.
     */
    public InJvmStageLinks()
    {
        this(InJvmChannel.CAPACITY_DEFAULT);
    }

    /**
     * Create the edges.
     *
     * @param capacity of each ring in bytes, a power of two.
     */
    public InJvmStageLinks(final int capacity)
    {
        for (final Edge edge : Edge.values())
        {
            channels.put(edge, new InJvmChannel(edge.edgeName(), capacity));
        }
    }

    /**
     * The channel of an edge.
     *
     * @param edge wanted.
     * @return its channel.
     */
    public InJvmChannel channel(final Edge edge)
    {
        return channels.get(edge);
    }

    /**
     * A link for one stage.
     *
     * @return a link whose close closes the senders it handed out.
     */
    public StageLink link()
    {
        return new Link();
    }

    private final class Link implements StageLink
    {
        private final List<InJvmChannel> senders = new ArrayList<>();

        public FrameSender sender(final Edge edge)
        {
            final InJvmChannel channel = channels.get(edge);
            senders.add(channel);
            return channel;
        }

        public FrameReceiver receiver(final Edge edge)
        {
            return channels.get(edge);
        }

        public void close()
        {
            for (final InJvmChannel sender : senders)
            {
                sender.close();
            }
        }
    }
}
