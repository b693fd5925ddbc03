package org.eventpipe.bench.report;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows which run is going, how many are left and an estimate of the time left: one line rewritten in place
 * ({@code \r}) when standard output is a terminal, one plain line per run otherwise.
 */
public final class Progress
{
    private final PrintStream out;
    private final boolean terminal;
    private final int total;
    private final long startNanos = System.nanoTime();
    private int started;
    private int lastLength;

    /**
     * Start showing progress.
     *
     * @param out      where to show it.
     * @param terminal true to rewrite one line.
     * @param total    runs in all.
     */
    public Progress(final PrintStream out, final boolean terminal, final int total)
    {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
    }

    /**
     * Show that a run starts.
     *
     * @param description of the run.
     */
    public void starting(final String description)
    {
        final long elapsedNanos = System.nanoTime() - startNanos;
        final String estimate = 0 == started ? "estimating time left" :
            "about " + duration(elapsedNanos / started * (total - started)) + " left";
        started++;
        final String line = String.format(Locale.ROOT, "run %d/%d, %d left after it, %s elapsed, %s: %s",
            started, total, total - started, duration(elapsedNanos), estimate, description);
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
        out.println("all " + total + " runs done in " + duration(System.nanoTime() - startNanos));
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
