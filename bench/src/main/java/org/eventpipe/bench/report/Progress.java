package org.eventpipe.bench.report;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Shows which run is going, how many are left and an estimate of the time left: one line rewritten in place
 * ({@code \r}) when standard output is a terminal, one plain line per run otherwise. The estimate adds, for every run
 * still to go, how long the same row took in the same regime in an earlier round, or the mean of all runs so far
 * for a row not yet seen: a chronicle run takes several times a monolith run.
 */
public final class Progress
{
    private final PrintStream out;
    private final boolean terminal;
    private final List<String> plannedKeys;
    private final Map<String, Long> lastNanosByKey = new HashMap<>();
    private final long startNanos = System.nanoTime();
    private long finishedNanos;
    private int finished;
    private int lastLength;

    /**
     * Start showing progress.
     *
     * @param out         where to show it.
     * @param terminal    true to rewrite one line.
     * @param plannedKeys one key per run in the order they run (runs of the same key take about as long).
     */
    public Progress(final PrintStream out, final boolean terminal, final List<String> plannedKeys)
    {
        this.out = out;
        this.terminal = terminal;
        this.plannedKeys = List.copyOf(plannedKeys);
    }

    /**
     * Show that a run starts.
     *
     * @param index       of the run in the plan, from 0.
     * @param description of the run.
     */
    public void starting(final int index, final String description)
    {
        final int total = plannedKeys.size();
        final long elapsedNanos = System.nanoTime() - startNanos;
        final long leftNanos = estimateFrom(index);
        final String estimate = leftNanos < 0 ? "estimating time left" : "about " + duration(leftNanos) + " left";
        final String line = String.format(Locale.ROOT, "run %d/%d, %d left after it, %s elapsed, %s: %s",
            index + 1, total, total - index - 1, duration(elapsedNanos), estimate, description);
        if (terminal)
        {
            final int pad = Math.max(0, lastLength - line.length());
            out.print("\r" + line + " ".repeat(pad));
            lastLength = line.length();
        }
        else
        {
            out.println(line);
        }
        out.flush();
    }

    /**
     * Note how long a run took.
     *
     * @param index of the run in the plan, from 0.
     * @param nanos it took, JVM start-up included.
     */
    public void finished(final int index, final long nanos)
    {
        lastNanosByKey.put(plannedKeys.get(index), nanos);
        finishedNanos += nanos;
        finished++;
    }

    /**
     * Estimate the time the runs from an index on will take.
     *
     * @param index of the first run still to go.
     * @return nanoseconds, -1 before any run has finished.
     */
    long estimateFrom(final int index)
    {
        if (0 == finished)
        {
            return -1;
        }
        final long mean = finishedNanos / finished;
        long total = 0;
        for (int i = index; i < plannedKeys.size(); i++)
        {
            total += lastNanosByKey.getOrDefault(plannedKeys.get(i), mean);
        }
        return total;
    }

    /**
     * Show a message that must stay on screen, e.g. a failed run.
     *
     * @param message to show.
     */
    public void note(final String message)
    {
        if (terminal && lastLength > 0)
        {
            out.println();
            lastLength = 0;
        }
        out.println(message);
        out.flush();
    }

    /**
     * Finish the progress line.
     */
    public void done()
    {
        if (terminal && lastLength > 0)
        {
            out.println();
        }
        out.println("all " + plannedKeys.size() + " runs done in " + duration(System.nanoTime() - startNanos));
        out.flush();
    }

    /**
     * Format a duration as minutes and seconds.
     *
     * @param nanos the duration.
     * @return e.g. {@code 3m05s}.
     */
    public static String duration(final long nanos)
    {
        final long seconds = Math.max(0, nanos / 1_000_000_000L);
        return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
}
