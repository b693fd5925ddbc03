package org.eventpipe.bridge;

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
     * Close every sender and receiver and the connection.
     */
    void close();
}
