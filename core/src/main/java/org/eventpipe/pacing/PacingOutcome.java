package org.eventpipe.pacing;

import java.util.Locale;

/**
 * Whether a paced run achieved its offered rate. Ingest is behind schedule at the end of the run by
 * {@code lag = lastSent - intended(last)}; the rate counts as achieved while that lag is at most
 * {@link #allowedLagNanos()}: the larger of {@value #MIN_ALLOWED_LAG_NANOS} ns (10 ms, a few scheduler time slices on
 * a busy machine) and {@value #ALLOWED_LAG_PER_CENT} % of the scheduled duration (so that a long run absorbs a GC
 * pause or two but not a sustained shortfall). The achieved rate is the events sent over the time from the start of
 * the schedule to one period past the last send: exactly the offered rate for a run that kept to its schedule.
 *
 * @param rate          offered events per second.
 * @param burst         events due together.
 * @param events        events sent, blank lines included (each takes its slot in the schedule).
 * @param startNanos    {@link System#nanoTime()} at which the schedule started.
 * @param lastSentNanos {@link System#nanoTime()} at which ingest sent its last event.
 */
public record PacingOutcome(long rate, int burst, long events, long startNanos, long lastSentNanos)
{
    /** Lag at the end always allowed, in nanoseconds. */
    public static final long MIN_ALLOWED_LAG_NANOS = 10_000_000L;

    /** Lag allowed, in per cent of the scheduled duration, when that is more. */
    public static final long ALLOWED_LAG_PER_CENT = 1;

    /**
     * The outcome of a pacer's schedule.
     *
     * @param pacer         that paced the run.
     * @param events        sent.
     * @param lastSentNanos {@link System#nanoTime()} of the last send.
     * @return the outcome.
     */
    public static PacingOutcome of(final IngestPacer pacer, final long events, final long lastSentNanos)
    {
        return new PacingOutcome(pacer.rate(), pacer.burst(), events, pacer.startNanos(), lastSentNanos);
    }

    /**
     * Scheduled duration of the run.
     *
     * @return nanoseconds from the start to one period past the last burst.
     */
    public long scheduleNanos()
    {
        return new IngestPacer(rate, burst).scheduleNanos(events);
    }

    /**
     * How far behind its schedule ingest sent its last event.
     *
     * @return nanoseconds, 0 or more.
     */
    public long lagNanos()
    {
        if (events <= 0)
        {
            return 0;
        }
        final long intendedLast = new IngestPacer(rate, burst).start(startNanos).intendedNanos(events - 1);
        return Math.max(0, lastSentNanos - intendedLast);
    }

    /**
     * The lag allowed at the end of the run.
     *
     * @return nanoseconds: max(10 ms, 1 % of the scheduled duration).
     */
    public long allowedLagNanos()
    {
        return Math.max(MIN_ALLOWED_LAG_NANOS, scheduleNanos() * ALLOWED_LAG_PER_CENT / 100);
    }

    /**
     * Whether ingest kept to its schedule within the allowed lag.
     *
     * @return true if the offered rate was achieved.
     */
    public boolean achieved()
    {
        return lagNanos() <= allowedLagNanos();
    }

    /**
     * Events sent per second.
     *
     * @return events over the time from the start to one period past the last send.
     */
    public double achievedRate()
    {
        if (events <= 0)
        {
            return 0.0;
        }
        final long periodNanos = Math.max(1, (long)burst * 1_000_000_000L / rate);
        final long lastBurstStart = (events - 1) - (events - 1) % burst;
        final long elapsed = Math.max(lastSentNanos - startNanos, IngestPacer.offsetNanos(lastBurstStart, rate)) +
            periodNanos;
        return events * 1e9 / elapsed;
    }

    /**
     * The line a run prints when the rate was missed.
     *
     * @return {@code target rate not achieved: offered R, achieved A}.
     */
    public String notAchievedMessage()
    {
        return String.format(Locale.ROOT, "target rate not achieved: offered %d, achieved %.0f events/s " +
            "(ingest ended %.1f ms behind schedule, %.1f ms allowed)", rate, achievedRate(), lagNanos() / 1e6,
            allowedLagNanos() / 1e6);
    }

    /**
     * One line for the report.
     *
     * @return offered and achieved rate, the lag and whether it passed.
     */
    public String summary()
    {
        return String.format(Locale.ROOT, "offered %d events/s (burst %d), achieved %.0f events/s, ingest ended " +
            "%.3f ms behind schedule (%.1f ms allowed): %s", rate, burst, achievedRate(), lagNanos() / 1e6,
            allowedLagNanos() / 1e6, achieved() ? "PASS" : "FAIL");
    }
}
