package org.eventpipe.bridge;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.eventpipe.recovery.DurableLink;

/**
 * A stage's connection to a transport: senders and receivers for its edges.
 */
public interface StageLink extends AutoCloseable
{
    /**
     * Open the sending end of an edge.
     *
     * @param edge to send on.
     * @return the sender, closed with the link.
     */
    FrameSender sender(Edge edge);

    /**
     * Open the receiving end of an edge.
     *
     * @param edge to receive from.
     * @return the receiver, closed with the link.
     */
    FrameReceiver receiver(Edge edge);

    /**
     * Before the stage announces it is ready: run frames through the transport's own code, on a scratch edge of its
     * own, so that the JIT compiles that code during start-up instead of while the stage carries the run's events.
     * The default does nothing.
     *
     * @return what was done, for the stage's log, or null if nothing.
     */
    default String warmUp()
    {
        return null;
    }

    /**
     * The durable side of this link's senders and receivers, if its transport persists frames: only then can a
     * stage be restarted and resume without loss (see {@code org.eventpipe.stage.StageRecovery}).
     *
     * @return the capability, or empty (the default) for a transport that keeps no frames.
     */
    default Optional<DurableLink> durability()
    {
        return Optional.empty();
    }

    /**
     * The directories this link maps files in, to name the full one when a write to a mapped file faults. The default
     * maps none.
     *
     * @return the directories, possibly empty.
     */
    default List<Path> mappedDirectories()
    {
        return List.of();
    }

    /**
     * Close every sender and receiver and the connection.
     */
    void close();
}
