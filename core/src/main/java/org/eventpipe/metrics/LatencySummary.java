package org.eventpipe.metrics;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.HdrHistogram.Histogram;

/**
 * Formats latency histograms recorded in nanoseconds.
 */
public final class LatencySummary
{
    private LatencySummary()
    {
    }

    /**
     * One line summary in microseconds: count, p50, p90, p99, p99.9 and max.
     *
     * @param histogram in nanoseconds.
     * @return the summary line.
     */
    public static String summary(final Histogram histogram)
    {
        if (histogram.getTotalCount() == 0)
        {
            return "no samples";
        }
        return String.format(Locale.ROOT,
            "samples=%d p50=%.1fus p90=%.1fus p99=%.1fus p99.9=%.1fus max=%.1fus",
            histogram.getTotalCount(),
            micros(histogram.getValueAtPercentile(50.0)),
            micros(histogram.getValueAtPercentile(90.0)),
            micros(histogram.getValueAtPercentile(99.0)),
            micros(histogram.getValueAtPercentile(99.9)),
            micros(histogram.getMaxValue()));
    }

    /**
     * Write the full percentile distribution in HdrHistogram's {@code .hgrm} text format, values in microseconds.
     *
     * @param histogram in nanoseconds.
     * @param file      to write.
     * @throws IOException if the file cannot be written.
     */
    public static void writeHgrm(final Histogram histogram, final Path file) throws IOException
    {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, "UTF-8"))
        {
            histogram.outputPercentileDistribution(out, 1000.0);
            if (out.checkError())
            {
                throw new IOException("failed writing " + file);
            }
        }
    }

    private static double micros(final long nanos)
    {
        return nanos / 1000.0;
    }
}
