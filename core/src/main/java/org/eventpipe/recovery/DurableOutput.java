package org.eventpipe.recovery;

/**
 * The sending end of an edge whose transport persists frames, so that a stage can be restarted and resume without
 * loss: each frame is stored with the stage's {@link StageCheckpoint}, and a restarted stage reads the last one back.
 * Offered by a link through {@link DurableLink}; transports without durability (Aeron's publications, like its own
 * {@code Publication}, which leaves durability to the archive) offer none.
 */
public interface DurableOutput
{
    /**
     * Store the current value of a stage's checkpoint atomically with every frame sent from now on.
     *
     * @param checkpoint kept up to date by the stage; read by the sender when a frame is committed or offered.
     */
    void recordCheckpoints(StageCheckpoint checkpoint);

    /**
     * Read the checkpoint stored with the last frame on this edge, by an earlier process of the same stage.
     *
     * @param checkpoint to fill.
     * @return true if there was one (the stage is being restarted), false if the edge is empty.
     */
    boolean readLastCheckpoint(StageCheckpoint checkpoint);
}
