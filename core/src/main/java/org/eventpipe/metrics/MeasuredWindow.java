package org.eventpipe.metrics;

/**
 * The measured window of a throughput run with a warm-up ({@code --warmup-events N}): it opens when the aggregate
 * applies the first kept event whose line number is greater than N and closes when it applies the last event, so
 * both ends are read on the aggregate's clock (which also holds when the stages run on several hosts). The window's
 * event count is the lines after line N. With N = 0 there is no warm-up and the run's own window applies (first
 * event published or ingested to last applied). Single threaded: owned by whoever applies the events.
 */
public final class MeasuredWindow
{
    private final long warmupEvents;
    private long startNanos;

    /**
     * Create a window.
     *
     * @param warmupEvents lines left out of the window at the start of the input; 0 for none.
     */
    public MeasuredWindow(final long warmupEvents)
    {
        if (warmupEvents < 0)
        {
            throw new IllegalArgumentException("--warmup-events must not be negative: " + warmupEvents);
        }
        this.warmupEvents = warmupEvents;
    }

    /**
     * Note that the aggregate applied an event: opens the window at the first event past the warm-up.
     *
     * @param lineNumber of the event applied.
     */
    public void onApplied(final long lineNumber)
    {
        if (0 == startNanos && lineNumber > warmupEvents)
        {
            startNanos = System.nanoTime();
        }
    }

    /**
     * Lines left out of the window.
     *
     * @return the warm-up length in lines, 0 for none.
     */
    public long warmupEvents()
    {
        return warmupEvents;
    }

    /**
     * Whether a warm-up is configured.
     *
     * @return true if the window starts after a warm-up.
     */
    public boolean hasWarmup()
    {
        return warmupEvents > 0;
    }

    /**
     * When the window opened.
     *
     * @return {@link System#nanoTime()} at the first event past the warm-up, 0 if none was applied.
     */
    public long startNanos()
    {
        return startNanos;
    }

    /**
     * Events in the window: the lines after the warm-up.
     *
     * @param linesRead lines read in the whole run.
     * @return lines after line {@link #warmupEvents()}, 0 if there are none.
     */
    public long measuredEvents(final long linesRead)
    {
        return Math.max(0, linesRead - warmupEvents);
    }
}
