package org.eventpipe.bridge;

/**
 * Receives frames on one edge of the split pipeline, whole and in order.
 */
public interface FrameReceiver extends AutoCloseable
{
    /**
     * Deliver available frames to the consumer, whole: a frame is delivered once all of it has arrived.
     *
     * @param consumer   of the frames; the buffer is only valid during the call.
     * @param frameLimit most units of work to do: frames, or for a transport that fragments them (Aeron) fragments.
     * @return a work count in the same units, as an Agrona agent's {@code doWork} returns: 0 when nothing arrived.
     *         It is not a frame count; the stage counts the frames it is given (see
     *         {@code org.eventpipe.stage.InputAdapter}).
     */
    int poll(FrameConsumer consumer, int frameLimit);

    /**
     * Whether a sender is connected.
     *
     * @return true if a sender is connected.
     */
    boolean isConnected();

    /**
     * Whether a sender was connected and has gone away: a sender that stops before its end of stream frame has died.
     *
     * @return true if the sender has gone.
     */
    boolean isSenderGone();

    /**
     * What this receiver receives from, for errors and reports.
     *
     * @return a short description.
     */
    String description();

    /**
     * {@inheritDoc}
     */
    void close();
}
