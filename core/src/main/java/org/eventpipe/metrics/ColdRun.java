package org.eventpipe.metrics;

import java.util.Locale;

/**
 * Whether a throughput run is cold, and the one line that says so: a run without {@code --warmup-events} measures
 * the JIT compiling the handlers too, which dominates a short run (a first 1 M-event run is several times slower
 * than the README's steady figures). Only a short cold run gets the note; its JSON summary carries
 * {@code window.cold} whatever its length.
 */
public final class ColdRun
{
    /** A cold window shorter than this gets the note: JIT warm-up is then a visible share of the figure. */
    public static final long NOTE_BELOW_NANOS = 10_000_000_000L;

    private ColdRun()
    {
    }

    /**
     * Whether the run measured its start: no warm-up was left out of the window.
     *
     * @param warmupEvents lines left out before the window.
     * @return true for a cold run.
     */
    public static boolean isCold(final long warmupEvents)
    {
        return 0 == warmupEvents;
    }

    /**
     * The note for a short cold run.
     *
     * @param warmupEvents lines left out before the window.
     * @param windowNanos  length of the measured window.
     * @return the line, or null if the run is steady or long enough for the JIT not to matter much.
     */
    public static String note(final long warmupEvents, final long windowNanos)
    {
        if (!isCold(warmupEvents) || windowNanos <= 0 || windowNanos >= NOTE_BELOW_NANOS)
        {
            return null;
        }
        return String.format(Locale.ROOT, "note: cold run (JIT warm-up included in %.1f s measured); for steady " +
            "figures add --warmup-events, see README \"Regimes: cold and steady\"", windowNanos / 1e9);
    }
}
