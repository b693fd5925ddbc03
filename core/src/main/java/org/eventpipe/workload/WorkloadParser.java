package org.eventpipe.workload;

import org.eventpipe.handler.PipelineStep;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.model.RejectReason;

/**
 * A workload's parse handler: a line becomes the workload's entry, or is rejected with a reason. Its
 * {@link #onEvent(PipelineEvent)} parses the line the event holds.
 */
public interface WorkloadParser extends PipelineStep
{
    /**
     * Parse a line into the event: on success the entry is set and the outcome is
     * {@link org.eventpipe.model.Outcome#ACCEPTED}; otherwise the event is rejected with a reason (see
     * {@link PipelineEvent#reject}). The line itself is not copied into the event.
     *
     * @param bytes  holding the line.
     * @param offset of its first byte.
     * @param length true length of the line, which may exceed the bytes held if the line was truncated.
     * @param event  to fill in; its line number is already set.
     * @return true if the line was accepted.
     */
    boolean onLine(byte[] bytes, int offset, int length, PipelineEvent event);

    /**
     * Lines accepted so far.
     *
     * @return count of accepted lines.
     */
    long accepted();

    /**
     * Lines rejected so far, all reasons.
     *
     * @return count of rejected lines.
     */
    long rejected();

    /**
     * Lines rejected so far for one reason.
     *
     * @param reason of rejection.
     * @return count.
     */
    long rejected(RejectReason reason);
}
