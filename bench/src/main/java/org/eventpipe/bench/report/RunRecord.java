package org.eventpipe.bench.report;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One run of one row: what was run, how it ended, and what its summary says. The figures come from the run's
 * {@code --summary} file only, never from its printed output.
 */
public final class RunRecord
{
    /** Stages whose time breakdown the tables and the CSV show, in pipeline order. */
    public static final String[] STAGES = { "ingest", "parse", "rules", "aggregate", "sink" };

    private final String source;
    private final String regime;
    private final Row row;
    private final int round;
    private final Path summaryFile;
    private final Path histogramFile;
    private final Path resultsFile;
    private final Path logFile;
    private int exitStatus = -1;
    private long wallNanos;
    private JsonNode summary;
    private boolean correct;
    private String correctness = "not checked";

    /**
     * Describe a run before it starts.
     *
     * @param source        {@code file} or {@code generated}.
     * @param regime        {@code cold} or {@code steady}.
     * @param row           the row.
     * @param round         from 1.
     * @param summaryFile   where the run writes its summary.
     * @param histogramFile where it writes its latency histogram.
     * @param resultsFile   where it writes its aggregates.
     * @param logFile       where its output goes.
     */
    public RunRecord(
        final String source,
        final String regime,
        final Row row,
        final int round,
        final Path summaryFile,
        final Path histogramFile,
        final Path resultsFile,
        final Path logFile)
    {
        this.source = source;
        this.regime = regime;
        this.row = row;
        this.round = round;
        this.summaryFile = summaryFile;
        this.histogramFile = histogramFile;
        this.resultsFile = resultsFile;
        this.logFile = logFile;
    }

    /**
     * Record how the process ended.
     *
     * @param exitStatus of the process, -1 if it timed out.
     * @param wallNanos  from start to exit, JVM start-up included.
     * @param summary    the parsed summary, or null if there is none.
     */
    public void ended(final int exitStatus, final long wallNanos, final JsonNode summary)
    {
        this.exitStatus = exitStatus;
        this.wallNanos = wallNanos;
        this.summary = summary;
    }

    /**
     * Record the correctness verdict.
     *
     * @param correct whether the run matches the monolith's.
     * @param detail  {@code OK} or what differs.
     */
    public void correctness(final boolean correct, final String detail)
    {
        this.correct = correct;
        this.correctness = detail;
    }

    /**
     * The key of the group whose rounds are aggregated: source, regime and row.
     *
     * @return the key.
     */
    public String groupKey()
    {
        return groupKey(source, regime, row.label());
    }

    /**
     * The key of a group.
     *
     * @param source of the input.
     * @param regime of the run.
     * @param label  of the row.
     * @return the key.
     */
    public static String groupKey(final String source, final String regime, final String label)
    {
        return source + "|" + regime + "|" + label;
    }

    /**
     * Whether the run ended with status 0 and a summary whose checks all passed.
     *
     * @return true if the run itself succeeded.
     */
    public boolean succeeded()
    {
        return 0 == exitStatus && null != summary && summary.path("passed").asBoolean(false);
    }

    /**
     * Throughput of the measured window.
     *
     * @return millions of events per second, NaN if the run has no summary.
     */
    public double throughputMillions()
    {
        return null == summary ? Double.NaN : summary.at("/window/eventsPerSecond").asDouble(Double.NaN) / 1e6;
    }

    /**
     * A latency percentile from the summary.
     *
     * @param name {@code p50}, {@code p90}, {@code p99}, {@code p99.9}, {@code max}.
     * @return microseconds, NaN if none was recorded.
     */
    public double latencyMicros(final String name)
    {
        if (null == summary)
        {
            return Double.NaN;
        }
        final JsonNode value = summary.path("latency").path("micros").path(name);
        return value.isNumber() ? value.asDouble() : Double.NaN;
    }

    /**
     * A stage's share of its wall time.
     *
     * @param stage name.
     * @param what  {@code processing}, {@code sending} or {@code waiting}.
     * @return the percentage, NaN if the run has no such stage.
     */
    public double stagePercent(final String stage, final String what)
    {
        if (null != summary)
        {
            for (final JsonNode node : summary.path("stages"))
            {
                if (stage.equals(node.path("stage").asText()))
                {
                    return node.path(what + "Percent").asDouble(Double.NaN);
                }
            }
        }
        return Double.NaN;
    }

    /**
     * A count from the summary.
     *
     * @param name e.g. {@code linesRead}.
     * @return the count, -1 if absent.
     */
    public long count(final String name)
    {
        return null == summary ? -1 : summary.path("counts").path(name).asLong(-1);
    }

    /**
     * A window figure from the summary.
     *
     * @param name {@code warmupEvents}, {@code events} or {@code nanos}.
     * @return the value, -1 if absent.
     */
    public long window(final String name)
    {
        return null == summary ? -1 : summary.path("window").path(name).asLong(-1);
    }

    /**
     * The failed checks of the run's own summary.
     *
     * @return their names and details, empty if none failed.
     */
    public String failedChecks()
    {
        final StringBuilder failed = new StringBuilder();
        if (null != summary)
        {
            for (final JsonNode check : summary.path("checks"))
            {
                if (!check.path("passed").asBoolean(true))
                {
                    failed.append(failed.length() > 0 ? "; " : "").append(check.path("name").asText())
                        .append(": ").append(check.path("detail").asText());
                }
            }
        }
        return failed.toString();
    }

    /**
     * Source of the input.
     *
     * @return {@code file} or {@code generated}.
     */
    public String source()
    {
        return source;
    }

    /**
     * Regime of the run.
     *
     * @return {@code cold} or {@code steady}.
     */
    public String regime()
    {
        return regime;
    }

    /**
     * The row.
     *
     * @return the row.
     */
    public Row row()
    {
        return row;
    }

    /**
     * Round of the run.
     *
     * @return from 1.
     */
    public int round()
    {
        return round;
    }

    /**
     * Exit status.
     *
     * @return the status, -1 if the run timed out or did not start.
     */
    public int exitStatus()
    {
        return exitStatus;
    }

    /**
     * Wall time including JVM start-up.
     *
     * @return nanoseconds.
     */
    public long wallNanos()
    {
        return wallNanos;
    }

    /**
     * The parsed summary.
     *
     * @return the summary, or null.
     */
    public JsonNode summary()
    {
        return summary;
    }

    /**
     * Whether the run matched the monolith's.
     *
     * @return the verdict.
     */
    public boolean correct()
    {
        return correct;
    }

    /**
     * The correctness verdict in words.
     *
     * @return {@code OK} or what differs.
     */
    public String correctness()
    {
        return correctness;
    }

    /**
     * Summary file.
     *
     * @return the path.
     */
    public Path summaryFile()
    {
        return summaryFile;
    }

    /**
     * Histogram file.
     *
     * @return the path.
     */
    public Path histogramFile()
    {
        return histogramFile;
    }

    /**
     * Results file.
     *
     * @return the path.
     */
    public Path resultsFile()
    {
        return resultsFile;
    }

    /**
     * Log file.
     *
     * @return the path.
     */
    public Path logFile()
    {
        return logFile;
    }
}
