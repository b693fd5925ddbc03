package org.eventpipe.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.eventpipe.bridge.SpaceNeed;
import org.eventpipe.bridge.SupportProcess;
import org.eventpipe.bridge.TransportRun;
import org.eventpipe.cli.ExitCodes;
import org.eventpipe.cli.MappedWriteFault;
import org.eventpipe.stage.StageMain;

/**
 * The launcher's supervision of its processes: starts them in order, each once the one before says it is ready,
 * watches them (woken by each child's exit, or at the latest after a poll interval), prints progress, restarts a
 * failed stage where allowed, names the process that failed and how long after its exit that was noticed, stops the
 * others, and on a JVM shutdown stops everything and removes the run directory.
 */
final class Supervisor
{
    private static final long POLL_MILLIS = 50;
    private static final long STOP_GRACE_MILLIS = 2_000;
    private static final long READY_TIMEOUT_MILLIS = 30_000;
    private static final int MAX_RESTARTS_PER_STAGE = 3;
    private static final long CAUSE_SETTLE_MILLIS = 1_000;
    private static final long HUNG_CHECK_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    // a bus error in a JVM while a directory of the run has less than this free is the want of space
    private static final long FULL_BELOW_BYTES = 1024 * 1024;

    private final PrintStream out;
    private final PrintStream err;
    private final List<StageProcess> processes;
    private final Path runDir;
    private final Limits limits;
    private final Object lifecycleLock = new Object();
    // one permit per child exit: wakes the supervising loop at once instead of at its next poll
    private final Semaphore exits = new Semaphore(0);
    private boolean shuttingDown;
    // the exit status of the stage that failed the run, or of the failure the launcher saw itself; -1 for none
    private volatile int failureStatus = -1;

    /**
     * What bounds a run.
     *
     * @param timeoutSeconds   the run fails if it has not ended after this long.
     * @param progressSeconds  between progress lines, 0 for none.
     * @param restartOnFailure whether a failed stage is restarted, where the transport supports it.
     * @param expectedEvents   lines the run will read, for the progress estimate; -1 if unknown.
     * @param hungAfterMillis  a stage whose process is alive but whose heartbeat is older than this is hung.
     */
    record Limits(
        long timeoutSeconds,
        double progressSeconds,
        boolean restartOnFailure,
        long expectedEvents,
        long hungAfterMillis)
    {
    }

    /**
     * Create the supervisor of a run.
     *
     * @param out       where the report and progress go.
     * @param err       where failures go.
     * @param processes in start order, support processes first; filled by the launcher before it supervises.
     * @param runDir    the run directory, removed on shutdown.
     * @param limits    of the run.
     */
    Supervisor(
        final PrintStream out,
        final PrintStream err,
        final List<StageProcess> processes,
        final Path runDir,
        final Limits limits)
    {
        this.out = out;
        this.err = err;
        this.processes = processes;
        this.runDir = runDir;
        this.limits = limits;
    }

    /**
     * Start every process in order, each once the one before is ready, then watch them until the sink has ended, a
     * process failed, or the run timed out; restart a failed stage where the limits and the transport allow.
     *
     * @param run         the prepared transport run.
     * @param report      the sink's report file.
     * @param launchNanos when the launcher started, for the wall time it prints.
     * @return the launcher's exit status.
     * @throws IOException          if a process cannot be started or the report read.
     * @throws InterruptedException if interrupted while waiting.
     */
    int supervise(final TransportRun run, final Path report, final long launchNanos)
        throws IOException, InterruptedException
    {
        try (RunProgress progress = new RunProgress(report.getParent(), limits.expectedEvents()))
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
                return fail(run, processes, process, exitNanos);
            }
        }

        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(limits.timeoutSeconds());
        final long progressIntervalNanos = (long)(limits.progressSeconds() * 1e9);
        long nextProgressNanos = System.nanoTime() + progressIntervalNanos;
        long nextHungCheckNanos = System.nanoTime() + HUNG_CHECK_INTERVAL_NANOS;
        while (true)
        {
            if (System.nanoTime() >= nextHungCheckNanos)
            {
                nextHungCheckNanos = System.nanoTime() + HUNG_CHECK_INTERVAL_NANOS;
                final StageProcess hung = hungProcess(run, progress);
                if (null != hung)
                {
                    final long age = heartbeatAgeMs(run, progress, hung, System.currentTimeMillis());
                    if (canRestart(run, hung))
                    {
                        out.println("stage " + hung.name() + " hung: no heartbeat for " + age + " ms; killing it");
                        hung.process().destroyForcibly();
                        hung.process().waitFor(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS);
                        continue;
                    }
                    return failHung(hung, age);
                }
            }
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
                failed = upstreamCause(failed);
                final Exit exit = exitOf(run, failed);
                if (canRestart(run, failed) && ExitCodes.isRetryable(exit.status()))
                {
                    out.println("stage " + failed.name() + " exited with status " + failed.process().exitValue() +
                        exit.crashNote() + "; restarting it (restart " + (failed.restarts() + 1) + " of " +
                        MAX_RESTARTS_PER_STAGE + ")");
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
                    return ExitCodes.RATE_NOT_ACHIEVED == failed.process().exitValue() ?
                        rateNotAchieved(processes, report) : checksFailed(processes, report);
                }
                return fail(run, processes, failed, exitNanos);
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
                err.println("SplitPipeline: run timed out after " + limits.timeoutSeconds() + " s; still running: " +
                    running);
                stopAll(processes);
                return ExitCodes.FAILED;
            }
            exits.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The process whose failure explains another's: a stage that ends with a failure of its own (not a signal) may
     * only have noticed that its upstream went away, as a receiver sees an upstream that exits at once, and its exit
     * can come before the upstream's. So wait, up to {@link #CAUSE_SETTLE_MILLIS} and only while a stage upstream of
     * it is alive, for a support process or a stage upstream to fail too, and name the first that does. A failure
     * never travels upstream this fast: a sender sees a receiver gone only after Aeron's liveness timeout.
     */
    private StageProcess upstreamCause(final StageProcess failed) throws InterruptedException
    {
        final int exit = failed.process().exitValue();
        if (failed.isSupport() || exit > 128)
        {
            return failed;
        }
        final int failedIndex = processes.indexOf(failed);
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CAUSE_SETTLE_MILLIS);
        while (true)
        {
            boolean upstreamAlive = false;
            StageProcess cause = null;
            for (int i = 0; i < processes.size(); i++)
            {
                final StageProcess process = processes.get(i);
                if (process == failed || (!process.isSupport() && i < failedIndex))
                {
                    continue;
                }
                if (!process.isAlive() && null != process.process() && 0 != process.process().exitValue())
                {
                    if (process.isSupport())
                    {
                        return process;
                    }
                    cause = process; // the last found is the furthest upstream: stages start from the sink
                }
                upstreamAlive |= !process.isSupport() && process.isAlive();
            }
            if (null != cause)
            {
                return cause;
            }
            if (!upstreamAlive || System.nanoTime() > deadline)
            {
                return failed;
            }
            exits.tryAcquire(10, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * How the run ended, for the transport's clean-up: the status of the process that failed the run (a stage's,
     * which says whether kept files can explain the failure), or the launcher's own.
     *
     * @param launcherStatus what {@link #supervise(TransportRun, Path, long)} returned.
     * @return the status to clean up by.
     */
    int cleanUpStatus(final int launcherStatus)
    {
        return ExitCodes.OK == launcherStatus || failureStatus < 0 ? launcherStatus : failureStatus;
    }

    /**
     * Whether a stage may be restarted at all: a hung one is killed first, a dead one only if its exit status says
     * that a retry can succeed ({@link ExitCodes#isRetryable(int)}), checked by the caller.
     */
    private boolean canRestart(final TransportRun run, final StageProcess failed)
    {
        return limits.restartOnFailure() && run.supportsRestart() && !failed.isSupport() &&
            failed.restarts() < MAX_RESTARTS_PER_STAGE;
    }

    /**
     * The first process, in start order (support processes such as the media driver first), that is alive but has not
     * beaten its heartbeat for longer than the limit. A stage beats it on every duty cycle and on every retry of a
     * back-pressured send, so the stages around a hung one (a hung media driver included) keep beating, and the hung
     * one is named, not the one that waits on it. A process with no heartbeat yet (starting up) or none at the moment
     * (ingest waiting on its input) is not hung.
     */
    private StageProcess hungProcess(final TransportRun run, final RunProgress progress)
    {
        final long now = System.currentTimeMillis();
        for (final StageProcess process : processes)
        {
            if (process.isAlive() && heartbeatAgeMs(run, progress, process, now) > limits.hungAfterMillis())
            {
                return process;
            }
        }
        return null;
    }

    private static long heartbeatAgeMs(
        final TransportRun run, final RunProgress progress, final StageProcess process, final long nowEpochMs)
    {
        if (!process.isSupport())
        {
            return progress.heartbeatAgeMs(process.name(), process.process().pid(), nowEpochMs);
        }
        final long heartbeat = run.supportHeartbeatEpochMs(process.name());
        return 0 == heartbeat ? -1 : Math.max(0, nowEpochMs - heartbeat);
    }

    private int failHung(final StageProcess hung, final long ageMs)
        throws InterruptedException
    {
        // killed first: a stopped process ignores the SIGTERM of stopAll, which would wait out its grace period, and a
        // stopped media driver would hold up the stages' shutdown
        hung.process().destroyForcibly();
        hung.process().waitFor(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        stopAll(processes);
        synchronized (lifecycleLock)
        {
            if (shuttingDown)
            {
                return ExitCodes.FAILED;
            }
        }
        err.println("SplitPipeline: " + (hung.isSupport() ? "" : "stage ") + hung.name() +
            " hung: its process is alive but its heartbeat is " + ageMs + " ms old (limit " + limits.hungAfterMillis() +
            " ms); stopped every process");
        for (final String line : hung.logTail(40))
        {
            err.println("  " + hung.name() + "| " + line);
        }
        return ExitCodes.FAILED;
    }

    private int fail(
        final TransportRun run,
        final List<StageProcess> processes,
        final StageProcess failed,
        final Map<StageProcess, Long> exitNanos)
    {
        final long noticedNanos = System.nanoTime();
        final int exitValue = failed.process().exitValue();
        final Exit exit = exitOf(run, failed);
        failureStatus = exit.status();
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
            "with status " + exitValue + describeStatus(exitValue) + describeNotice(noticedNanos, exitedNanos) +
            exit.crashNote() +
            (limits.restartOnFailure() && !failed.isSupport() && !ExitCodes.isRetryable(exit.status()) ?
            "; not restarted, since running it again would fail the same way" : "") +
            "; stopped the other processes");
        for (final String line : failed.logTail(40))
        {
            err.println("  " + failed.name() + "| " + line);
        }
        if (null != exit.crash())
        {
            for (final String line : exit.crash().stack())
            {
                err.println("  " + failed.name() + " crash| " + line);
            }
        }
        return ExitCodes.FAILED;
    }

    /**
     * How a process ended, as the launcher acts on it: its exit status, unless its JVM crashed of a bus error while a
     * directory the run maps files in is full, which is {@link ExitCodes#NO_SPACE}, as when the fault is met in Java
     * code; and what its JVM's fatal error log says, if it crashed.
     *
     * @param status  the status to act on.
     * @param crash   the crash, or null.
     * @param noSpace the full directory, for a bus error on it, or null.
     */
    record Exit(int status, JvmCrashLog crash, String noSpace)
    {
        /**
         * Judge an exit.
         *
         * @param exitValue   the process's exit status.
         * @param crash       its JVM's fatal error log, or null if it did not crash.
         * @param directories where the run maps files.
         * @param fullBelow   a directory with less usable space than this is full.
         * @return how the launcher acts on the exit.
         */
        static Exit of(final int exitValue, final JvmCrashLog crash, final List<Path> directories, final long fullBelow)
        {
            if (null == crash || !crash.isBusError())
            {
                return new Exit(exitValue, crash, null);
            }
            final String full = MappedWriteFault.describeFull(directories, fullBelow);
            return new Exit(null == full ? exitValue : ExitCodes.NO_SPACE, crash, full);
        }

        String crashNote()
        {
            return null == crash ? "" : "; its JVM crashed: " + crash.summary() + (null == noSpace ? "" :
                ": " + noSpace);
        }
    }

    private Exit exitOf(final TransportRun run, final StageProcess process)
    {
        final List<Path> directories = new ArrayList<>();
        directories.add(runDir);
        for (final SpaceNeed need : run.spaceNeeds(0, 0))
        {
            directories.add(need.directory());
        }
        return Exit.of(process.process().exitValue(),
            JvmCrashLog.read(JvmCrashLog.file(runDir, process.name(), process.process().pid())), directories,
            FULL_BELOW_BYTES);
    }

    /**
     * A paced run missed its rate: the sink ran to its end and wrote its report with every figure; print it, as after
     * a complete run, and pass the status on.
     */
    private int rateNotAchieved(final List<StageProcess> processes, final Path report) throws IOException
    {
        stopAll(processes);
        out.print(Files.readString(report, StandardCharsets.UTF_8));
        return ExitCodes.RATE_NOT_ACHIEVED;
    }

    /**
     * The sink ran to its end and wrote its report, but its checks failed: print the report, as after a complete run.
     */
    private int checksFailed(final List<StageProcess> processes, final Path report) throws IOException
    {
        failureStatus = ExitCodes.CHECKS_FAILED;
        stopAll(processes);
        out.print(Files.readString(report, StandardCharsets.UTF_8));
        err.println("SplitPipeline: the run ended but its checks failed (see the report)");
        return ExitCodes.FAILED;
    }

    private static String describeStatus(final int exit)
    {
        final String meaning = ExitCodes.describe(exit);
        return meaning.isEmpty() ? "" : " (" + meaning + ")";
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
     * The JVM is shutting down before the launcher has cleaned up (SIGTERM, Ctrl-C): the main thread may never reach
     * its finally block, so stop every child, undo what the transport made and remove the run directory here. No
     * process is started once this has begun.
     *
     * @param run the prepared transport run, or null if none was prepared yet.
     */
    void onShutdown(final TransportRun run)
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
                run.cleanUp(ExitCodes.LAUNCHER_GONE);
            }
            catch (final RuntimeException ex)
            {
                err.println("SplitPipeline: transport clean-up failed: " + ex);
            }
        }
        SplitPipelineCommand.deleteRecursively(runDir);
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

    /**
     * Stop every process that is alive, the last started first, each given a grace period before it is killed.
     *
     * @param processes started in order.
     */
    static void stopAll(final List<StageProcess> processes)
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

}
