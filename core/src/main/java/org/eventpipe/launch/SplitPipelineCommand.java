package org.eventpipe.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.eventpipe.bridge.LaunchSettings;
import org.eventpipe.bridge.SpaceNeed;
import org.eventpipe.bridge.SupportProcess;
import org.eventpipe.bridge.Transport;
import org.eventpipe.bridge.TransportOptions;
import org.eventpipe.bridge.TransportRun;
import org.eventpipe.bridge.Transports;
import org.eventpipe.cli.CommandLines;
import org.eventpipe.cli.ExitCodes;
import org.eventpipe.cli.HandlerOptions;
import org.eventpipe.cli.SpaceCheck;
import org.eventpipe.cli.UsageException;
import org.eventpipe.codec.FrameEncoder;
import org.eventpipe.ingest.IngestConfiguration;
import org.eventpipe.pacing.PacingConfiguration;
import org.eventpipe.stage.StageConfiguration;
import org.eventpipe.topology.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code SplitPipeline} launcher: prepares the transport (e.g. starts a media driver in a fresh directory under
 * {@code /dev/shm}), starts the five stage processes from the sink upstream to ingest, watches them, and prints the
 * sink's report. If any process dies, the launcher wakes on its exit (or at the latest after a poll interval), stops
 * the others, names the stage that failed and how long after its exit that was noticed, and exits non-zero; the run
 * directory is removed in every case, Ctrl-C included.
 */
@Command(
    name = "SplitPipeline",
    mixinStandardHelpOptions = true,
    version = "eventpipe split pipeline 0.1.0",
    sortOptions = false,
    description = "Runs parse -> rules -> aggregate as separate processes joined by an IPC transport.")
public final class SplitPipelineCommand implements Callable<Integer>
{
    /** Stages in the order they are started: every receiver exists before its sender. */
    /** Space the run directory needs for the logs, counters files and report, checked before the run starts. */
    static final long RUN_DIR_SPACE_BYTES = 16L * 1024 * 1024;

    /** Bytes a generated events line takes, for the space estimate (63 and a line feed). */
    static final long GENERATED_LINE_BYTES = 64;

    /** Bytes an input file's line is assumed to take, for the space estimate: fewer than a generated line's. */
    static final long FILE_BYTES_PER_LINE_ESTIMATE = 40;

    static final List<String> START_ORDER = Topology.startOrder().stream().map(Topology.Stage::name).toList();


    /** Transport used when {@code --transport} is not given and it is on the class path. */
    static final String TRANSPORT_DEFAULT = "aeron-ipc";

    @Option(names = "--transport", paramLabel = "NAME",
        description = "Transport: aeron-ipc, aeron-udp, chronicle, ... as found on the class path (default: " +
            TRANSPORT_DEFAULT + ", or the one transport on the class path).")
    String transport;

    @Option(names = "--batch", paramLabel = "N",
        defaultValue = "${sys:" + StageConfiguration.BATCH_PROP_NAME + ":-" + StageConfiguration.BATCH_DEFAULT + "}",
        description = "Events per frame; 0 = adaptive: send when full or when the input is drained (default).")
    int batch;

    @Option(names = "--linger-us", paramLabel = "T",
        defaultValue = "${sys:" + StageConfiguration.LINGER_US_PROP_NAME + ":-" + StageConfiguration.LINGER_US_DEFAULT +
            "}",
        description = "Send a partial batch at the latest T microseconds after its first event; 0 = never.")
    long lingerMicros;

    @Option(names = "--events", paramLabel = "N",
        defaultValue = "${sys:" + IngestConfiguration.EVENTS_PROP_NAME + ":-" + IngestConfiguration.EVENTS_DEFAULT +
            "}",
        description = "Events to generate when no --input is given (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--seed",
        defaultValue = "${sys:" + IngestConfiguration.SEED_PROP_NAME + ":-" + IngestConfiguration.SEED_DEFAULT + "}",
        description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--users",
        defaultValue = "${sys:" + IngestConfiguration.USERS_PROP_NAME + ":-" + IngestConfiguration.USERS_DEFAULT + "}",
        description = "Generator users (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--input", paramLabel = "FILE",
        description = "NDJSON file for the ingest stage ('-' for the launcher's standard input).")
    Path input;

    @Mixin
    HandlerOptions handlerOptions = new HandlerOptions();

    @Option(names = "--results", paramLabel = "FILE", description = "Write the aggregates as JSON lines.")
    Path results;

    @Option(names = "--rejects", paramLabel = "FILE", description = "Write rejected lines with number and reason.")
    Path rejects;

    @Option(names = "--histogram", paramLabel = "FILE", description = "Write the latency distribution (.hgrm).")
    Path histogram;

    @Option(names = "--summary", paramLabel = "FILE",
        description = "Write a machine-readable summary of the run (JSON: configuration, counts, window, " +
            "throughput, latency, per-stage breakdown, checks).")
    Path summary;

    @Option(names = "--warmup-events", paramLabel = "N", defaultValue = "${sys:eventpipe.warmup.events:--1}",
        description = "Leave the first N lines out of the measured window and the latency histogram; " +
            "the window runs from the aggregate applying the first event past line N to it applying the last " +
            "(default: none in the throughput mode; with --rate one second of events, at least 20,000, at most " +
            "half the run).")
    long warmupEvents;

    @Option(names = "--rate", paramLabel = "R",
        defaultValue = "${sys:" + PacingConfiguration.RATE_PROP_NAME + ":-" + PacingConfiguration.RATE_DEFAULT + "}",
        description = "Latency mode: ingest offers R events per second, each timed from its intended send time, " +
            "and the aggregate records every event's latency (default: 0, the throughput mode).")
    long rate;

    @Option(names = "--burst", paramLabel = "N",
        defaultValue = "${sys:" + PacingConfiguration.BURST_PROP_NAME + ":-" + PacingConfiguration.BURST_DEFAULT +
            "}",
        description = "Latency mode: events due together, at start + k * N / R (default: ${DEFAULT-VALUE}).")
    int burst;

    @Option(names = "--histogram-log", paramLabel = "FILE",
        description = "Write the latency as an HdrHistogram interval log (HistogramLogWriter), one interval a " +
            "second; the aggregate stage writes it.")
    Path histogramLog;

    @Option(names = "--restart-on-failure",
        description = "Restart a stage that dies (transports that persist frames only, e.g. chronicle).")
    boolean restartOnFailure;

    @Option(names = "--idle-strategy", paramLabel = "NAME",
        defaultValue = "${sys:" + StageConfiguration.IDLE_STRATEGY_PROP_NAME + ":-" +
            StageConfiguration.IDLE_STRATEGY_DEFAULT + "}",
        description = "Stage idle strategy: " + StageConfiguration.IDLE_STRATEGY_NAMES +
            " (default: ${DEFAULT-VALUE}).")
    String idleStrategy;

    @Option(names = "--stage-jvm-option", paramLabel = "[STAGE:]OPTION",
        description = "Extra JVM option for every stage process, e.g. -Xmx256m, or for one stage, e.g. " +
            "rules:-XX:TieredStopAtLevel=1; repeatable. Stages get -XX:+UseSerialGC unless a collector is named.")
    List<String> stageJvmOptions = new ArrayList<>();

    @Option(names = "--run-dir-base", paramLabel = "DIR", defaultValue = "/dev/shm",
        description = "Where the run directory is made (default: ${DEFAULT-VALUE}).")
    Path runDirBase;

    @Option(names = "--timeout-s", paramLabel = "SECONDS", defaultValue = "900",
        description = "Fail the run if it has not finished after this long, at least 1 (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--progress-s", paramLabel = "SECONDS", defaultValue = "5",
        description = "Print a progress line from the stages' counters every SECONDS, 0 for none " +
        "(default: ${DEFAULT-VALUE}).")
    double progressSeconds;

    @Option(names = "--hung-after-s", paramLabel = "SECONDS", defaultValue = "2",
        description = "A process whose heartbeat is older than this is hung (a stage beats on every duty cycle and " +
            "every retry of a back-pressured send, the media driver on every timer tick): it is killed and the run " +
            "fails naming it, or with --restart-on-failure a stage is restarted (default: ${DEFAULT-VALUE}).")
    double hungAfterSeconds;

    @Option(names = "--print-commands",
        description = "Print the command of every process (media driver, stages) and exit, to start them by hand.")
    boolean printCommands;

    @Option(names = "--host", paramLabel = "NAME=STAGE[,STAGE...]",
        description = "With --print-commands: run these stages on host NAME, repeatable, every stage on one host; " +
            "each host gets its own media driver in RUNDIR/aeron-NAME (aeron-udp: give each edge --endpoint " +
            "EDGE=ADDRESS:PORT, the address of the host that receives it), e.g. --host A=ingest,parse " +
            "--host B=rules,aggregate,sink.")
    List<String> hosts = new ArrayList<>();

    private StageHosts stageHosts;

    private PrintStream out = System.out;
    private PrintStream err = System.err;

    private final List<TransportOptions> transportOptions = Transports.options();
    private final StageCommands commands = new StageCommands(this);

    /**
     * Run the launcher.
     *
     * @param args see {@code --help}.
     */
    public static void main(final String[] args)
    {
        System.exit(execute(args, System.out, System.err));
    }

    /**
     * Run the launcher.
     *
     * @param args command-line arguments.
     * @param out  standard output.
     * @param err  standard error.
     * @return the exit status: 0 if the run completed with every count in order.
     */
    public static int execute(final String[] args, final PrintStream out, final PrintStream err)
    {
        final SplitPipelineCommand command = new SplitPipelineCommand();
        command.out = out;
        command.err = err;
        return CommandLines.execute(command, command.transportOptions, args, out, err, false);
    }

    /**
     * {@inheritDoc}
     */
    public Integer call() throws Exception
    {
        final long launchNanos = System.nanoTime();
        validate();
        final Transport selected = selectTransport();
        if (null != input && !isStandardInput(input) && !printCommands)
        {
            CommandLines.openInput(input).close();
        }

        Files.createDirectories(runDirBase);
        StaleRunDirectories.sweep(runDirBase, out);
        if (!printCommands)
        {
            SpaceCheck.check(runDirBase, RUN_DIR_SPACE_BYTES, "the run directory (logs, counters, report)");
        }
        final Path runDir = Files.createTempDirectory(runDirBase, "eventpipe-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try
        {
            StaleRunDirectories.recordLauncher(runDir);
        }
        catch (final IOException ex)
        {
            deleteRecursively(runDir);
            throw ex;
        }
        final LaunchSettings settings = new LaunchSettings(runDir, transportOptions);

        // read by the shutdown hook while the main thread fills it
        final List<StageProcess> processes = new CopyOnWriteArrayList<>();
        final AtomicReference<TransportRun> preparedRun = new AtomicReference<>();
        TransportRun run = null;
        int cleanUpStatus = ExitCodes.USAGE;
        final Supervisor supervisor = new Supervisor(out, err, processes, runDir, new Supervisor.Limits(
            timeoutSeconds, progressSeconds, restartOnFailure, null == input ? events : -1,
            (long)(hungAfterSeconds * 1000)));
        final Thread shutdownHook = new Thread(() -> supervisor.onShutdown(preparedRun.get()),
            "eventpipe-launcher-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try
        {
            run = selected.prepare(settings);
            preparedRun.set(run);
            if (!printCommands)
            {
                checkSpace(run);
            }
            final Path report = runDir.resolve("report.txt");
            if (!stageHosts.isEmpty())
            {
                stageHosts.printCommands(out, transport, run, runDir, report, commands);
                cleanUpStatus = ExitCodes.OK;
                return ExitCodes.OK;
            }
            for (final SupportProcess support : run.supportProcesses())
            {
                processes.add(new StageProcess(support.name(), watched(StageCommands.support(support, runDir), runDir),
                    runDir.resolve(support.name() + ".log"), true));
            }
            for (final String stage : START_ORDER)
            {
                final StageProcess process = new StageProcess(stage, watched(commands.stage(stage, run, report),
                    runDir), runDir.resolve(stage + ".log"), false);
                processes.add(null != input && isStandardInput(input) && "ingest".equals(stage) ?
                    process.inheritInput() : process);
            }

            if (printCommands)
            {
                printCommands(run, processes, runDir, report);
                cleanUpStatus = ExitCodes.OK;
                return ExitCodes.OK;
            }

            out.println("eventpipe split pipeline: transport " + selected.name() + " (" + run.description() + "), " +
                (0 == batch ? "adaptive batching" : "batch " + batch) +
                (lingerMicros > 0 ? ", linger " + lingerMicros + " us" : "") + ", run directory " + runDir);
            cleanUpStatus = ExitCodes.FAILED;
            final int status = supervisor.supervise(run, report, launchNanos);
            // a run that missed its rate completed and was checked: clean up as after success
            cleanUpStatus = ExitCodes.RATE_NOT_ACHIEVED == status ? ExitCodes.OK : supervisor.cleanUpStatus(status);
            return status;
        }
        finally
        {
            Supervisor.stopAll(processes);
            if (null != run)
            {
                final String message = run.cleanUp(cleanUpStatus);
                if (null != message)
                {
                    out.println(message);
                }
            }
            deleteRecursively(runDir);
            try
            {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            }
            catch (final IllegalStateException ignore)
            {
                // the JVM is already shutting down and the hook runs anyway
            }
        }
    }

    /**
     * Whether an {@code --input} names the launcher's standard input.
     *
     * @param input as given.
     * @return true for {@code -}.
     */
    static boolean isStandardInput(final Path input)
    {
        return "-".equals(input.toString());
    }

    private Transport selectTransport()
    {
        if (null == transport)
        {
            final List<String> available = Transports.available().stream().map(Transport::name).toList();
            transport = available.contains(TRANSPORT_DEFAULT) || 1 != available.size() ?
                TRANSPORT_DEFAULT : available.get(0);
        }
        try
        {
            final Transport selected = Transports.find(transport);
            for (final TransportOptions options : transportOptions)
            {
                options.checkFor(selected.name());
            }
            return selected;
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UsageException(ex.getMessage());
        }
    }

    /**
     * Check the space the run's files will need before any process starts: the transport's estimate (see
     * {@link TransportRun#spaceNeeds(long, long)}) from the input's size, or for generated events
     * {@value #GENERATED_LINE_BYTES} bytes a line; the lines of a file are estimated at one per
     * {@value #FILE_BYTES_PER_LINE_ESTIMATE} bytes (a generated line is about 64), an input read from a pipe is not
     * estimated.
     */
    private void checkSpace(final TransportRun run)
    {
        long inputBytes = 0;
        long lines = 0;
        if (null == input)
        {
            inputBytes = events * GENERATED_LINE_BYTES;
            lines = events;
        }
        else if (Files.isRegularFile(input))
        {
            try
            {
                inputBytes = Files.size(input);
                lines = inputBytes / FILE_BYTES_PER_LINE_ESTIMATE + 1;
            }
            catch (final IOException ignore)
            {
                // checked readable above; a file that vanished is reported by ingest
            }
        }
        for (final SpaceNeed need : run.spaceNeeds(inputBytes, lines))
        {
            SpaceCheck.check(need.directory(), need.bytes(), need.what());
        }
    }

    private void validate()
    {
        if (batch < 0 || batch > FrameEncoder.MAX_EVENTS_PER_FRAME)
        {
            throw new UsageException("--batch must be in [0, " + FrameEncoder.MAX_EVENTS_PER_FRAME +
                "] (0 = adaptive): " + batch);
        }
        if (timeoutSeconds < 1)
        {
            throw new UsageException("--timeout-s must be at least 1: " + timeoutSeconds);
        }
        if (handlerOptions.maxLineLength() < 1)
        {
            throw new UsageException("--max-line-length must be positive: " + handlerOptions.maxLineLength());
        }
        final int sample = handlerOptions.latencySample();
        if (sample < 1 || Integer.bitCount(sample) != 1)
        {
            throw new UsageException("--latency-sample must be a power of two: " + sample);
        }
        handlerOptions.droppedTypes();
        if (progressSeconds < 0)
        {
            throw new UsageException("--progress-s must not be negative: " + progressSeconds);
        }
        if (!(hungAfterSeconds > 0))
        {
            throw new UsageException("--hung-after-s must be positive: " + hungAfterSeconds);
        }
        if (lingerMicros < 0)
        {
            throw new UsageException("--linger-us must not be negative: " + lingerMicros);
        }
        if (events < 0)
        {
            throw new UsageException("--events must not be negative: " + events);
        }
        if (users < 1)
        {
            throw new UsageException("--users must be at least 1: " + users);
        }
        handlerOptions.workload();
        stageHosts = StageHosts.parse(hosts, printCommands);
        for (final TransportOptions options : transportOptions)
        {
            try
            {
                options.check();
            }
            catch (final IllegalArgumentException ex)
            {
                throw new UsageException(ex.getMessage());
            }
        }
        StageCommands.checkStageJvmOptions(stageJvmOptions);
        try
        {
            StageConfiguration.newIdleStrategy(idleStrategy);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UsageException(ex.getMessage());
        }
        CommandLines.checkWritable(results, "--results");
        CommandLines.checkWritable(rejects, "--rejects");
        CommandLines.checkWritable(histogram, "--histogram");
        CommandLines.checkWritable(summary, "--summary");
        CommandLines.checkWritable(histogramLog, "--histogram-log");
        final String pacingProblem = PacingConfiguration.check(rate, burst);
        if (null != pacingProblem)
        {
            throw new UsageException(pacingProblem);
        }
        if (warmupEvents < PacingConfiguration.WARMUP_AUTO)
        {
            throw new UsageException("--warmup-events must be in [0, --events): " + warmupEvents);
        }
        warmupEvents = PacingConfiguration.warmupEvents(warmupEvents, rate, null == input ? events : -1);
        if (null == input && warmupEvents > 0 && warmupEvents >= events)
        {
            throw new UsageException("--warmup-events must be in [0, --events): " + warmupEvents);
        }
    }

    private void printCommands(final TransportRun run, final List<StageProcess> processes, final Path runDir,
        final Path report)
    {
        out.println("# eventpipe split pipeline over " + transport + ", printed to be started by hand: nothing was " +
            "started.");
        out.println("# Run each command below in its own shell, in this order (receivers before their senders), " +
            "from any directory.");
        out.println("# The run directory holds the stages' counters and the sink's report; make it first:");
        out.println("mkdir -m 700 -p " + runDir);
        for (final StageProcess process : processes)
        {
            out.println("# " + process.name() + (process.isSupport() ? " (support process)" : "") +
                ("sink".equals(process.name()) ? ": its report goes to " + report : ""));
            out.println(process.commandLine());
        }
        out.println("# The sink prints the report and every process exits once the run is done (stop a support " +
            "process with Ctrl-C). Afterwards remove what the run left:");
        final List<String> leftBehind = new ArrayList<>();
        leftBehind.add(runDir.toString());
        run.madeOutsideRunDirectory().forEach((path) -> leftBehind.add(path.toString()));
        out.println("rm -rf " + String.join(" ", leftBehind));
    }

    /**
     * A child's command with the options that make it follow this launcher out (see {@link LauncherWatch}); a
     * printed command, started by hand, gets none.
     */
    private List<String> watched(final List<String> command, final Path runDir)
    {
        if (printCommands)
        {
            return command;
        }
        final List<String> watchedCommand = new ArrayList<>(command);
        watchedCommand.addAll(1, LauncherWatch.jvmOptions(runDir));
        return watchedCommand;
    }

    static void deleteRecursively(final Path root)
    {
        // the shutdown hook and the main thread may delete the same tree at once: a walk that meets a file the other
        // one removed fails, so walk again
        for (int attempt = 0; attempt < 3 && null != root && Files.exists(root); attempt++)
        {
            try (var paths = Files.walk(root))
            {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach((path) ->
                {
                    try
                    {
                        Files.deleteIfExists(path);
                    }
                    catch (final IOException ignore)
                    {
                        // best effort: walked again while the root survives
                    }
                });
            }
            catch (final IOException | UncheckedIOException ignore)
            {
                // best effort
            }
        }
    }
}
