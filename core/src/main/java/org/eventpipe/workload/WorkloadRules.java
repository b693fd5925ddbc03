package org.eventpipe.workload;

import org.eventpipe.handler.PipelineStep;

/**
 * A workload's rules: {@link #onEvent} keeps an accepted entry, possibly transformed in place, or marks it
 * {@link org.eventpipe.model.Outcome#FILTERED}. Events of another outcome pass untouched.
 */
public interface WorkloadRules extends PipelineStep
{
    /**
     * Entries kept so far.
     *
     * @return count.
     */
    long kept();

    /**
     * Entries filtered so far.
     *
     * @return count.
     */
    long filtered();

    /**
     * Whether {@link #onEvent} may change a kept entry. If not, the split rules stage forwards the bytes of a kept
     * entry as they came, without encoding it again.
     *
     * @return true if kept entries may differ from the parsed ones.
     */
    boolean transformsEntries();
}
