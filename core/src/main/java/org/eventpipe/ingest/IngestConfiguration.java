package org.eventpipe.ingest;

/**
 * Settings of the input every command shares: how much the generator makes and from which seed. Property name and
 * default side by side; the monolith, the launcher and the ingest stage read the same ones.
 */
public final class IngestConfiguration
{
    /** Lines the generator makes when no input file is given. */
    public static final String EVENTS_PROP_NAME = "eventpipe.events";

    /** Default of {@link #EVENTS_PROP_NAME}. */
    public static final long EVENTS_DEFAULT = 1_000_000;

    /** Seed of the generator. */
    public static final String SEED_PROP_NAME = "eventpipe.seed";

    /** Default of {@link #SEED_PROP_NAME}, the seeds' own. */
    public static final long SEED_DEFAULT = 42;

    /** Distinct users of the events workload's generator. */
    public static final String USERS_PROP_NAME = "eventpipe.users";

    /** Default of {@link #USERS_PROP_NAME}, the seeds' own. */
    public static final int USERS_DEFAULT = 10_000;

    private IngestConfiguration()
    {
    }
}
