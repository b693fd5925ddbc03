package org.eventpipe.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.eventpipe.bridge.LaunchSettings;
import org.eventpipe.bridge.SupportProcess;
import org.eventpipe.bridge.Transport;
import org.eventpipe.bridge.TransportOptions;
import org.eventpipe.bridge.TransportRun;
import org.eventpipe.bridge.Transports;
import org.eventpipe.cli.CommandLines;
import org.eventpipe.cli.ExitCodes;
import org.eventpipe.cli.UsageException;
import org.eventpipe.ingest.IngestConfiguration;
import org.eventpipe.stage.StageConfiguration;
import org.eventpipe.stage.StageMain;
import org.eventpipe.topology.Topology;
import org.eventpipe.workload.Workloads;
import picocli.CommandLine.Command;
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
    sortOptions = false,
    description = "Runs parse -> rules -> aggregate as separate processes joined by an IPC transport.")
public final class SplitPipelineCommand implements Callable<Integer>
{
    /** Stages in the order they are started: every receiver exists before its sender. */
    static final List<String> START_ORDER = Topology.startOrder().stream().map(Topology.Stage::name).toList();

    private static final long POLL_MILLIS = 50;
    private static final long STOP_GRACE_MILLIS = 2_000;
    private static final long READY_TIMEOUT_MILLIS = 30_000;
    private static final int MAX_RESTARTS_PER_STAGE = 3;

    @Option(names = "--transport", paramLabel = "NAME", defaultValue = "aeron-ipc",
        description = "Transport: aeron-ipc, aeron-udp, chronicle, ... as found on the class path " +
            "(default: ${DEFAULT-VALUE}).")
    String transport;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "" + StageConfiguration.BATCH_DEFAULT,
        description = "Events per frame; 0 = adaptive: send when full or when the input is drained (default).")
    int batch;

    @Option(names = "--linger-us", paramLabel = "T", defaultValue = "" + StageConfiguration.LINGER_US_DEFAULT,
        description = "Send a partial batch at the latest T microseconds after its first event; 0 = never.")
    long lingerMicros;

    @Option(names = "--workload", paramLabel = "NAME", defaultValue = Workloads.DEFAULT,
        description = "Workload every stage runs, found on the class path: events, work-items or your own " +
            "(default: ${DEFAULT-VALUE}).")
    String workload;

    @Option(names = "--events", paramLabel = "N", defaultValue = "" + IngestConfiguration.EVENTS_DEFAULT,
        description = "Events to generate when no --input is given (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--seed",
        defaultValue = "" + IngestConfiguration.SEED_DEFAULT,
        description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--users",
        defaultValue = "" + IngestConfiguration.USERS_DEFAULT,
        description = "Generator users (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--input", paramLabel = "FILE", description = "NDJSON file for the ingest stage.")
    Path input;

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

    @Option(names = "--warmup-events", paramLabel = "N", defaultValue = "${sys:eventpipe.warmup.events:-0}",
        description = "Throughput: leave the first N lines out of the measured window and the latency histogram; " +
            "the window runs from the aggregate applying the first event past line N to it applying the last " +
            "(default: ${DEFAULT-VALUE}, no warm-up).")
    long warmupEvents;

    @Option(names = "--restart-on-failure",
        description = "Restart a stage that dies (transports that persist frames only, e.g. chronicle).")
    boolean restartOnFailure;

    @Option(names = "--idle-strategy", paramLabel = "NAME", defaultValue = StageConfiguration.IDLE_STRATEGY_DEFAULT,
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
        description = "Fail the run if it has not finished after this long (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--progress-s", paramLabel = "SECONDS", defaultValue = "5",
        description = "Print a progress line from the stages' counters every SECONDS, 0 for none " +
        "(default: ${DEFAULT-VALUE}).")
    double progressSeconds;

    @Option(names = "--print-commands",
        description = "Print the command of every process (media driver, stages) and exit, to start them by hand.")
    boolean printCommands;

    private PrintStream out = System.out;
    private PrintStream err = System.err;

    private final Object lifecycleLock = new Object();
    // one permit per child exit: wakes the supervising loop at once instead of at its next poll
    private final Semaphore exits = new Semaphore(0);
    private final List<TransportOptions> transportOptions = Transports.options();
    private final StageCommands commands = new StageCommands(this);
    private boolean shuttingDown;

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
        final Transport selected;
        try
        {
            selected = Transports.find(transport);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UsageException(ex.getMessage());
        }
        validate();
        if (null != input && !printCommands)
        {
            CommandLines.openInput(input).close();
        }

        Files.createDirectories(runDirBase);
        final Path runDir = Files.createTempDirectory(runDirBase, "eventpipe-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        final LaunchSettings settings = new LaunchSettings(runDir, transportOptions);

        // read by the shutdown hook while the main thread fills it
        final List<StageProcess> processes = new CopyOnWriteArrayList<>();
        final AtomicReference<TransportRun> preparedRun = new AtomicReference<>();
        TransportRun run = null;
        boolean succeeded = false;
        final Thread shutdownHook = new Thread(() -> onShutdown(processes, preparedRun.get(), runDir),
            "eventpipe-launcher-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try
        {
            run = selected.prepare(settings);
            preparedRun.set(run);
            final Path report = runDir.resolve("report.txt");
            for (final SupportProcess support : run.supportProcesses())
            {
                processes.add(new StageProcess(support.name(), StageCommands.support(support), runDir.resolve(
                    support.name() + ".log"), true));
            }
            for (final String stage : START_ORDER)
            {
                processes.add(new StageProcess(stage, commands.stage(stage, run, report), runDir.resolve(
                    stage + ".log"), false));
            }

            if (printCommands)
            {
                printCommands(run, processes);
                succeeded = true;
                return ExitCodes.OK;
            }

            out.println("eventpipe split pipeline: transport " + selected.name() + " (" + run.description() + "), " +
                (0 == batch ? "adaptive batching" : "batch " + batch) +
                (lingerMicros > 0 ? ", linger " + lingerMicros + " us" : "") + ", run directory " + runDir);
            final int status = supervise(run, processes, report, launchNanos);
            succeeded = ExitCodes.OK == status;
            return status;
        }
        finally
        {
            stopAll(processes);
            if (null != run)
            {
                final String message = run.cleanUp(succeeded);
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

    private void validate()
    {
        if (batch < 0 || batch > 65_535)
        {
            throw new UsageException("--batch must be in [0, 65535] (0 = adaptive): " + batch);
        }
        if (progressSeconds < 0)
        {
            throw new UsageException("--progress-s must not be negative: " + progressSeconds);
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
        try
        {
            Workloads.named(workload);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UsageException(ex.getMessage());
        }
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
        if (warmupEvents < 0 || (null == input && warmupEvents > 0 && warmupEvents >= events))
        {
            throw new UsageException("--warmup-events must be in [0, --events): " + warmupEvents);
        }
    }

    private int supervise(
        final TransportRun run, final List<StageProcess> processes, final Path report, final long launchNanos)
        throws IOException, InterruptedException
    {
        try (RunProgress progress = new RunProgress(report.getParent(), null == input ? events : -1))
        {
            return supervise(run, processes, report, launchNanos, progress);
        }
    }

    private int supervise(
        final TransportRun run,
        final List<StageProcess> processes,
        final Path report,
        final long launchNanos,
        final RunProgress progress)
        throws IOException, InterruptedException
    {
        final Map<StageProcess, Long> exitNanos = new ConcurrentHashMap<>();
        for (final StageProcess process : processes)
        {
            start(process, exitNanos);
            if (!awaitReady(process, run))
            {
                return fail(processes, process, exitNanos);
            }
        }

        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        final long progressIntervalNanos = (long)(progressSeconds * 1e9);
        long nextProgressNanos = System.nanoTime() + progressIntervalNanos;
        while (true)
        {
            if (progressIntervalNanos > 0 && System.nanoTime() >= nextProgressNanos)
            {
                final String line = progress.line(System.nanoTime());
                if (null != line)
                {
                    out.println(line);
                    out.flush();
                }
                nextProgressNanos += progressIntervalNanos;
            }
            StageProcess failed = null;
            long failedAt = Long.MAX_VALUE;
            boolean allStagesDone = true;
            for (final StageProcess process : processes)
            {
                if (process.isAlive())
                {
                    allStagesDone &= process.isSupport();
                    continue;
                }
                final int exit = process.process().exitValue();
                if (process.isSupport() || 0 != exit)
                {
                    final long at = exitNanos.getOrDefault(process, System.nanoTime());
                    if (at < failedAt)
                    {
                        failed = process;
                        failedAt = at;
                    }
                }
            }

            if (null != failed)
            {
                if (canRestart(run, failed))
                {
                    out.println("stage " + failed.name() + " exited with status " + failed.process().exitValue() +
                        "; restarting it (restart " + (failed.restarts() + 1) + " of " + MAX_RESTARTS_PER_STAGE + ")");
                    exitNanos.remove(failed);
                    synchronized (lifecycleLock)
                    {
                        if (shuttingDown)
                        {
                            return ExitCodes.FAILED;
                        }
                        failed.restart();
                    }
                    watch(failed, exitNanos);
                    continue;
                }
                if ("sink".equals(failed.name()) && Files.exists(report))
                {
                    return checksFailed(processes, report);
                }
                return fail(processes, failed, exitNanos);
            }
            if (allStagesDone)
            {
                if (Files.exists(report))
                {
                    out.print(Files.readString(report, StandardCharsets.UTF_8));
                }
                out.printf(Locale.ROOT, "wall time including JVM and driver start-up: %.1f ms%n",
                    (System.nanoTime() - launchNanos) / 1e6);
                return ExitCodes.OK;
            }
            if (System.nanoTime() > deadline)
            {
                final List<String> running = new ArrayList<>();
                for (final StageProcess process : processes)
                {
                    if (process.isAlive() && !process.isSupport())
                    {
                        running.add(process.name());
                    }
                }
                err.println("SplitPipeline: run timed out after " + timeoutSeconds + " s; still running: " + running);
                stopAll(processes);
                return ExitCodes.FAILED;
            }
            exits.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private boolean canRestart(final TransportRun run, final StageProcess failed)
    {
        return restartOnFailure && run.supportsRestart() && !failed.isSupport() &&
            failed.restarts() < MAX_RESTARTS_PER_STAGE;
    }

    private int fail(
        final List<StageProcess> processes, final StageProcess failed, final Map<StageProcess, Long> exitNanos)
    {
        final long noticedNanos = System.nanoTime();
        final int exit = failed.process().exitValue();
        final Long exitedNanos = exitNanos.get(failed);
        stopAll(processes);
        synchronized (lifecycleLock)
        {
            if (shuttingDown)
            {
                // the launcher was told to stop and stopped the stages itself: no stage failed
                return ExitCodes.FAILED;
            }
        }
        err.println("SplitPipeline: " + (failed.isSupport() ? "" : "stage ") + failed.name() + " failed: exited " +
            "with status " + exit + describeSignal(exit) + describeNotice(noticedNanos, exitedNanos) +
            "; stopped the other processes");
        for (final String line : failed.logTail(40))
        {
            err.println("  " + failed.name() + "| " + line);
        }
        return ExitCodes.FAILED;
    }

    /**
     * The sink ran to its end and wrote its report, but its checks failed: print the report, as after a complete run.
     */
    private int checksFailed(final List<StageProcess> processes, final Path report) throws IOException
    {
        stopAll(processes);
        out.print(Files.readString(report, StandardCharsets.UTF_8));
        err.println("SplitPipeline: the run ended but its checks failed (see the report)");
        return ExitCodes.FAILED;
    }

    private static String describeSignal(final int exit)
    {
        if (exit == 137)
        {
            return " (killed: SIGKILL)";
        }
        if (exit == 143)
        {
            return " (terminated: SIGTERM)";
        }
        return "";
    }

    /**
     * How long after a child's exit the launcher noticed it: from when {@link Process#onExit()} completed to when the
     * supervising loop saw the exit; zero if the loop saw it before the callback ran.
     */
    private static String describeNotice(final long noticedNanos, final Long exitedNanos)
    {
        final long afterNanos = null == exitedNanos ? 0 : Math.max(0, noticedNanos - exitedNanos);
        return String.format(Locale.ROOT, ", noticed %.1f ms after its exit", afterNanos / 1e6);
    }

    private void start(final StageProcess process, final Map<StageProcess, Long> exitNanos) throws IOException
    {
        synchronized (lifecycleLock)
        {
            if (shuttingDown)
            {
                throw new IllegalStateException("the launcher is shutting down; not starting " + process.name());
            }
            process.start();
        }
        watch(process, exitNanos);
    }

    /**
     * The JVM is shutting down before {@link #call()} has cleaned up (SIGTERM, Ctrl-C): the main thread may never reach
     * its finally block, so stop every child, undo what the transport made and remove the run directory here. No
     * process is started once this has begun.
     */
    private void onShutdown(final List<StageProcess> processes, final TransportRun run, final Path runDir)
    {
        synchronized (lifecycleLock)
        {
            shuttingDown = true;
        }
        if (!Files.exists(runDir))
        {
            return;
        }
        err.println("SplitPipeline: shutting down; stopping every process and removing " + runDir);
        err.flush();
        stopAll(processes);
        if (null != run)
        {
            try
            {
                run.cleanUp(false);
            }
            catch (final RuntimeException ex)
            {
                err.println("SplitPipeline: transport clean-up failed: " + ex);
            }
        }
        deleteRecursively(runDir);
    }

    private void watch(final StageProcess process, final Map<StageProcess, Long> exitNanos)
    {
        final Process live = process.process();
        live.onExit().thenRun(() ->
        {
            if (live == process.process())
            {
                exitNanos.putIfAbsent(process, System.nanoTime());
                exits.release();
            }
        });
    }

    private boolean awaitReady(final StageProcess process, final TransportRun run) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MILLIS);
        final String readyLine = process.isSupport() ? readyLine(run, process.name()) :
            StageMain.READY_LINE + process.name();
        while (!process.logContains(readyLine))
        {
            if (!process.isAlive())
            {
                return false;
            }
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException(process.name() + " not ready after " + READY_TIMEOUT_MILLIS + " ms");
            }
            exits.tryAcquire(10, TimeUnit.MILLISECONDS);
        }
        return true;
    }

    private static String readyLine(final TransportRun run, final String name)
    {
        for (final SupportProcess support : run.supportProcesses())
        {
            if (support.name().equals(name))
            {
                return support.readyLine();
            }
        }
        throw new IllegalStateException("no support process " + name);
    }

    private void printCommands(final TransportRun run, final List<StageProcess> processes)
    {
        out.println("# transport " + transport + ": " + run.description());
        out.println("# start the support processes first, then the stages in this order (receivers first);");
        out.println("# the stages can run on different hosts given a network transport and --endpoint settings.");
        out.println("# the run directory named below is not kept: create it (mkdir -m 700) or start the media driver,");
        out.println("# which creates its aeron directory; or print again with --aeron-dir to choose the path.");
        for (final StageProcess process : processes)
        {
            out.println("# " + process.name());
            out.println(process.commandLine());
        }
    }

    private static void stopAll(final List<StageProcess> processes)
    {
        for (int i = processes.size() - 1; i >= 0; i--)
        {
            final StageProcess process = processes.get(i);
            if (process.isAlive() && null != process.process())
            {
                process.process().destroy();
            }
        }
        for (final StageProcess process : processes)
        {
            process.stop(STOP_GRACE_MILLIS);
        }
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
