/**
 * The Chronicle Queue transport ({@code --transport chronicle}): one persisted queue per edge, stages restartable
 * without loss.
 * <pre>
 * ingest --[ingest-parse]--> parse --[parse-rules]--> rules --[rules-aggregate]--> aggregate --[aggregate-sink]--> sink
 *          (each [edge] a Chronicle queue directory; one appender, one tailer)
 * </pre>
 * <h2>Excerpts</h2>
 * One excerpt per SBE frame: a {@link org.eventpipe.recovery.StageCheckpoint} ({@value
 * org.eventpipe.chronicle.ChronicleConfiguration#CHECKPOINT_LENGTH} bytes), then the frame. Frames are encoded in place
 * into the writing document's mapped memory and decoded in place from the reading document's; no heap copy on either
 * side. The checkpoint is written into the same excerpt before it is committed, so it is atomic with the frame.
 * <h2>Restart without loss</h2>
 * A stage's checkpoint, stored with every frame it sends, says which input frame it was consuming (the excerpt's
 * queue index), how many of that frame's events its output already reflects, the receiver's counts before that frame,
 * its own counters (accepted / rejected / failed, kept / filtered / failed, lines read / blank) and the output
 * sequence number and counts including the frame. The stages keep it exact by updating it at every event and frame
 * boundary, flushing both batches of an edge together, and flushing before forwarding a frame. A restarted stage
 * reads the checkpoint of the last excerpt of its output queue, moves its tailer to the input frame, skips the events
 * already done, and continues the output sequence without a gap:
 * <ul>
 *     <li>ingest: generates or reads its input again and skips the lines already sent;</li>
 *     <li>parse, rules: resume at the checkpoint;</li>
 *     <li>aggregate: its state is not in its output, so it replays its input from the start and suppresses the frames
 *     the earlier process sent (its output is deterministic: one frame per pass-through frame, then results, metrics,
 *     end of stream);</li>
 *     <li>sink: has no output, so it simply reads its input again from the start.</li>
 * </ul>
 * A stage killed while writing leaves an unfinished excerpt that no tailer reads; its restarted process takes over the
 * queue's write lock after {@link org.eventpipe.chronicle.ChronicleConfiguration#TIMEOUT_MS_DEFAULT} ms and writes
 * over it. The report of a run with restarts shows, for a restarted stage, the metrics of its last process.
 * <h2>Files and start-up</h2>
 * Queues roll every second ({@link org.eventpipe.chronicle.SecondlyRollCycle}); parse and rules delete the files of
 * their input queue once their committed checkpoints resume past them, so a restarted stage finds what it needs and
 * freed memory is written again soon (see {@link org.eventpipe.chronicle.ChronicleConfiguration}). Before announcing
 * ready, a stage warms up the appender and tailer on a scratch queue ({@link org.eventpipe.chronicle.ChronicleWarmUp}).
 */
package org.eventpipe.chronicle;
