package org.eventpipe.bridge;

/**
 * Receives frames on one edge of the split pipeline, whole and in order.
 */
public interface FrameReceiver extends AutoCloseable
{
    /**
     * Deliver up to {@code frameLimit} available frames to the consumer.
     *
     * @param consumer   of the frames; the buffer is only valid during the call.
     * @param frameLimit most frames to deliver.
     * @return number of frames delivered.
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
