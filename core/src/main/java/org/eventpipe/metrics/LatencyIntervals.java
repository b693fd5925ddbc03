package org.eventpipe.metrics;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The latency of a run split into intervals of its recording clock (one second by default), for
 * {@code --histogram-log}: a hiccup shows in the interval it happened in. Samples go into the current interval; when
 * the clock passes its end the interval is copied into the list (one allocation a second, never per event) and reset.
 * Written with HdrHistogram's {@link HistogramLogWriter}, values in nanoseconds, so that {@code HistogramLogReader}
 * and HdrHistogram's own plotters read it. Single threaded: owned by whoever records.
 */
public final class LatencyIntervals
{
    /** Length of an interval: one second. */
    public static final long INTERVAL_NANOS_DEFAULT = 1_000_000_000L;

    private final long intervalNanos;
    private final long epochMillisAtNanoZero;
    private final List<Histogram> closed = new ArrayList<>();
    private final Histogram current = new Histogram(LatencyRecorder.HIGHEST_TRACKABLE_NANOS, 3);
    private long intervalStartNanos;
    private boolean started;

    /**
     * Intervals of one second.
     */
    public LatencyIntervals()
    {
        this(INTERVAL_NANOS_DEFAULT);
    }

    /**
     * Intervals of a given length.
     *
     * @param intervalNanos length of an interval, positive.
     */
    public LatencyIntervals(final long intervalNanos)
    {
        if (intervalNanos <= 0)
        {
            throw new IllegalArgumentException("interval must be positive: " + intervalNanos);
        }
        this.intervalNanos = intervalNanos;
        this.epochMillisAtNanoZero = System.currentTimeMillis() - System.nanoTime() / 1_000_000L;
    }

    /**
     * Record a sample; the first one opens the first interval.
     *
     * @param nowNanos {@link System#nanoTime()} at which it was recorded.
     * @param value    the latency in nanoseconds.
     */
    public void record(final long nowNanos, final long value)
    {
        if (!started)
        {
            started = true;
            intervalStartNanos = nowNanos;
        }
        while (nowNanos - intervalStartNanos >= intervalNanos)
        {
            closeInterval(intervalStartNanos + intervalNanos);
        }
        current.recordValue(value);
    }

    /**
     * Close the current interval at the end of the run, if it holds any sample.
     *
     * @param nowNanos {@link System#nanoTime()} at the end.
     */
    public void finish(final long nowNanos)
    {
        if (started && current.getTotalCount() > 0)
        {
            closeInterval(Math.max(intervalStartNanos + 1, Math.min(nowNanos, intervalStartNanos + intervalNanos)));
        }
    }

    /**
     * The closed intervals, in time order; each has its start and end time stamps (epoch milliseconds).
     *
     * @return the histograms.
     */
    public List<Histogram> histograms()
    {
        return closed;
    }

    /**
     * Write the closed intervals as an HdrHistogram interval log.
     *
     * @param file to write.
     * @throws IOException if it cannot be written.
     */
    public void write(final Path file) throws IOException
    {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, "UTF-8"))
        {
            final HistogramLogWriter writer = new HistogramLogWriter(out);
            final long startMillis = closed.isEmpty() ? System.currentTimeMillis() :
                closed.get(0).getStartTimeStamp();
            writer.outputComment("eventpipe end-to-end latency in nanoseconds, one interval per " +
                intervalNanos / 1_000_000 + " ms");
            writer.outputLogFormatVersion();
            writer.outputStartTime(startMillis);
            writer.setBaseTime(startMillis);
            writer.outputLegend();
            for (final Histogram histogram : closed)
            {
                writer.outputIntervalHistogram(histogram);
            }
            if (out.checkError())
            {
                throw new IOException("failed writing " + file);
            }
        }
    }

    private void closeInterval(final long endNanos)
    {
        final Histogram interval = current.copy();
        interval.setStartTimeStamp(epochMillis(intervalStartNanos));
        interval.setEndTimeStamp(epochMillis(endNanos));
        closed.add(interval);
        current.reset();
        intervalStartNanos = endNanos;
    }

    private long epochMillis(final long nanos)
    {
        return epochMillisAtNanoZero + nanos / 1_000_000L;
    }
}
