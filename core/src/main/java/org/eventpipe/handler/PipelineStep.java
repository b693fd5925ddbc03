package org.eventpipe.handler;

import org.eventpipe.model.PipelineEvent;

/**
 * One step of the pipeline applied to an event in place. The seam shared by the monolith, the fused loop and the
 * stage processes: a step knows nothing of the Disruptor or of any transport.
 */
@FunctionalInterface
public interface PipelineStep
{
    /**
     * Apply the step to an event, updating its outcome as needed.
     *
     * @param event to process; reused by the caller after return.
     */
    void onEvent(PipelineEvent event);
}
