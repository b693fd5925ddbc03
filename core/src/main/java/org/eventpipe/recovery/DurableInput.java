package org.eventpipe.recovery;

/**
 * The receiving end of an edge whose transport persists frames: positions that a {@link StageCheckpoint} can name,
 * a seek to resume at one, and the release of frames a stage no longer needs. Offered by a link through
 * {@link DurableLink}.
 */
public interface DurableInput
{
    /**
     * Position of the frame being delivered: valid during the consumer's call, increasing along the edge.
     *
     * @return the position.
     */
    long framePosition();

    /**
     * Deliver frames from a position returned by {@link #framePosition()} on, the frame at it first: how a restarted
     * stage resumes.
     *
     * @param position to resume at.
     * @return true if positioned.
     */
    boolean seek(long position);

    /**
     * The stage no longer needs the frames before a position: the output it made from them is sent, with checkpoints
     * that resume at or after that position. The transport may discard them.
     *
     * @param position returned by {@link #framePosition()}; frames before it may go, the frame at it stays.
     */
    void releaseBefore(long position);
}
