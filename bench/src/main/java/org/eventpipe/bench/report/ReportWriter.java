package org.eventpipe.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code results.csv} (one row per run, every figure) and {@code report.md} (environment, matrix, throughput
 * and latency tables, targets, charts, correctness) from the runs' summaries.
 */
public final class ReportWriter
{
    /** Name of the CSV file in a results folder. */
    public static final String CSV_NAME = "results.csv";
    /** Name of the report in a results folder. */
    public static final String REPORT_NAME = "report.md";

    private static final String[] LATENCIES = { "p50", "p90", "p99", "p99.9", "max" };
    private static final String[] SHARES = { "processing", "sending", "waiting" };

    /** Columns of {@code results.csv}, in order; the report names them. */
    public static final List<String> CSV_COLUMNS = csvColumns();

    private final ReportCommand.Plan plan;
    private final Map<String, String> environment;
    private final List<RunRecord> records;
    private final Path dir;
    private final Map<String, Group> groups = new LinkedHashMap<>();

    /**
     * Prepare the report of a session.
     *
     * @param plan        what was run.
     * @param environment the header.
     * @param records     every run, with its correctness verdict.
     * @param dir         the results folder.
     */
    public ReportWriter(
        final ReportCommand.Plan plan, final Map<String, String> environment, final List<RunRecord> records,
        final Path dir)
    {
        this.plan = plan;
        this.environment = environment;
        this.records = records;
        this.dir = dir;
        for (final String source : plan.sources())
        {
            for (final ReportCommand.Regime regime : plan.regimes())
            {
                for (final Row row : plan.rows())
                {
                    groups.put(RunRecord.groupKey(source, regime.name(), row.label()),
                        new Group(source, regime.name(), row));
                }
            }
        }
        for (final RunRecord record : records)
        {
            groups.get(record.groupKey()).add(record);
        }
    }

    /**
     * The groups: every row on every source in every regime, in table order.
     *
     * @return key (source|regime|label) to group.
     */
    public Map<String, Group> groups()
    {
        return groups;
    }

    /**
     * Write {@code results.csv}.
     *
     * @throws IOException if it cannot be written.
     */
    public void writeCsv() throws IOException
    {
        final StringBuilder csv = new StringBuilder(String.join(",", CSV_COLUMNS)).append('\n');
        for (final RunRecord run : records)
        {
            final double monolith = monolithMedian(run.source(), run.regime());
            final List<String> cells = new ArrayList<>(List.of(plan.workload(), run.source(), run.regime(),
                run.row().label(),
                run.row().kind(), run.row().transport(), run.row().batchName(), Integer.toString(run.round()),
                Integer.toString(run.exitStatus()), run.correct() ? "OK" : "FAILED", run.correctness(),
                Long.toString(run.count("linesRead")), Long.toString(run.window("warmupEvents")),
                Long.toString(run.window("events")), number(run.window("nanos") / 1e6, 3),
                number(run.throughputMillions(), 4), number(run.throughputMillions() / monolith, 4),
                Long.toString(null == run.summary() ? -1 : run.summary().at("/latency/samples").asLong(-1))));
            for (final String latency : LATENCIES)
            {
                cells.add(number(run.latencyMicros(latency), 1));
            }
            cells.add(number(run.wallNanos() / 1e6, 1));
            for (final String stage : RunRecord.STAGES)
            {
                for (final String share : SHARES)
                {
                    cells.add(number(run.stagePercent(stage, share), 2));
                }
            }
            cells.add(relative(run.summaryFile()));
            cells.add(relative(run.histogramFile()));
            cells.add(relative(run.resultsFile()));
            cells.add(relative(run.logFile()));
            final List<String> escaped = new ArrayList<>();
            for (final String cell : cells)
            {
                escaped.add(csvCell(cell));
            }
            csv.append(String.join(",", escaped)).append('\n');
        }
        Files.writeString(dir.resolve(CSV_NAME), csv.toString(), StandardCharsets.UTF_8);
    }

    /**
     * Write {@code report.md}.
     *
     * @param charts     the chart files, embedded in order.
     * @param comparison the text of {@code --compare}, or null.
     * @throws IOException if it cannot be written.
     */
    public void writeReport(final List<Path> charts, final String comparison) throws IOException
    {
        final StringBuilder md = new StringBuilder();
        md.append("# eventpipe comparison report: the ").append(plan.workload()).append(" workload\n\n");
        md.append("## Environment\n\n| | |\n|---|---|\n");
        for (final Map.Entry<String, String> entry : environment.entrySet())
        {
            md.append("| ").append(entry.getKey()).append(" | ").append(cell(entry.getValue())).append(" |\n");
        }
        md.append('\n');
        md.append("The machine may have been shared while this ran: compare the load averages above with its cores. " +
            "Every run is a fresh set of processes; rows are interleaved round by round so that drift hits every " +
            "row alike.\n\n");
        appendMatrix(md);
        md.append(mainTables());
        appendLatency(md);
        appendTargets(md);
        md.append("## Charts\n\n");
        for (final Path chart : charts)
        {
            md.append("![").append(chart.getFileName()).append("](").append(relative(chart)).append(")\n\n");
        }
        md.append("Not drawn yet: p99 against offered rate (the latency-throughput curve) needs the latency mode " +
            "(issue 13).\n\n");
        appendCorrectness(md);
        if (null != comparison)
        {
            md.append("## Compared with an earlier report\n\n```\n").append(comparison).append("```\n\n");
        }
        md.append("## Files\n\n");
        md.append("- `").append(CSV_NAME).append("`: one row per run. Columns: ");
        final List<String> names = new ArrayList<>();
        for (final String column : CSV_COLUMNS)
        {
            names.add("`" + column + "`");
        }
        md.append(String.join(", ", names)).append(".\n");
        md.append("- `runs/<source>-<regime>/<row>-r<round>.summary.json`: the run's summary (`--summary`), " +
            "`.hgrm`: its latency histogram (HdrHistogram percentile format, microseconds), `.results.jsonl`: its " +
            "aggregates, `.log`: its command line and output.\n");
        md.append("- `charts/*.png`: the charts above.\n");
        md.append("- Interval logs: none yet; the throughput runs record one histogram per run (the latency mode of " +
            "issue 13 will add them).\n");
        Files.writeString(dir.resolve(REPORT_NAME), md.toString(), StandardCharsets.UTF_8);
    }

    /**
     * The throughput tables, one per source and regime, as Markdown.
     *
     * @return the tables.
     */
    public String mainTables()
    {
        final StringBuilder md = new StringBuilder();
        final ThroughputUnit unit = plan.unit();
        for (final String source : plan.sources())
        {
            for (final ReportCommand.Regime regime : plan.regimes())
            {
                md.append("## Throughput, ").append(plan.workload()).append(" workload: ")
                    .append(regimeTitle(regime)).append(", input ").append(sourceTitle(source)).append("\n\n");
                md.append(unit.label()).append(" in the measured window (").append(regimeSize(regime, unit))
                    .append("); x monolith is the ratio of the medians; stage columns are processing/sending/waiting " +
                    "as % of the stage's wall time (median of the rounds).\n\n");
                md.append("| row | runs (").append(unit.label()).append(") | median | min | max | x monolith | " +
                    "ingest | parse | rules | aggregate | correctness |\n");
                md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
                final double monolith = monolithMedian(source, regime.name());
                for (final Row row : plan.rows())
                {
                    final Group group = groups.get(RunRecord.groupKey(source, regime.name(), row.label()));
                    final List<String> runs = new ArrayList<>();
                    for (final double value : group.throughputs())
                    {
                        runs.add(number(unit.shown(value), 2));
                    }
                    md.append("| ").append(row.label()).append(" | ").append(String.join(" ", runs)).append(" | ")
                        .append(number(unit.shown(group.medianThroughput()), 2)).append(" | ")
                        .append(number(unit.shown(Stats.min(group.throughputs())), 2)).append(" | ")
                        .append(number(unit.shown(Stats.max(group.throughputs())), 2)).append(" | ")
                        .append(number(group.medianThroughput() / monolith, 2)).append(" | ");
                    for (final String stage : new String[]{ "ingest", "parse", "rules", "aggregate" })
                    {
                        md.append(shares(group, stage)).append(" | ");
                    }
                    md.append(cell(group.correctness())).append(" |\n");
                }
                md.append('\n');
            }
        }
        return md.toString();
    }

    private void appendMatrix(final StringBuilder md)
    {
        md.append("## What ran\n\n");
        md.append("- Rounds: ").append(plan.rounds()).append(", each running every regime and every row once, " +
            "in this order.\n");
        for (final ReportCommand.Regime regime : plan.regimes())
        {
            md.append("- ").append(regimeTitle(regime)).append(": ").append(regimeDescription(regime, plan.unit()))
                .append('\n');
        }
        for (final String source : plan.sources())
        {
            md.append("- Input ").append(sourceTitle(source)).append(": ").append(sourceDescription(source))
                .append('\n');
        }
        md.append("- Workload: `").append(plan.workload()).append("` (").append(plan.description())
            .append("), given to every run as `--workload ").append(plan.workload()).append("`; its deterministic " +
            "generator, seed 42").append("events".equals(plan.workload()) ? ", 10,000 users; rules drop `view`" : "")
            .append(".\n");
        md.append("- Throughput: ").append(plan.unit().label()).append(", ").append(plan.unit().counted())
            .append(" (one per input line) in the measured window over its length, from each run's summary. Cold: " +
            "first event published (monolith) or ingested (split) to the last applied by the aggregate. Steady: " +
            "from the aggregate applying the first event past the warm-up to it applying the last, on the " +
            "aggregate's clock.\n");
        final List<String> labels = new ArrayList<>();
        for (final Row row : plan.rows())
        {
            labels.add(row.label());
        }
        md.append("- Rows built: ").append(String.join(", ", labels)).append(".\n");
        md.append("- Latency at a fixed offered rate (achieved against offered rate, PASS/FAIL, per-edge transit) is " +
            "a separate run of the same command with --rates R1,R2,... (see the README's latency section).\n\n");
    }

    private void appendLatency(final StringBuilder md)
    {
        for (final String source : plan.sources())
        {
            for (final ReportCommand.Regime regime : plan.regimes())
            {
                md.append("## Latency under full load: ").append(regimeTitle(regime)).append(", input ")
                    .append(sourceTitle(source)).append("\n\n");
                md.append("Ingest publish to aggregate applied, 1 in 16 events timed, microseconds, median of the " +
                    "rounds. Measured in the throughput runs, with the input offered as fast as the pipeline takes " +
                    "it: mostly time spent queued in full rings and frames, not latency at a fixed offered rate." +
                    (regime.warmupEvents() > 0 ? " Warm-up events are not recorded." : "") + "\n\n");
                md.append("| row | p50 | p90 | p99 | p99.9 | max |\n|---|---|---|---|---|---|\n");
                for (final Row row : plan.rows())
                {
                    final Group group = groups.get(RunRecord.groupKey(source, regime.name(), row.label()));
                    md.append("| ").append(row.label());
                    for (final String latency : LATENCIES)
                    {
                        md.append(" | ").append(number(group.medianLatency(latency), 0));
                    }
                    md.append(" |\n");
                }
                md.append('\n');
            }
        }
    }

    private void appendTargets(final StringBuilder md)
    {
        md.append("## Targets\n\n| target | regime, input | measured | met |\n|---|---|---|---|\n");
        final List<String> missed = new ArrayList<>();
        for (final String source : plan.sources())
        {
            for (final ReportCommand.Regime regime : plan.regimes())
            {
                final boolean steady = regime.warmupEvents() > 0;
                final double aeronTarget = steady ? 0.8 : 0.6;
                target(md, missed, source, regime, Row.splitLabel("aeron-ipc", 100), aeronTarget);
                target(md, missed, source, regime, Row.splitLabel("aeron-ipc", 0), aeronTarget);
                if (steady)
                {
                    target(md, missed, source, regime, Row.splitLabel("chronicle", 100), 0.6);
                    target(md, missed, source, regime, Row.splitLabel("chronicle", 0), 0.6);
                }
            }
        }
        for (final String source : plan.sources())
        {
            for (final ReportCommand.Regime regime : plan.regimes())
            {
                baselineTarget(md, source, regime, Row.MONOLITH, Row.MONOLITH_JDK, 3.0);
                baselineTarget(md, source, regime, Row.splitLabel("aeron-ipc", 100), Row.splitLabel("tcp", 100), 3.0);
                baselineTarget(md, source, regime, Row.splitLabel("aeron-ipc", 1), Row.splitLabel("grpc", 1), 20.0);
            }
        }
        md.append('\n');
        if (!missed.isEmpty())
        {
            md.append("Where the time goes in the rows that miss their target (median shares of each stage's wall " +
                "time):\n\n");
            for (final String line : missed)
            {
                md.append("- ").append(line).append('\n');
            }
            md.append('\n');
        }
    }

    private void target(
        final StringBuilder md, final List<String> missed, final String source, final ReportCommand.Regime regime,
        final String label, final double ratio)
    {
        final Group group = groups.get(RunRecord.groupKey(source, regime.name(), label));
        final String where = regime.name() + ", " + source;
        if (null == group)
        {
            md.append("| ").append(label).append(" >= ").append(ratio).append("x monolith | ").append(where)
                .append(" | not run | - |\n");
            return;
        }
        final double measured = group.medianThroughput() / monolithMedian(source, regime.name());
        final boolean met = measured >= ratio;
        md.append("| ").append(label).append(" >= ").append(ratio).append("x monolith | ").append(where)
            .append(" | ").append(number(measured, 2)).append("x | ").append(met ? "yes" : "**no**").append(" |\n");
        if (!met && Double.isFinite(measured))
        {
            String bottleneck = "";
            double mostProcessing = -1;
            final StringBuilder stages = new StringBuilder();
            for (final String stage : new String[]{ "ingest", "parse", "rules", "aggregate" })
            {
                final double processing = group.medianStagePercent(stage, "processing");
                stages.append(stages.length() > 0 ? ", " : "").append(stage).append(' ').append(shares(group, stage));
                if (Double.isFinite(processing) && processing > mostProcessing)
                {
                    mostProcessing = processing;
                    bottleneck = stage;
                }
            }
            missed.add(label + " (" + where + ", " + number(measured, 2) + "x): the stage that processes longest is " +
                bottleneck + " (" + number(mostProcessing, 0) + " % of its wall time); processing/sending/waiting % " +
                stages + ". Sending time upstream of it is back-pressure from it; what no stage's shares show is " +
                "the CPU that five JVMs, their JIT and the other processes on the machine take from the same cores.");
        }
    }

    private void appendCorrectness(final StringBuilder md)
    {
        md.append("## Correctness\n\n");
        md.append("Every run's aggregates (results file, byte for byte) and counts (lines read, blank, accepted, " +
            "kept, filtered, rejected, failed) are compared with the monolith's first successful run on the same " +
            "input and regime, and every run must exit 0 with all the checks of its own summary passed.\n\n");
        final List<String> failures = new ArrayList<>();
        for (final RunRecord run : records)
        {
            if (!run.correct())
            {
                failures.add("- FAILED: " + run.source() + " " + run.regime() + " round " + run.round() + " " +
                    run.row().label() + ": " + run.correctness().replaceFirst("^FAILED: ", "") + " (log: `" +
                    relative(run.logFile()) + "`)");
            }
        }
        md.append(failures.isEmpty() ? "All " + records.size() + " runs OK.\n" : String.join("\n", failures) + "\n");
        md.append('\n');
    }

    /**
     * A target of the baseline issue: one row at least {@code ratio} times another, both of one regime and input.
     */
    private void baselineTarget(
        final StringBuilder md, final String source, final ReportCommand.Regime regime, final String label,
        final String baseline, final double ratio)
    {
        final Group row = groups.get(RunRecord.groupKey(source, regime.name(), label));
        final Group base = groups.get(RunRecord.groupKey(source, regime.name(), baseline));
        md.append("| ").append(label).append(" >= ").append(number(ratio, 0)).append("x ").append(baseline)
            .append(" | ").append(regime.name()).append(", ").append(source).append(" | ");
        if (null == row || null == base)
        {
            md.append("not run | - |\n");
            return;
        }
        final double measured = row.medianThroughput() / base.medianThroughput();
        md.append(number(measured, 2)).append("x | ").append(measured >= ratio ? "yes" : "**no**").append(" |\n");
    }

    private double monolithMedian(final String source, final String regime)
    {
        final Group monolith = groups.get(RunRecord.groupKey(source, regime, Row.MONOLITH));
        return null == monolith ? Double.NaN : monolith.medianThroughput();
    }

    private static String shares(final Group group, final String stage)
    {
        final double processing = group.medianStagePercent(stage, "processing");
        if (!Double.isFinite(processing))
        {
            return "";
        }
        return number(processing, 0) + "/" + number(group.medianStagePercent(stage, "sending"), 0) + "/" +
            number(group.medianStagePercent(stage, "waiting"), 0);
    }

    private static String regimeTitle(final ReportCommand.Regime regime)
    {
        return regime.warmupEvents() > 0 ? "steady" : "cold";
    }

    private static String regimeDescription(final ReportCommand.Regime regime, final ThroughputUnit unit)
    {
        return regime.warmupEvents() > 0 ?
            String.format(Locale.ROOT, "fresh JVMs, %,d warm-up %s (the same for every row) left out of the " +
                "measured window and the latency, then %,d measured %s", regime.warmupEvents(), unit.counted(),
                regime.measuredEvents(), unit.counted()) :
            String.format(Locale.ROOT, "fresh JVMs, %,d %s, JIT and start-up costs included in the window " +
                "(JVM start-up itself is not)", regime.measuredEvents(), unit.counted());
    }

    private static String regimeSize(final ReportCommand.Regime regime, final ThroughputUnit unit)
    {
        return regime.warmupEvents() > 0 ?
            String.format(Locale.ROOT, "%,d %s after %,d warm-up", regime.measuredEvents(), unit.counted(),
                regime.warmupEvents()) :
            String.format(Locale.ROOT, "%,d %s", regime.measuredEvents(), unit.counted());
    }

    private static String sourceTitle(final String source)
    {
        return "file".equals(source) ? "from a page-cached file" : "generated in ingest";
    }

    private String sourceDescription(final String source)
    {
        return "file".equals(source) ?
            "NDJSON written once per session by `Monolith --workload " + plan.workload() + " --write-input` (one " +
                "file per run length, the shorter a " +
                "prefix of the longer), then read by every run from the page cache (`--input FILE`)" :
            "generated by the ingest thread or stage itself (`--events N`), no file read";
    }

    private String relative(final Path file)
    {
        return dir.relativize(file.toAbsolutePath()).toString();
    }

    private static List<String> csvColumns()
    {
        final List<String> columns = new ArrayList<>(List.of("workload", "source", "regime", "row", "kind",
            "transport", "batch", "round", "exit_status", "correct", "correctness", "lines_read", "warmup_events",
            "measured_events", "window_ms", "throughput_meps", "x_monolith", "latency_samples", "p50_us", "p90_us",
            "p99_us", "p99_9_us", "max_us", "wall_ms"));
        for (final String stage : RunRecord.STAGES)
        {
            for (final String share : SHARES)
            {
                columns.add(stage + "_" + share + "_pct");
            }
        }
        columns.addAll(List.of("summary_file", "histogram_file", "results_file", "log_file"));
        return List.copyOf(columns);
    }

    private static String number(final double value, final int decimals)
    {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "";
    }

    private static String cell(final String text)
    {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String csvCell(final String text)
    {
        return text.contains(",") || text.contains("\"") || text.contains("\n") ?
            "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
