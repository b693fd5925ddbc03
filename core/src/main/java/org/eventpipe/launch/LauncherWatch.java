package org.eventpipe.launch;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.eventpipe.cli.ExitCodes;

/**
 * How a process the launcher started follows the launcher out: the launcher gives each child its own pid and the run
 * directory as system properties, and the child, seeing that pid exit (a SIGKILL of the launcher runs no shutdown
 * hook, so nothing else would stop it), runs what it must to stop, removes the run directory and exits. A process
 * started by hand has no such property and watches nothing.
 */
public final class LauncherWatch
{
    /** Pid of the launcher that started this process. */
    public static final String LAUNCHER_PID_PROP_NAME = "eventpipe.launcher.pid";

    /** The run directory the launcher made, removed by whichever child sees the launcher gone first. */
    public static final String RUN_DIR_PROP_NAME = "eventpipe.launcher.run.dir";

    /** Exit status of a child that stops because its launcher is gone. */
    public static final int EXIT_LAUNCHER_GONE = ExitCodes.LAUNCHER_GONE;

    private static final long HALT_AFTER_MILLIS = 5_000;

    private LauncherWatch()
    {
    }

    /**
     * The JVM options that make a child watch this launcher.
     *
     * @param runDirectory of the run.
     * @return the {@code -D} options.
     */
    static List<String> jvmOptions(final Path runDirectory)
    {
        return List.of("-D" + LAUNCHER_PID_PROP_NAME + "=" + ProcessHandle.current().pid(),
            "-D" + RUN_DIR_PROP_NAME + "=" + runDirectory);
    }

    /**
     * If this process was started by a launcher, watch it: when it exits, run {@code stop} (which should make the
     * process wind down), remove the run directory and exit with {@link #EXIT_LAUNCHER_GONE}, halting if the exit
     * has not completed within a few seconds.
     *
     * @param name of this process, for the one line it prints.
     * @param stop what to run first, e.g. signal a barrier; may be null.
     */
    public static void watch(final String name, final Runnable stop)
    {
        final String pid = System.getProperty(LAUNCHER_PID_PROP_NAME);
        if (null == pid)
        {
            return;
        }
        final Optional<ProcessHandle> launcher = ProcessHandle.of(Long.parseLong(pid));
        final String runDir = System.getProperty(RUN_DIR_PROP_NAME);
        if (launcher.isEmpty())
        {
            onGone(name, pid, runDir, stop);
            return;
        }
        launcher.get().onExit().thenRun(() -> onGone(name, pid, runDir, stop));
    }

    private static void onGone(final String name, final String pid, final String runDir, final Runnable stop)
    {
        System.err.println(name + ": launcher (pid " + pid + ") is gone; stopping and removing the run directory");
        System.err.flush();
        final Thread halt = new Thread(() ->
        {
            try
            {
                Thread.sleep(HALT_AFTER_MILLIS);
            }
            catch (final InterruptedException ignore)
            {
                // halting anyway
            }
            Runtime.getRuntime().halt(EXIT_LAUNCHER_GONE);
        }, "eventpipe-launcher-gone-halt");
        halt.setDaemon(true);
        halt.start();
        if (null != stop)
        {
            stop.run();
        }
        if (null != runDir)
        {
            SplitPipelineCommand.deleteRecursively(Path.of(runDir));
        }
        System.exit(EXIT_LAUNCHER_GONE);
    }
}
