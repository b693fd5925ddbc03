package org.eventpipe.support;

import org.eventpipe.model.EventType;
import org.eventpipe.model.Outcome;
import org.eventpipe.model.PipelineEvent;

/**
 * Events of the events workload made for tests.
 */
public final class TestEvents
{
    private TestEvents()
    {
    }

    /**
     * An accepted event, as decoded from an entry batch.
     *
     * @param lineNumber  of the line.
     * @param ingestNanos stamp of ingest.
     * @param userId      of the event.
     * @param type        of the event.
     * @param value       of the event.
     * @param timestamp   of the event.
     * @return a new event.
     */
    public static PipelineEvent decoded(
        final long lineNumber,
        final long ingestNanos,
        final int userId,
        final EventType type,
        final int value,
        final long timestamp)
    {
        final PipelineEvent event = new PipelineEvent();
        event.setDecoded(lineNumber, ingestNanos, userId, type, value, timestamp);
        event.outcome(Outcome.ACCEPTED);
        return event;
    }
}
