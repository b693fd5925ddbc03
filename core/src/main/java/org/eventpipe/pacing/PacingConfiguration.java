package org.eventpipe.pacing;

/**
 * Settings of the latency mode, each a property and a default side by side; {@code --rate}, {@code --burst} and
 * {@code --warmup-events} on the monolith and the launcher mean the same settings.
 * <p>
 * The default warm-up of a paced run is one second of events at the offered rate, at least
 * {@value #WARMUP_MIN_EVENTS} events and at most half the run. Why: HotSpot compiles a hot method with C2 after some
 * 10,000 invocations or loop back-edges, and on a 2-core machine the compiler threads share the cores with ingest and
 * the three handlers (or five stage processes), so the hot paths are compiled only some hundreds of milliseconds into
 * the run; 20,000 events give every handler its C2 code even at 10,000 events/s (two seconds), and one second at a
 * higher rate also lets the ring, the queues and the page cache settle. Half the run stays measured however short.
 */
public final class PacingConfiguration
{
    /** Offered events per second; 0 runs the throughput mode. */
    public static final String RATE_PROP_NAME = "eventpipe.rate";

    /** Default of {@link #RATE_PROP_NAME}: the throughput mode. */
    public static final long RATE_DEFAULT = 0;

    /** Events due together. */
    public static final String BURST_PROP_NAME = "eventpipe.burst";

    /** Default of {@link #BURST_PROP_NAME}. */
    public static final int BURST_DEFAULT = 1;

    /** Value of {@code --warmup-events} that asks for the default of the mode. */
    public static final long WARMUP_AUTO = -1;

    /** Fewest events of the default warm-up of a paced run. */
    public static final long WARMUP_MIN_EVENTS = 20_000;

    private PacingConfiguration()
    {
    }

    /**
     * The warm-up to use.
     *
     * @param requested the {@code --warmup-events} given, or {@link #WARMUP_AUTO}.
     * @param rate      offered events per second, 0 in the throughput mode.
     * @param events    of the run, or a negative number when unknown (an input file).
     * @return {@code requested} if given; otherwise 0 in the throughput mode and, paced, one second of events at the
     * rate, at least {@link #WARMUP_MIN_EVENTS} and at most half the run.
     */
    public static long warmupEvents(final long requested, final long rate, final long events)
    {
        if (requested != WARMUP_AUTO)
        {
            return requested;
        }
        if (rate <= 0)
        {
            return 0;
        }
        final long oneSecond = Math.max(WARMUP_MIN_EVENTS, rate);
        return events < 0 ? oneSecond : Math.min(oneSecond, events / 2);
    }

    /**
     * Check the settings of the latency mode.
     *
     * @param rate  offered events per second, 0 for the throughput mode.
     * @param burst events due together.
     * @return null if they are valid, otherwise one line naming the first bad one.
     */
    public static String check(final long rate, final int burst)
    {
        if (rate < 0)
        {
            return "--rate must be a positive number of events per second (or 0 for the throughput mode): " + rate;
        }
        if (burst < 1)
        {
            return "--burst must be at least 1: " + burst;
        }
        if (rate > 0 && burst > rate)
        {
            return "--burst must not exceed --rate: " + burst + " > " + rate;
        }
        return null;
    }
}
