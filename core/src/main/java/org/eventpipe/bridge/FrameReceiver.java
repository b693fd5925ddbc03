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
     * Position of the frame being delivered, for a {@link StageCheckpoint}: valid during
     * {@link FrameConsumer#onFrame}, increasing along the edge.
     *
     * @return the position, or {@link StageCheckpoint#NULL_POSITION} (the default) if the transport has none.
     */
    default long framePosition()
    {
        return StageCheckpoint.NULL_POSITION;
    }

    /**
     * Deliver frames from a position returned by {@link #framePosition()} on, the frame at it first: how a restarted
     * stage resumes.
     *
     * @param position to resume at.
     * @return true if positioned, false (the default) if the transport cannot.
     */
    default boolean seek(final long position)
    {
        return false;
    }

    /**
     * The stage no longer needs the frames before a position: the output it made from them is sent, with checkpoints
     * that resume at or after that position. A transport that persists frames may discard them; the default keeps
     * everything.
     *
     * @param position returned by {@link #framePosition()}; frames before it may go, the frame at it stays.
     */
    default void releaseBefore(final long position)
    {
    }

    /**
     * {@inheritDoc}
     */
    void close();
}
