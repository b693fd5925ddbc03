package org.eventpipe.codec;

import org.agrona.DirectBuffer;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.workload.WorkloadResults;

/**
 * Callbacks of {@link FrameDecoder}, made only for a frame that has been validated whole. Every method has a no-op
 * default so that a stage implements only what it receives. Objects passed in are owned by the decoder and reused for
 * the next entry or frame: copy what must outlive the callback.
 * <p>
 * For every valid frame {@link #onFrameHeader} comes first, then one callback per group entry (or one for the frame's
 * content), in wire order. An exception thrown by a callback propagates out of {@link FrameDecoder#decode} and is not
 * counted as a corrupt frame.
 */
public interface FrameHandler
{
    /**
     * A valid frame starts.
     *
     * @param type       of the frame.
     * @param sender     stage that sent the frame.
     * @param sequence   of the frame on its edge.
     * @param eventCount entries in the frame's batch group, 0 for frames without one.
     */
    default void onFrameHeader(final FrameType type, final StageId sender, final long sequence, final int eventCount)
    {
    }

    /**
     * A line of a raw line batch: line number, true line length, line bytes (at most the decoder's maximum line length)
     * and ingest timestamp set, outcome pending. A line no longer than the maximum is always carried whole (the decoder
     * checks it); a longer one holds the bytes the sender carried, which the parser rejects as too long anyway.
     *
     * @param event reused for every line.
     */
    default void onRawLine(final PipelineEvent event)
    {
    }

    /**
     * An entry of a workload's entry batch, decoded into the event by the workload's
     * {@link org.eventpipe.workload.EntryCodec}: line number, ingest stamp and entry set, outcome accepted.
     *
     * @param event  reused for every entry.
     * @param buffer holding the frame; valid only during the call.
     * @param offset of the entry's encoded bytes, {@link org.eventpipe.workload.EntryCodec#entryLength()} long.
     */
    default void onEntry(final PipelineEvent event, final DirectBuffer buffer, final int offset)
    {
    }

    /**
     * A rejected line, with the length of its excerpt. The event has the line number, the true line length in
     * {@link PipelineEvent#lineLength()}, the excerpt in {@link PipelineEvent#line()} and the reject reason. Since the
     * excerpt may be shorter than the line, use {@code excerptLength} rather than
     * {@link PipelineEvent#storedLineLength()}. The default calls {@link #onReject(PipelineEvent)}.
     *
     * @param event         reused for every reject.
     * @param excerptLength bytes of the line held in {@link PipelineEvent#line()} from index 0.
     */
    default void onReject(final PipelineEvent event, final int excerptLength)
    {
        onReject(event);
    }

    /**
     * A rejected line; see {@link #onReject(PipelineEvent, int)}, which knows the excerpt length.
     *
     * @param event reused for every reject.
     */
    default void onReject(final PipelineEvent event)
    {
    }

    /**
     * The results of the workload's aggregate.
     *
     * @param results decoded by the workload; a new object for each frame.
     */
    default void onResults(final WorkloadResults results)
    {
    }

    /**
     * End of the stream on this edge, with the sender's counts.
     *
     * @param counts reused.
     */
    default void onEndOfStream(final EndOfStreamCounts counts)
    {
    }

    /**
     * Metrics of a stage, possibly forwarded by a later stage.
     *
     * @param metrics reused; the histogram bytes are copied into an array the snapshot owns.
     */
    default void onStageMetrics(final StageMetricsSnapshot metrics)
    {
    }
}
