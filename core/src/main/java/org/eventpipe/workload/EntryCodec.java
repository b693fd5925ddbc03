package org.eventpipe.workload;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.eventpipe.model.PipelineEvent;

/**
 * How a workload's entries travel between split stages. They go in a batch frame of the workload's own SBE template
 * whose root block is the common {@code sender}, {@code sequence} and {@code eventCount} fields, followed by one
 * repeating group of fixed-length entries: the same message on the parse-to-rules and the rules-to-aggregate edge.
 * Each entry starts with the line number (int64) and the ingest stamp (int64), then the workload's fields.
 * <p>
 * Implementations are stateless and allocate nothing.
 */
public interface EntryCodec
{
    /**
     * SBE template id of the batch message, in the project's schema (id 1701).
     *
     * @return the template id.
     */
    int templateId();

    /**
     * Length of one entry, the group's block length.
     *
     * @return bytes, at least 16.
     */
    int entryLength();

    /**
     * Encode an accepted event's entry, its line number and ingest stamp.
     *
     * @param event  holding the entry.
     * @param buffer to write to.
     * @param offset of the entry.
     */
    void encode(PipelineEvent event, MutableDirectBuffer buffer, int offset);

    /**
     * Check an entry before any entry of its frame is delivered.
     *
     * @param buffer holding the entry.
     * @param offset of the entry.
     * @return null if valid, else what is wrong, for the corrupt frame's message.
     */
    String check(DirectBuffer buffer, int offset);

    /**
     * Decode an entry into an event: line number, ingest stamp and entry set, outcome
     * {@link org.eventpipe.model.Outcome#ACCEPTED}.
     *
     * @param buffer holding the entry, already {@link #check checked}.
     * @param offset of the entry.
     * @param event  to fill in.
     */
    void decode(DirectBuffer buffer, int offset, PipelineEvent event);
}
