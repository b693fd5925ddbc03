package org.eventpipe.metrics;

import org.HdrHistogram.Histogram;

/**
 * Records end-to-end latency, from the moment ingest published an event to the moment the aggregate applied it, for
 * a sample of events: those whose line number is a multiple of the sample interval. Sampling keeps the cost of
 * {@link System#nanoTime()} (about 25 ns a call on the 2-core reference machine) off most events.
 * <p>
 * In the latency mode ({@code --rate}) every event is recorded (interval 1) and an event's stamp is its intended send
 * time, so the latency includes the time it waited to be sent. A stamp later than the aggregate's clock (possible
 * only across hosts, or with a broken clock) records 0 and is counted in {@link #negativeSamples()}, not hidden.
 * With {@link #recordIntervals(LatencyIntervals)} every sample also goes to a per-second interval histogram.
 */
public final class LatencyRecorder
{
    /** Highest latency tracked: one hour in nanoseconds; larger values are clamped to it. */
    public static final long HIGHEST_TRACKABLE_NANOS = 3_600_000_000_000L;

    private final Histogram histogram = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
    private final long sampleMask;
    private final int sampleInterval;
    private final long warmupEvents;
    private LatencyIntervals intervals;
    private long negativeSamples;

    /**
     * Create a recorder.
     *
     * @param sampleInterval record one event in this many; a power of two, 1 records every event.
     */
    public LatencyRecorder(final int sampleInterval)
    {
        this(sampleInterval, 0);
    }

    /**
     * Create a recorder that leaves the events of a warm-up out.
     *
     * @param sampleInterval record one event in this many; a power of two, 1 records every event.
     * @param warmupEvents   events whose line number is at most this are not recorded; 0 for no warm-up.
     */
    public LatencyRecorder(final int sampleInterval, final long warmupEvents)
    {
        if (sampleInterval < 1 || Integer.bitCount(sampleInterval) != 1)
        {
            throw new IllegalArgumentException("latency sample interval must be a power of two: " + sampleInterval);
        }
        this.sampleInterval = sampleInterval;
        this.sampleMask = sampleInterval - 1;
        this.warmupEvents = warmupEvents;
    }

    /**
     * Record the latency of an event if it is sampled.
     *
     * @param lineNumber  of the event, which decides whether it is sampled.
     * @param ingestNanos {@link System#nanoTime()} at which ingest published it.
     */
    public void onApplied(final long lineNumber, final long ingestNanos)
    {
        if ((lineNumber & sampleMask) == 0 && lineNumber > warmupEvents)
        {
            final long now = System.nanoTime();
            long latency = now - ingestNanos;
            if (latency < 0)
            {
                negativeSamples++;
                latency = 0;
            }
            final long value = Math.min(latency, HIGHEST_TRACKABLE_NANOS);
            histogram.recordValue(value);
            if (null != intervals)
            {
                intervals.record(now, value);
            }
        }
    }

    /**
     * Also record every sample into per-second interval histograms, for {@code --histogram-log}.
     *
     * @param intervals to record into.
     * @return this.
     */
    public LatencyRecorder recordIntervals(final LatencyIntervals intervals)
    {
        this.intervals = intervals;
        return this;
    }

    /**
     * The interval histograms, if recorded.
     *
     * @return the intervals, or null.
     */
    public LatencyIntervals intervals()
    {
        return intervals;
    }

    /**
     * Samples whose stamp was later than the clock that recorded them, recorded as 0.
     *
     * @return the count.
     */
    public long negativeSamples()
    {
        return negativeSamples;
    }

    /**
     * One event in how many is recorded.
     *
     * @return the sample interval.
     */
    public int sampleInterval()
    {
        return sampleInterval;
    }

    /**
     * The histogram of recorded latencies, in nanoseconds.
     *
     * @return the live histogram; read it only once recording has stopped.
     */
    public Histogram histogram()
    {
        return histogram;
    }
}
