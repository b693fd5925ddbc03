package org.eventpipe.workload;

import org.eventpipe.handler.PipelineStep;

/**
 * A workload's aggregate: {@link #onEvent} folds a kept entry into the results.
 */
public interface WorkloadAggregator extends PipelineStep
{
    /**
     * Entries folded so far.
     *
     * @return count.
     */
    long total();

    /**
     * The results of what was folded so far, a snapshot independent of later events.
     *
     * @return the results.
     */
    WorkloadResults results();
}
