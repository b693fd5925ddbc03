package org.eventpipe.pacing;

import java.util.concurrent.locks.LockSupport;

/**
 * Paces ingest to a fixed offered rate, as real-logic's LoadTestRig and OpenHFT's JLBH do: event {@code i} (0-based)
 * is due at its intended time {@code start + floor(i / burst) * burst / rate}, so a burst of N events is due at
 * {@code start + k * N / rate}. {@link #awaitIntended(long)} never returns before that time, and returns at once when
 * ingest is late, so that a late ingest catches up without sleeping; every event is then timed from its intended
 * time, which corrects for coordinated omission: a stall that holds ingest back shows in the latency of every event
 * that should have been sent during it.
 * <p>
 * Waiting: more than {@link #PARK_THRESHOLD_NANOS} ahead of schedule the thread parks until
 * {@link #PARK_MARGIN_NANOS} before the intended time (a park on Linux overshoots by about 50-100 µs, more on a busy
 * 2-core machine); more than {@link #YIELD_THRESHOLD_NANOS} ahead it yields; closer it spins with
 * {@link Thread#onSpinWait()}. Spinning all the time would keep a whole core busy at any rate, and on a 2-core machine
 * that core is one the pipeline's own threads need: a yield hands it to them when they have work, and costs about a
 * microsecond when they have none.
 * <p>
 * Single threaded: owned by the ingest thread. No allocation.
 */
public final class IngestPacer
{
    /** Ahead of schedule by more than this, the thread parks rather than spins. */
    public static final long PARK_THRESHOLD_NANOS = 250_000;

    /** A park ends this long before the intended time, to absorb the timer's overshoot; the rest is spun. */
    public static final long PARK_MARGIN_NANOS = 150_000;

    /** Ahead of schedule by more than this (and less than the park threshold), the thread yields rather than spins. */
    public static final long YIELD_THRESHOLD_NANOS = 20_000;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long rate;
    private final int burst;
    private long startNanos;

    /**
     * Create a pacer.
     *
     * @param rate  offered events per second, at least 1.
     * @param burst events due together, at least 1.
     */
    public IngestPacer(final long rate, final int burst)
    {
        if (rate < 1)
        {
            throw new IllegalArgumentException("--rate must be at least 1: " + rate);
        }
        if (burst < 1)
        {
            throw new IllegalArgumentException("--burst must be at least 1: " + burst);
        }
        this.rate = rate;
        this.burst = burst;
    }

    /**
     * Start the schedule: event 0 is due now.
     *
     * @param startNanos {@link System#nanoTime()} at which the schedule starts.
     * @return this.
     */
    public IngestPacer start(final long startNanos)
    {
        this.startNanos = startNanos;
        return this;
    }

    /**
     * When the schedule started.
     *
     * @return {@link System#nanoTime()} at which event 0 was due.
     */
    public long startNanos()
    {
        return startNanos;
    }

    /**
     * Offered events per second.
     *
     * @return the rate.
     */
    public long rate()
    {
        return rate;
    }

    /**
     * Events due together.
     *
     * @return the burst size.
     */
    public int burst()
    {
        return burst;
    }

    /**
     * The intended send time of an event.
     *
     * @param index of the event, from 0.
     * @return {@link System#nanoTime()} at which it is due.
     */
    public long intendedNanos(final long index)
    {
        return startNanos + offsetNanos(index - index % burst, rate);
    }

    /**
     * Wait until an event is due; return at once if it is already.
     *
     * @param index of the event, from 0.
     * @return its intended time, never later than when this returns.
     */
    public long awaitIntended(final long index)
    {
        final long intended = intendedNanos(index);
        long now;
        while ((now = System.nanoTime()) < intended)
        {
            final long ahead = intended - now;
            if (ahead > PARK_THRESHOLD_NANOS)
            {
                LockSupport.parkNanos(ahead - PARK_MARGIN_NANOS);
            }
            else if (ahead > YIELD_THRESHOLD_NANOS)
            {
                Thread.yield();
            }
            else
            {
                Thread.onSpinWait();
            }
        }
        return intended;
    }

    /**
     * Nanoseconds after the start at which event {@code index} of a schedule at {@code rate} is due, without a burst:
     * exact for any index a run reaches (the product is split to stay within a long).
     *
     * @param index of the event, from 0.
     * @param rate  events per second.
     * @return the offset in nanoseconds.
     */
    static long offsetNanos(final long index, final long rate)
    {
        final long seconds = index / rate;
        final long rest = index % rate;
        return seconds * NANOS_PER_SECOND + rest * NANOS_PER_SECOND / rate;
    }

    /**
     * The duration of a schedule of {@code events} events: from the start to one period past the last burst.
     *
     * @param events of the schedule.
     * @return nanoseconds; {@code events / rate} seconds, rounded up to whole bursts.
     */
    public long scheduleNanos(final long events)
    {
        final long bursts = (events + burst - 1) / burst;
        return offsetNanos(bursts * burst, rate);
    }
}
