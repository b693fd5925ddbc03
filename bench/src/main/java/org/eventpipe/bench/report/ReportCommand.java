package org.eventpipe.bench.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eventpipe.cli.CommandLines;
import org.eventpipe.cli.UsageException;
import org.eventpipe.ingest.IngestConfiguration;
import org.eventpipe.ingest.LineSource;
import org.eventpipe.workload.Workload;
import org.eventpipe.workload.Workloads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The comparison report: runs the fused loop, the Disruptor monolith and the split pipeline over every transport and
 * batch size as child processes, on the same input, interleaved round by round, in the cold and the steady regime,
 * and writes a results folder named by date and time with {@code report.md}, {@code results.csv}, every run's
 * summary, histogram, results and log, and PNG charts.
 * <pre>
 *   for each source (file | generated), round, regime (cold | steady), row:
 *       java ... Monolith | SplitPipeline ... --workload NAME --summary S --results R --histogram H
 *           [--warmup-events W]
 *   then: correctness against the monolith of the same source and regime, medians, tables, CSV, charts
 * </pre>
 * The figures come from each run's {@code --summary} file, never from its printed output. Exit status: 0 if every
 * run completed and matched the monolith, 1 if one did not (it is marked FAILED in the report), 2 for a bad flag,
 * a missing jar or an unwritable output (one line, before any run).
 */
@Command(
    name = "bench.jar",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Runs the fused loop, the monolith and the split pipelines side by side and writes the " +
        "comparison report (report.md, results.csv, histograms, summaries, charts) into a folder named by date.")
public final class ReportCommand implements Callable<Integer>
{
    /** Events of a cold run in {@code --quick}. */
    static final long QUICK_COLD_EVENTS = 1_000_000;
    /** Warm-up of a steady run in {@code --quick}. */
    static final long QUICK_WARMUP_EVENTS = 1_000_000;
    /** Measured window of a steady run in {@code --quick}. */
    static final long QUICK_STEADY_EVENTS = 3_000_000;
    /** Rounds of {@code --quick}: a median of three is what makes two sessions agree. */
    static final int QUICK_ROUNDS = 3;
    /**
     * Rows of {@code --quick} unless {@code --rows}, {@code --transports} or {@code --batches} are given: the loops in
     * one JVM, and every transport at batch 100, Aeron IPC and Chronicle adaptive too.
     */
    static final List<String> QUICK_ROWS = List.of(Row.FUSED, Row.MONOLITH,
        Row.splitLabel("aeron-ipc", 100), Row.splitLabel("aeron-ipc", 0), Row.splitLabel("aeron-udp", 100),
        Row.splitLabel("chronicle", 100), Row.splitLabel("chronicle", 0));
    /**
     * Rows of {@code --full} unless {@code --rows}, {@code --transports} or {@code --batches} are given, chosen to fit
     * 30 minutes on 2 cores: the loops and both monoliths, Aeron IPC at every batch size (where batching stops
     * paying), and Aeron UDP, Chronicle and TCP at batch 100 and adaptive. The rest of the matrix (batch 1 and 10 of
     * the other transports, and gRPC, which runs at tens of thousands of events/s) is one {@code --transports} or
     * {@code --batches} away.
     */
    static final List<String> FULL_ROWS = List.of(Row.FUSED, Row.MONOLITH, Row.MONOLITH_JDK,
        Row.splitLabel("aeron-ipc", 1), Row.splitLabel("aeron-ipc", 10), Row.splitLabel("aeron-ipc", 100),
        Row.splitLabel("aeron-ipc", 1000), Row.splitLabel("aeron-ipc", 0),
        Row.splitLabel("aeron-udp", 100), Row.splitLabel("aeron-udp", 0),
        Row.splitLabel("chronicle", 100), Row.splitLabel("chronicle", 0),
        Row.splitLabel("tcp", 100), Row.splitLabel("tcp", 0));
    /** Events of a cold run in {@code --full}. */
    static final long FULL_COLD_EVENTS = 10_000_000;
    /** Warm-up of a steady run in {@code --full}. */
    static final long FULL_WARMUP_EVENTS = 5_000_000;
    /** Measured window of a steady run in {@code --full}. */
    static final long FULL_STEADY_EVENTS = 20_000_000;
    /** Items of a cold run of the work-items workload in {@code --quick} (an item costs about 50 events). */
    static final long ITEMS_QUICK_COLD = 20_000;
    /** Warm-up of a steady work-items run in {@code --quick}. */
    static final long ITEMS_QUICK_WARMUP = 20_000;
    /** Measured window of a steady work-items run in {@code --quick}. */
    static final long ITEMS_QUICK_STEADY = 60_000;
    /** Items of a cold work-items run in {@code --full}. */
    static final long ITEMS_FULL_COLD = 100_000;
    /** Warm-up of a steady work-items run in {@code --full}. */
    static final long ITEMS_FULL_WARMUP = 100_000;
    /** Measured window of a steady work-items run in {@code --full}. */
    static final long ITEMS_FULL_STEADY = 400_000;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long STOP_GRACE_SECONDS = 10;
    private static final long INPUT_SEED = IngestConfiguration.SEED_DEFAULT;
    private static final long INPUT_SAMPLE_LINES = 1_000;

    @Option(names = "--workload", paramLabel = "NAME", defaultValue = Workloads.DEFAULT,
        description = "Workload every run runs, found on core.jar's class path: events, work-items, or your own " +
            "(default: ${DEFAULT-VALUE}). Its generator writes the input file, and its results are compared.")
    String workload = Workloads.DEFAULT;

    @Option(names = "--quick", description = "Three rounds of seven rows (fused, monolith, aeron-ipc batch 100 and " +
        "adaptive, aeron-udp batch 100, chronicle batch 100 and adaptive), steady only: 1 M warm-up + 3 M measured " +
        "(about 5 minutes on 2 cores). The default.")
    boolean quick;

    @Option(names = "--full", description = "Three rounds of 14 rows (fused, both monoliths, aeron-ipc at every " +
        "batch size, aeron-udp, chronicle and tcp at batch 100 and adaptive), cold 10 M events and steady 5 M " +
        "warm-up + 20 M measured (under 30 minutes on 2 cores); work-items: cold 100 k items, steady 100 k + 400 k.")
    boolean full;

    @Option(names = "--rounds", paramLabel = "N", description = "Rounds (default: 3).")
    Integer rounds;

    @Option(names = "--cold-events", paramLabel = "N", description = "Events (lines: items for work-items) of a " +
        "cold run.")
    Long coldEvents;

    @Option(names = "--warmup-events", paramLabel = "N",
        description = "Steady regime: events left out of the measured window, the same for every row.")
    Long warmupEvents;

    @Option(names = "--steady-events", paramLabel = "N", description = "Steady regime: events in the measured window.")
    Long steadyEvents;

    @Option(names = "--regimes", split = ",", paramLabel = "NAME",
        description = "cold, steady (default: steady for --quick, both for --full).")
    List<String> regimes;

    @Option(names = "--sources", split = ",", paramLabel = "NAME",
        description = "Input: file (generated once into a page-cached NDJSON file), generated (by the ingest " +
            "thread or stage); comma separated (default: file).")
    List<String> sources = new ArrayList<>(List.of("file"));

    @Option(names = "--transports", split = ",", paramLabel = "NAME",
        description = "Run these split transports at every --batches size instead of the preset rows of --quick " +
            "or --full (names: aeron-ipc,aeron-udp,chronicle,tcp,grpc; grpc at batch 1 runs at tens of thousands " +
            "of events/s, so --full with it takes hours: narrow it with --batches).")
    List<String> transports;

    @Option(names = "--batches", split = ",", paramLabel = "N",
        description = "Split batch sizes, 0 = adaptive (default: 1,10,100,1000,0).")
    List<Integer> batches;

    @Option(names = "--rows", split = ",", paramLabel = "LABEL",
        description = "Run only these standard rows, by label (e.g. 'monolith,aeron-ipc batch 100').")
    List<String> onlyRows = new ArrayList<>();

    @Option(names = "--row", paramLabel = "LABEL=TEMPLATE",
        description = "An extra row: a label and a command template with {java}, {core.jar}, {ipc-aeron.jar}, " +
            "{ipc-chronicle.jar}, {bench.jar}; the input, warm-up and output options are appended. Repeatable.")
    List<String> extraRows = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results",
        description = "Where the results folder is made (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--repo", paramLabel = "DIR",
        description = "Repository root holding core/target/core.jar and the transport jars (default: found from " +
            "bench.jar's location, else the current directory).")
    Path repo;

    @Option(names = "--input-dir", paramLabel = "DIR",
        description = "Where the input files are generated (default: a fresh directory under java.io.tmpdir, " +
            "removed at the end).")
    Path inputDir;

    @Option(names = "--run-timeout-s", paramLabel = "SECONDS", defaultValue = "600",
        description = "A run still going after this long is stopped and marked FAILED (default: ${DEFAULT-VALUE}).")
    long runTimeoutSeconds;

    @Option(names = "--rates", split = ",", paramLabel = "R",
        description = "Latency sweep (issue 13) instead of the report: run each row at each offered rate (events/s), " +
            "one line per run, and name the highest rate each row sustains with p99 under 1 ms; " +
            "--rounds defaults to 1 here.")
    List<Long> rates;

    @Option(names = "--rate-seconds", paramLabel = "S", defaultValue = "2",
        description = "Latency sweep: seconds measured at each rate, after one second of warm-up (default: " +
            "${DEFAULT-VALUE}).")
    long rateSeconds;

    @Option(names = "--compare", paramLabel = "OLD_RESULTS_DIR",
        description = "Print, row by row, how far each median moved from an earlier results folder.")
    Path compare;

    @Option(names = "--against", paramLabel = "NEW_RESULTS_DIR",
        description = "With --compare: compare these two folders without running anything.")
    Path against;

    private PrintStream stdout = System.out;
    private boolean terminal = null != System.console();
    private String[] arguments = new String[0];

    /**
     * Run the report.
     *
     * @param args see {@code --help}.
     */
    public static void main(final String[] args)
    {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args, System.out, System.err));
    }

    /**
     * Run the report.
     *
     * @param args command-line arguments.
     * @param out  standard output: progress and the main table.
     * @param err  standard error.
     * @return the exit status.
     */
    public static int execute(final String[] args, final PrintStream out, final PrintStream err)
    {
        final ReportCommand command = new ReportCommand();
        command.stdout = out;
        command.terminal = null != System.console() && out == System.out;
        command.arguments = args.clone();
        return CommandLines.execute(command, args, out, err);
    }

    /**
     * {@inheritDoc}
     */
    public Integer call() throws Exception
    {
        System.setProperty("java.awt.headless", "true");
        final Workload selected = workload();
        if (null != against)
        {
            if (null == compare)
            {
                throw new UsageException("--against needs --compare OLD_RESULTS_DIR");
            }
            checkSameWorkload(checkResultsDir(compare), Comparison.workload(checkResultsDir(against)));
            final Comparison comparison = Comparison.of(compare, against);
            stdout.print(comparison.text());
            return 0;
        }
        if (null != compare)
        {
            checkSameWorkload(checkResultsDir(compare), selected.name());
        }
        final Plan plan = plan(selected);
        final Path repository = repository();
        final Map<String, Path> jars = jars(repository, plan.rows());
        if (null != rates && (rates.stream().anyMatch((rate) -> rate < 1) || rateSeconds < 1))
        {
            throw new UsageException("--rates must be positive events per second and --rate-seconds at least 1");
        }
        makeDirectory(out, "--out");
        if (null != inputDir)
        {
            makeDirectory(inputDir, "--input-dir");
        }
        final Path resultsDir = resultsDir();
        if (null != rates)
        {
            return new RateSweep(stdout, plan.rows(), rates, rateSeconds, null == rounds ? 1 : plan.rounds(),
                runTimeoutSeconds).run((row) -> rowCommand(plan, row, jars), resultsDir.resolve("sweep"), repository);
        }
        final Path generatedInputs = null == inputDir ? Files.createTempDirectory("eventpipe-report-input-") :
            Files.createDirectories(inputDir);
        try
        {
            return run(plan, repository, jars, resultsDir, generatedInputs);
        }
        finally
        {
            if (null == inputDir)
            {
                deleteTree(generatedInputs);
            }
        }
    }

    private int run(
        final Plan plan, final Path repository, final Map<String, Path> jars, final Path resultsDir,
        final Path generatedInputs) throws IOException, InterruptedException
    {
        final String command = "java -jar bench/target/bench.jar " + String.join(" ", quoted(arguments));
        final Map<String, String> environment = Environment.describe(repository, command.trim(),
            "none for Monolith and SplitPipeline (as the README gives them); the launcher starts each stage with " +
            "the transport's --add-opens/--add-exports flags and -XX:+UseSerialGC");
        stdout.println("eventpipe comparison report of the " + plan.workload() + " workload into " + resultsDir +
            inputNote(plan, generatedInputs));
        for (final Regime regime : plan.regimes())
        {
            stdout.println("  " + regime.name() + ": " + (regime.warmupEvents() > 0 ? regime.warmupEvents() + " " +
                plan.unit().counted() + " warm-up + " : "") + regime.measuredEvents() + " " + plan.unit().counted() +
                " measured, " + plan.rounds() + " round(s), " + plan.rows().size() + " rows");
        }
        final Map<String, Path> inputs = new LinkedHashMap<>();
        if (plan.sources().contains("file"))
        {
            for (final Regime regime : plan.regimes())
            {
                final long lines = regime.totalEvents();
                if (!inputs.containsKey(Long.toString(lines)))
                {
                    inputs.put(Long.toString(lines), writeInput(plan, jars, generatedInputs, lines));
                }
            }
        }

        final List<RunRecord> records = new ArrayList<>();
        final List<String> keys = new ArrayList<>();
        for (final String source : plan.sources())
        {
            for (int round = 1; round <= plan.rounds(); round++)
            {
                for (final Regime regime : plan.regimes())
                {
                    for (final Row row : plan.rows())
                    {
                        keys.add(regime.name() + "|" + row.label());
                    }
                }
            }
        }
        final Progress progress = new Progress(stdout, terminal, keys);
        int index = 0;
        for (final String source : plan.sources())
        {
            for (int round = 1; round <= plan.rounds(); round++)
            {
                for (final Regime regime : plan.regimes())
                {
                    for (final Row row : plan.rows())
                    {
                        final Path runDir = Files.createDirectories(
                            resultsDir.resolve("runs").resolve(source + "-" + regime.name()));
                        final String stem = row.slug() + "-r" + round;
                        final RunRecord record = new RunRecord(source, regime.name(), row, round,
                            runDir.resolve(stem + ".summary.json"), runDir.resolve(stem + ".hgrm"),
                            runDir.resolve(stem + ".results.jsonl"), runDir.resolve(stem + ".log"));
                        progress.starting(index, source + " " + regime.name() + " round " + round + ": " +
                            row.label());
                        final List<String> commandLine = commandLine(plan, row, jars, source, regime,
                            inputs.get(Long.toString(regime.totalEvents())), record);
                        execute(commandLine, repository, record);
                        progress.finished(index++, record.wallNanos());
                        if (!record.succeeded())
                        {
                            progress.note("run failed (exit " + record.exitStatus() + "): " + row.label() + ", " +
                                "see " + record.logFile());
                        }
                        records.add(record);
                    }
                }
            }
        }
        progress.done();
        environment.put("load average at end", Environment.loadAverage());

        Correctness.check(records);
        final ReportWriter writer = new ReportWriter(plan, environment, records, resultsDir);
        writer.writeCsv();
        final Comparison comparison = null == compare ? null : Comparison.of(compare, resultsDir);
        final List<Path> charts = new Charts(resultsDir.resolve("charts")).write(plan, writer.groups());
        writer.writeReport(charts, null == comparison ? null : comparison.text());
        stdout.println();
        stdout.print(writer.mainTables());
        if (null != comparison)
        {
            stdout.println();
            stdout.print(comparison.text());
        }
        stdout.println("report: " + resultsDir.resolve("report.md"));
        final long failed = records.stream().filter((record) -> !record.correct()).count();
        if (failed > 0)
        {
            stdout.println(failed + " run(s) FAILED: see the correctness column");
            return 1;
        }
        return 0;
    }

    private Workload workload()
    {
        try
        {
            return Workloads.named(workload);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UsageException(ex.getMessage());
        }
    }

    Plan plan(final Workload selected)
    {
        if (quick && full)
        {
            throw new UsageException("--quick and --full exclude each other");
        }
        final boolean items = "work-items".equals(selected.name());
        final int roundCount = null != rounds ? rounds : full ? 3 : QUICK_ROUNDS;
        final long cold = null != coldEvents ? coldEvents : items ? (full ? ITEMS_FULL_COLD : ITEMS_QUICK_COLD) :
            full ? FULL_COLD_EVENTS : QUICK_COLD_EVENTS;
        final long warmup = null != warmupEvents ? warmupEvents :
            items ? (full ? ITEMS_FULL_WARMUP : ITEMS_QUICK_WARMUP) : full ? FULL_WARMUP_EVENTS : QUICK_WARMUP_EVENTS;
        final long steady = null != steadyEvents ? steadyEvents :
            items ? (full ? ITEMS_FULL_STEADY : ITEMS_QUICK_STEADY) : full ? FULL_STEADY_EVENTS : QUICK_STEADY_EVENTS;
        if (roundCount < 1 || cold < 1 || warmup < 1 || steady < 1)
        {
            throw new UsageException("--rounds, --cold-events, --warmup-events and --steady-events must be at least 1");
        }
        if (runTimeoutSeconds < 1)
        {
            throw new UsageException("--run-timeout-s must be at least 1: " + runTimeoutSeconds);
        }
        final List<Regime> regimeList = new ArrayList<>();
        final List<String> regimeNames = null != regimes ? regimes :
            full ? List.of("cold", "steady") : List.of("steady");
        for (final String regime : regimeNames)
        {
            switch (regime)
            {
                case "cold" -> regimeList.add(new Regime("cold", 0, cold));
                case "steady" -> regimeList.add(new Regime("steady", warmup, steady));
                default -> throw new UsageException("--regimes: expected cold or steady, got '" + regime + "'");
            }
        }
        for (final String source : sources)
        {
            if (!"file".equals(source) && !"generated".equals(source))
            {
                throw new UsageException("--sources: expected file or generated, got '" + source + "'");
            }
        }
        final boolean presetRows = onlyRows.isEmpty() && null == transports && null == batches;
        final List<Integer> batchList = null != batches ? batches : Row.BATCHES;
        final List<String> transportList = null != transports ? transports : Row.TRANSPORTS;
        for (final String transport : transportList)
        {
            if (!Row.TRANSPORTS.contains(transport))
            {
                throw new UsageException("--transports: no transport '" + transport + "', expected one of " +
                    String.join(", ", Row.TRANSPORTS));
            }
        }
        final List<String> rowLabels = presetRows ? (full ? FULL_ROWS : QUICK_ROWS) : onlyRows;
        for (final int batch : batchList)
        {
            if (batch < 0 || batch > 65_534)
            {
                throw new UsageException("--batches: " + batch + " is not in [0, 65534] (0 = adaptive)");
            }
        }
        final List<Row> rows = new ArrayList<>();
        final List<Row> standard = Row.standard(transportList, batchList);
        for (final Row row : standard)
        {
            if (rowLabels.isEmpty() || rowLabels.contains(row.label()))
            {
                rows.add(row);
            }
        }
        for (final String label : rowLabels)
        {
            if (standard.stream().noneMatch((row) -> row.label().equals(label)))
            {
                throw new UsageException("--rows: no standard row '" + label + "'");
            }
        }
        for (final String definition : extraRows)
        {
            final Row row;
            try
            {
                row = Row.custom(definition);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new UsageException(ex.getMessage());
            }
            if (row.template().stream().anyMatch((word) -> word.startsWith("--workload")))
            {
                throw new UsageException("--row '" + row.label() + "': leave --workload out of the template, the " +
                    "report gives every run --workload " + selected.name());
            }
            rows.add(row);
        }
        if (rows.isEmpty())
        {
            throw new UsageException("no rows to run");
        }
        final List<String> labels = new ArrayList<>();
        for (final Row row : rows)
        {
            if (labels.contains(row.label()))
            {
                throw new UsageException("two rows are labelled '" + row.label() + "'");
            }
            labels.add(row.label());
        }
        return new Plan(selected.name(), selected.description(), roundCount, List.copyOf(regimeList),
            List.copyOf(sources), List.copyOf(rows));
    }

    private Path repository()
    {
        if (null != repo)
        {
            return repo.toAbsolutePath().normalize();
        }
        final String property = System.getProperty("eventpipe.repo.root");
        if (null != property)
        {
            return Path.of(property).toAbsolutePath().normalize();
        }
        try
        {
            final Path jar = Path.of(ReportCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // bench/target/bench.jar -> the repository root
            if (Files.isRegularFile(jar) && null != jar.getParent() && null != jar.getParent().getParent() &&
                null != jar.getParent().getParent().getParent())
            {
                final Path root = jar.getParent().getParent().getParent();
                if (Files.isRegularFile(root.resolve("core/target/core.jar")))
                {
                    return root;
                }
            }
        }
        catch (final java.net.URISyntaxException | SecurityException ex)
        {
            // fall back to the current directory
        }
        return Path.of("").toAbsolutePath();
    }

    private static Map<String, Path> jars(final Path repository, final List<Row> rows)
    {
        final Map<String, Path> jars = new LinkedHashMap<>();
        jars.put("core.jar", repository.resolve("core/target/core.jar"));
        jars.put("ipc-aeron.jar", repository.resolve("ipc-aeron/target/ipc-aeron.jar"));
        jars.put("ipc-chronicle.jar", repository.resolve("ipc-chronicle/target/ipc-chronicle.jar"));
        jars.put("bench.jar", repository.resolve("bench/target/bench.jar"));
        for (final Map.Entry<String, Path> jar : jars.entrySet())
        {
            final String placeholder = "{" + jar.getKey() + "}";
            final boolean used = "core.jar".equals(jar.getKey()) ||
                rows.stream().anyMatch((row) -> row.template().contains(placeholder));
            if (used && !Files.isRegularFile(jar.getValue()))
            {
                throw new UsageException("no " + jar.getValue() + ": build first with " +
                    "'mvn -q -DskipTests package' at the repository root, or give --repo DIR");
            }
        }
        return jars;
    }

    private Path resultsDir() throws IOException
    {
        if (!Files.isDirectory(out) || !Files.isWritable(out))
        {
            throw new UsageException("--out: '" + out + "' is not a writable directory");
        }
        final String stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss", Locale.ROOT)
            .format(LocalDateTime.now());
        Path dir = out.resolve("report-" + stamp);
        for (int i = 2; Files.exists(dir); i++)
        {
            dir = out.resolve("report-" + stamp + "-" + i);
        }
        return Files.createDirectories(dir).toAbsolutePath();
    }

    /**
     * Where the input files go and about how much they take, from the mean length of the first generated lines, so
     * that the first line of the output says what the report will write.
     */
    String inputNote(final Plan plan, final Path generatedInputs) throws IOException
    {
        if (!plan.sources().contains("file"))
        {
            return "; no input file (events generated in ingest)";
        }
        long lines = 0;
        final List<Long> lengths = new ArrayList<>();
        for (final Regime regime : plan.regimes())
        {
            if (!lengths.contains(regime.totalEvents()))
            {
                lengths.add(regime.totalEvents());
                lines += regime.totalEvents();
            }
        }
        long sampleBytes = 0;
        long sampleLines = 0;
        try (LineSource sample = Workloads.named(plan.workload()).generator(INPUT_SEED, INPUT_SAMPLE_LINES))
        {
            while (sample.next())
            {
                sampleBytes += sample.lineLength() + 1;
                sampleLines++;
            }
        }
        catch (final Exception ex)
        {
            throw new IOException("cannot sample the " + plan.workload() + " generator: " + ex.getMessage(), ex);
        }
        final long megabytes = 0 == sampleLines ? 0 : (long)Math.ceil(lines * (double)sampleBytes / sampleLines / 1e6);
        return String.format(Locale.ROOT, "; input files: about %,d MB in %s, %s", megabytes, generatedInputs,
            null == inputDir ? "removed at the end (--input-dir DIR keeps them)" : "kept");
    }

    /**
     * Make a directory the report writes to, once every flag is checked: one that cannot be made or written is a
     * usage error before any input is generated.
     */
    private static void makeDirectory(final Path dir, final String option)
    {
        try
        {
            Files.createDirectories(dir);
        }
        catch (final IOException | SecurityException ex)
        {
            throw new UsageException(option + ": '" + dir + "' is not a writable directory (" +
                ex.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(Locale.ROOT).trim() + ")");
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir))
        {
            throw new UsageException(option + ": '" + dir + "' is not a writable directory");
        }
    }

    private static Path checkResultsDir(final Path dir)
    {
        if (!Files.isRegularFile(dir.resolve(ReportWriter.CSV_NAME)))
        {
            throw new UsageException("'" + dir + "' holds no " + ReportWriter.CSV_NAME + ": not a results folder");
        }
        return dir;
    }

    private static void checkSameWorkload(final Path dir, final String workload) throws IOException
    {
        final String other = Comparison.workload(dir);
        if (!other.equals(workload))
        {
            throw new UsageException("--compare: '" + dir + "' is a report of the " + other + " workload, not of " +
                workload + ": their figures do not compare");
        }
    }

    private Path writeInput(final Plan plan, final Map<String, Path> jars, final Path dir, final long lines)
        throws IOException, InterruptedException
    {
        final Path file = dir.resolve(plan.workload() + "-" + lines + ".ndjson");
        if (Files.isRegularFile(file))
        {
            return file;
        }
        stdout.println("generating the input file " + file + " (" + lines + " " + plan.unit().counted() + " of " +
            "the " + plan.workload() + " workload, seed 42)");
        final Path log = dir.resolve("write-input-" + plan.workload() + "-" + lines + ".log");
        final Process process = new ProcessBuilder(java(), "-cp", jars.get("core.jar").toString(), "Monolith",
            "--workload", plan.workload(), "--write-input", file.toString(), "--events", Long.toString(lines))
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(runTimeoutSeconds, TimeUnit.SECONDS) || 0 != process.exitValue())
        {
            process.destroyForcibly();
            throw new IOException("could not generate " + file + ": " + Files.readString(log, StandardCharsets.UTF_8));
        }
        return file;
    }

    static List<String> commandLine(
        final Plan plan, final Row row, final Map<String, Path> jars, final String source, final Regime regime,
        final Path input, final RunRecord record)
    {
        final List<String> command = rowCommand(plan, row, jars);
        if ("file".equals(source))
        {
            command.addAll(List.of("--input", input.toString()));
        }
        else
        {
            command.addAll(List.of("--events", Long.toString(regime.totalEvents())));
        }
        if (regime.warmupEvents() > 0)
        {
            command.addAll(List.of("--warmup-events", Long.toString(regime.warmupEvents())));
        }
        command.addAll(List.of("--summary", record.summaryFile().toString(), "--results",
            record.resultsFile().toString(), "--histogram", record.histogramFile().toString()));
        return command;
    }

    private static List<String> rowCommand(final Plan plan, final Row row, final Map<String, Path> jars)
    {
        final List<String> command = new ArrayList<>();
        for (final String word : row.template())
        {
            String expanded = word.replace("{java}", java());
            for (final Map.Entry<String, Path> jar : jars.entrySet())
            {
                expanded = expanded.replace("{" + jar.getKey() + "}", jar.getValue().toString());
            }
            command.add(expanded);
        }
        command.addAll(List.of("--workload", plan.workload()));
        return command;
    }

    private void execute(final List<String> command, final Path repository, final RunRecord record)
        throws IOException, InterruptedException
    {
        Files.writeString(record.logFile(), String.join(" ", command) + "\n", StandardCharsets.UTF_8);
        final long startNanos = System.nanoTime();
        final Process process = new ProcessBuilder(command).directory(repository.toFile()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(record.logFile().toFile())).start();
        process.getOutputStream().close();
        int status;
        try
        {
            if (process.waitFor(runTimeoutSeconds, TimeUnit.SECONDS))
            {
                status = process.exitValue();
            }
            else
            {
                Files.writeString(record.logFile(), "bench: stopped after " + runTimeoutSeconds + " s\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
                status = -1;
            }
        }
        finally
        {
            stop(process);
        }
        final long wallNanos = System.nanoTime() - startNanos;
        JsonNode summary = null;
        if (Files.isRegularFile(record.summaryFile()))
        {
            try
            {
                summary = MAPPER.readTree(record.summaryFile().toFile());
            }
            catch (final IOException ex)
            {
                Files.writeString(record.logFile(), "bench: unreadable summary: " + ex.getMessage() + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
            }
        }
        record.ended(status, wallNanos, summary);
    }

    /**
     * Stop a run that is still going: SIGTERM first, so that the launcher stops its stages and cleans up its run
     * directory, then SIGKILL for anything left.
     */
    private static void stop(final Process process) throws InterruptedException
    {
        if (!process.isAlive())
        {
            return;
        }
        final List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
        }
        for (final ProcessHandle child : descendants)
        {
            child.destroyForcibly();
        }
    }

    private static List<String> quoted(final String[] args)
    {
        final List<String> quoted = new ArrayList<>();
        for (final String arg : Arrays.asList(args))
        {
            quoted.add(arg.matches("[A-Za-z0-9_./,:=+@%-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return quoted;
    }

    private static String java()
    {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void deleteTree(final Path root)
    {
        if (!Files.exists(root))
        {
            return;
        }
        try (var paths = Files.walk(root))
        {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
        }
        catch (final IOException ignore)
        {
            // best effort: a temporary directory
        }
    }

    /**
     * A regime: how many events, and how many of them are warm-up left out of the measured window.
     *
     * @param name          {@code cold} or {@code steady}.
     * @param warmupEvents  left out of the window, 0 for none.
     * @param measuredEvents in the window.
     */
    public record Regime(String name, long warmupEvents, long measuredEvents)
    {
        /**
         * Events of a run.
         *
         * @return warm-up plus window.
         */
        public long totalEvents()
        {
            return warmupEvents + measuredEvents;
        }
    }

    /**
     * What to run.
     *
     * @param workload    name given to every run's {@code --workload}.
     * @param description of the workload, for the report.
     * @param rounds      of the whole matrix.
     * @param regimes     in the order they run within a round.
     * @param sources     of the input.
     * @param rows        in the order they run within a regime.
     */
    public record Plan(
        String workload, String description, int rounds, List<Regime> regimes, List<String> sources, List<Row> rows)
    {
        /**
         * What the throughput counts and the scale it is shown in.
         *
         * @return the unit of the workload.
         */
        public ThroughputUnit unit()
        {
            return ThroughputUnit.of(workload);
        }
    }
}
