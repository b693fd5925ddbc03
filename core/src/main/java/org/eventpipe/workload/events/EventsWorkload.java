package org.eventpipe.workload.events;

import org.agrona.DirectBuffer;
import org.eventpipe.handler.AggregateHandler;
import org.eventpipe.handler.AggregateResults;
import org.eventpipe.handler.ParseHandler;
import org.eventpipe.handler.RulesHandler;
import org.eventpipe.ingest.LineSource;
import org.eventpipe.workload.EntryCodec;
import org.eventpipe.workload.EventGenerator;
import org.eventpipe.workload.Workload;
import org.eventpipe.workload.WorkloadAggregator;
import org.eventpipe.workload.WorkloadParser;
import org.eventpipe.workload.WorkloadResults;
import org.eventpipe.workload.WorkloadRules;

/**
 * The NDJSON events of the project's seeds: {@code userId}, {@code type} (click, view or purchase), {@code value} and
 * {@code ts}; the rules drop views (or the types given), the aggregate keeps count, sum and average per type. The
 * event's own fields hold the entry.
 */
public final class EventsWorkload implements Workload
{
    /** The one instance, also the one {@link java.util.ServiceLoader} creates equal to. */
    public static final EventsWorkload INSTANCE = new EventsWorkload();

    /** Users of the generated events. */
    public static final int GENERATED_USERS = 10_000;

    /**
     * For {@link java.util.ServiceLoader}; {@link #INSTANCE} is the same.
     */
    public EventsWorkload()
    {
    }

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return "events";
    }

    /**
     * {@inheritDoc}
     */
    public String description()
    {
        return "NDJSON events (userId, type, value, ts); views filtered; count, sum and average per type";
    }

    /**
     * {@inheritDoc}
     */
    public LineSource generator(final long seed, final long lines)
    {
        return generator(seed, lines, GENERATED_USERS);
    }

    /**
     * The generator with a number of users other than {@link #GENERATED_USERS}.
     *
     * @param seed  of the generator.
     * @param lines to generate.
     * @param users distinct user ids.
     * @return the source.
     */
    public LineSource generator(final long seed, final long lines, final int users)
    {
        return new EventGenerator(seed, users, lines);
    }

    /**
     * {@inheritDoc}
     */
    public Object newEntry()
    {
        return null;
    }

    /**
     * {@inheritDoc}
     */
    public WorkloadParser newParser(final Settings settings)
    {
        return new ParseHandler(settings.maxLineLength());
    }

    /**
     * {@inheritDoc}
     */
    public WorkloadRules newRules(final Settings settings)
    {
        return new RulesHandler(settings.droppedTypes());
    }

    /**
     * {@inheritDoc}
     */
    public WorkloadAggregator newAggregator(final Settings settings)
    {
        return new AggregateHandler();
    }

    /**
     * {@inheritDoc}
     */
    public EntryCodec entryCodec()
    {
        return EventEntryCodec.INSTANCE;
    }

    /**
     * {@inheritDoc}
     */
    public WorkloadResults decodeResults(final DirectBuffer buffer, final int offset, final int length)
    {
        return AggregateResults.decode(buffer, offset, length);
    }
}
