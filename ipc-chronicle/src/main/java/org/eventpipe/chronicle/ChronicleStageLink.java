package org.eventpipe.chronicle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.agrona.CloseHelper;
import org.eventpipe.bridge.Edge;
import org.eventpipe.bridge.FrameReceiver;
import org.eventpipe.bridge.FrameSender;
import org.eventpipe.bridge.StageLink;
import org.eventpipe.recovery.DurableInput;
import org.eventpipe.recovery.DurableLink;
import org.eventpipe.recovery.DurableOutput;

/**
 * A stage's queues: one Chronicle queue per edge, in the directory {@code <queue dir>/<edge name>}, opened by the
 * sending and the receiving stage alike.
 */
final class ChronicleStageLink implements StageLink, DurableLink
{
    private final String stageName;
    private final Path queueDirectory;
    private final Map<String, String> properties;
    private final List<AutoCloseable> opened = new ArrayList<>();

    ChronicleStageLink(final String stageName, final Path queueDirectory, final Map<String, String> properties)
    {
        this.stageName = stageName;
        this.queueDirectory = queueDirectory;
        this.properties = properties;
    }

    /**
     * {@inheritDoc}
     */
    public List<Path> mappedDirectories()
    {
        return List.of(queueDirectory);
    }

    /**
     * {@inheritDoc}
     */
    public FrameSender sender(final Edge edge)
    {
        final long blockSize = ChronicleConfiguration.blockSize(properties);
        final ChronicleQueue queue = open(edge, blockSize);
        final long populateAhead = ChronicleConfiguration.populateAheadBytes(properties);
        final ChronicleFrameSender sender = new ChronicleFrameSender(queue, description(queue), blockSize,
            consumerPosition(edge), ChronicleConfiguration.maxLagBytes(properties),
            populateAhead > 0 ? PagePopulator.posix(populateAhead, description(queue)) : null);
        opened.add(sender);
        return sender;
    }

    /**
     * {@inheritDoc}
     */
    public FrameReceiver receiver(final Edge edge)
    {
        final ChronicleQueue queue = open(edge, ChronicleConfiguration.blockSize(properties));
        final ChronicleFrameReceiver receiver = new ChronicleFrameReceiver(queue, description(queue),
            ChronicleConfiguration.deleteConsumed(properties), consumerPosition(edge));
        opened.add(receiver);
        return receiver;
    }

    /**
     * {@inheritDoc}
     * <p>
     * Appends and reads {@link ChronicleConfiguration#WARM_UP_FRAMES_PROP_NAME} frames through a scratch queue in
     * {@code <queue dir>/warm-up-<stage>}, removed afterwards.
     */
    public String warmUp()
    {
        final int frames = ChronicleConfiguration.warmUpFrames(properties);
        if (0 == frames)
        {
            return null;
        }
        final long startNanos = System.nanoTime();
        ChronicleWarmUp.run(queueDirectory.resolve("warm-up-" + stageName), frames,
            ChronicleConfiguration.WARM_UP_FRAME_LENGTH);
        return "warmed up Chronicle with " + frames + " frames in " +
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos) + " ms";
    }

    /**
     * {@inheritDoc}
     * <p>
     * Every frame is an excerpt stored with the sending stage's checkpoint: a stage can be restarted.
     */
    public Optional<DurableLink> durability()
    {
        return Optional.of(this);
    }

    /**
     * {@inheritDoc}
     */
    public DurableOutput output(final FrameSender sender)
    {
        return (ChronicleFrameSender)sender;
    }

    /**
     * {@inheritDoc}
     */
    public DurableInput input(final FrameReceiver receiver)
    {
        return (ChronicleFrameReceiver)receiver;
    }

    private ChronicleQueue open(final Edge edge, final long blockSize)
    {
        final ChronicleQueue queue = SingleChronicleQueueBuilder.binary(queueDirectory.resolve(edge.edgeName()))
            .rollCycle(ChronicleConfiguration.rollCycle(properties))
            .blockSize(blockSize)
            .timeoutMS(ChronicleConfiguration.timeoutMs(properties))
            .build();
        opened.add(queue);
        return queue;
    }

    private ConsumerPosition consumerPosition(final Edge edge)
    {
        final ConsumerPosition position = ConsumerPosition.map(queueDirectory.resolve(edge.edgeName()));
        opened.add(position);
        return position;
    }

    private static String description(final ChronicleQueue queue)
    {
        return "chronicle queue " + queue.fileAbsolutePath();
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        for (int i = opened.size() - 1; i >= 0; i--)
        {
            CloseHelper.quietClose(opened.get(i));
        }
        opened.clear();
    }
}
