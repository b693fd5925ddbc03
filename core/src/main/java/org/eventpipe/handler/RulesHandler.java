package org.eventpipe.handler;

import java.util.Set;

import org.eventpipe.model.EventType;
import org.eventpipe.model.Outcome;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.workload.WorkloadRules;

/**
 * Keeps or filters accepted events by type. Events that are not accepted pass through untouched.
 */
public final class RulesHandler implements WorkloadRules
{
    private final boolean[] droppedByCode = new boolean[EventType.count()];
    private long kept;
    private long filtered;

    /**
     * Create a handler that drops the given types.
     *
     * @param droppedTypes types to filter out; the default workload drops {@link EventType#VIEW}.
     */
    public RulesHandler(final Set<EventType> droppedTypes)
    {
        for (final EventType type : droppedTypes)
        {
            droppedByCode[type.code()] = true;
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onEvent(final PipelineEvent event)
    {
        if (event.outcome() == Outcome.ACCEPTED)
        {
            keep(event);
        }
    }

    /**
     * Decide whether an accepted event is kept, marking it filtered otherwise.
     *
     * @param event an accepted event.
     * @return true if kept.
     */
    public boolean keep(final PipelineEvent event)
    {
        if (droppedByCode[event.type().code()])
        {
            event.outcome(Outcome.FILTERED);
            filtered++;
            return false;
        }
        kept++;
        return true;
    }

    /**
     * Events kept so far.
     *
     * @return count of kept events.
     */
    public long kept()
    {
        return kept;
    }

    /**
     * Events filtered so far.
     *
     * @return count of filtered events.
     */
    public long filtered()
    {
        return filtered;
    }

    /**
     * {@inheritDoc}: the rules only look at the type.
     */
    public boolean transformsEntries()
    {
        return false;
    }
}
