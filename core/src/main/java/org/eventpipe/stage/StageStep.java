package org.eventpipe.stage;

import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.eventpipe.codec.EndOfStreamCounts;
import org.eventpipe.codec.FrameHandler;
import org.eventpipe.codec.FrameType;

/**
 * A stage's step: what it does with the entries its {@link InputAdapter} decodes, by calling the workload's handler
 * and appending the outcome to its {@link StageOutput}. It knows nothing of the transport, of the edge protocol or of
 * recovery: the adapter checks the protocol and the recovery, where there is one, follows the boundaries.
 */
public interface StageStep extends FrameHandler
{
    /**
     * A frame to pass through (rejects, metrics of the stages upstream) was received and validated.
     *
     * @param type       of the frame.
     * @param buffer     holding it; valid only during the call.
     * @param offset     of the frame.
     * @param length     of the frame.
     * @param eventCount entries the frame carries.
     */
    void onPassThrough(FrameType type, DirectBuffer buffer, int offset, int length, int eventCount);

    /**
     * The upstream ended and every frame it sent arrived: send what is pending and the stage's results, and fill in
     * the counts of the stage's own end of stream. Its metrics and end of stream are sent after this.
     *
     * @param upstream counts carried by the upstream's end of stream.
     * @param counts   of this stage's end of stream, to fill in.
     */
    void onUpstreamEnd(EndOfStreamCounts upstream, EndOfStreamCounts counts);

    /**
     * Bring the step's counters up to date: called after each poll that delivered frames, and before the end of
     * stream is filled in. The default has none.
     */
    default void updateCounters()
    {
    }

    /**
     * The latency histogram to attach to this stage's metrics.
     *
     * @return the histogram, or null (the default) if the stage records none.
     */
    default Histogram metricsHistogram()
    {
        return null;
    }
}
