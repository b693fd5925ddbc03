package org.eventpipe.aeron;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eventpipe.testing.ChildProcess;

/**
 * The {@code SplitPipeline} launcher as a real child process ({@code java -cp ipc-aeron.jar SplitPipeline ...}), its
 * standard output and error captured in files.
 */
final class LauncherProcess
{
    /** The shaded jar under test, set by failsafe. */
    static final String JAR_PROP_NAME = "eventpipe.test.jar";

    private static final Pattern RUN_DIRECTORY = Pattern.compile("run directory (\\S+)");
    private static final Pattern SAMPLES = Pattern.compile("events sampled\\): samples=(\\d+) ");
    private static final Pattern COUNTS = Pattern.compile(
        "lines: read=(\\d+) blank=(\\d+) accepted=(\\d+) \\(kept=(\\d+) filtered=(\\d+)\\) rejected=(\\d+) " +
        "failed=(\\d+)");

    private final ChildProcess child;

    private LauncherProcess(final ChildProcess child)
    {
        this.child = child;
    }

    /**
     * Start the launcher.
     *
     * @param workDir   for its output files.
     * @param arguments after {@code SplitPipeline}.
     * @return the started launcher.
     * @throws IOException if it cannot be started.
     */
    static LauncherProcess start(final Path workDir, final List<String> arguments) throws IOException
    {
        return start(workDir, List.of(), arguments);
    }

    /**
     * Start the launcher with options for its own JVM.
     *
     * @param workDir    for its output files.
     * @param jvmOptions of the launcher's JVM, e.g. {@code -Dname=value}.
     * @param arguments  after {@code SplitPipeline}.
     * @return the started launcher.
     * @throws IOException if it cannot be started.
     */
    static LauncherProcess start(final Path workDir, final List<String> jvmOptions, final List<String> arguments)
        throws IOException
    {
        final String jar = System.getProperty(JAR_PROP_NAME);
        if (null == jar || !Files.isRegularFile(Path.of(jar)))
        {
            throw new IllegalStateException("-D" + JAR_PROP_NAME + " must name the built ipc-aeron.jar: " + jar);
        }
        final List<String> command = new ArrayList<>();
        command.add(ChildProcess.javaCommand());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(jar);
        command.add("SplitPipeline");
        command.addAll(arguments);
        return new LauncherProcess(ChildProcess.start(workDir, command, Map.of()));
    }

    /**
     * Start the launcher and wait for it to exit; kills it and its children if it has not by the deadline.
     *
     * @param workDir         for its output files.
     * @param arguments       after {@code SplitPipeline}.
     * @param deadlineSeconds failure deadline.
     * @return the exited launcher.
     * @throws Exception if it cannot be started, is interrupted or its output cannot be read.
     */
    static LauncherProcess run(final Path workDir, final List<String> arguments, final long deadlineSeconds)
        throws Exception
    {
        final LauncherProcess launcher = start(workDir, arguments);
        try
        {
            launcher.awaitExit(deadlineSeconds);
        }
        finally
        {
            launcher.destroyAll();
        }
        return launcher;
    }

    Process process()
    {
        return child.process();
    }

    int exitValue()
    {
        return child.process().exitValue();
    }

    /**
     * Wait for the launcher to exit, killing it and its children if it has not after the deadline.
     *
     * @param deadlineSeconds failure deadline.
     * @return the exit status.
     * @throws InterruptedException if interrupted.
     * @throws IOException          if the output cannot be read for the failure message.
     */
    int awaitExit(final long deadlineSeconds) throws InterruptedException, IOException
    {
        return child.awaitExit(deadlineSeconds);
    }

    /**
     * Kill the launcher and everything it started; for clean-up after a failed test.
     */
    void destroyAll()
    {
        child.close();
    }

    String stdout() throws IOException
    {
        return child.stdout();
    }

    String stderr() throws IOException
    {
        return child.stderr();
    }

    String output() throws IOException
    {
        return child.output();
    }

    /**
     * The run directory the launcher printed on its first line.
     *
     * @return the directory, or null if not printed yet.
     * @throws IOException if the output cannot be read.
     */
    Path runDirectory() throws IOException
    {
        final Matcher matcher = RUN_DIRECTORY.matcher(stdout());
        return matcher.find() ? Path.of(matcher.group(1)) : null;
    }

    /**
     * The counts of the report line {@code lines: read=.. blank=.. accepted=.. (kept=.. filtered=..) rejected=..
     * failed=..}.
     *
     * @return read, blank, accepted, kept, filtered, rejected, failed.
     * @throws IOException if the output cannot be read.
     */
    List<Long> reportedCounts() throws IOException
    {
        final Matcher matcher = COUNTS.matcher(stdout());
        if (!matcher.find())
        {
            throw new AssertionError("no counts line in the report\n" + output());
        }
        final List<Long> counts = new ArrayList<>();
        for (int group = 1; group <= matcher.groupCount(); group++)
        {
            counts.add(Long.parseLong(matcher.group(group)));
        }
        return counts;
    }

    /**
     * The number of latency samples in the report line {@code latency (...): samples=N ...}.
     *
     * @return the samples.
     * @throws IOException if the output cannot be read.
     */
    long reportedSamples() throws IOException
    {
        final Matcher matcher = SAMPLES.matcher(stdout());
        if (!matcher.find())
        {
            throw new AssertionError("no latency samples in the report\n" + output());
        }
        return Long.parseLong(matcher.group(1));
    }

    /**
     * A stage's row of the report's stage table.
     *
     * @param stage name.
     * @return events-in, frames-in, events-out, frames-out.
     * @throws IOException if the output cannot be read.
     */
    List<Long> stageRow(final String stage) throws IOException
    {
        final Matcher matcher = Pattern.compile("(?m)^  " + stage + " +(\\d+) +(\\d+) +(\\d+) +(\\d+) ")
            .matcher(stdout());
        if (!matcher.find())
        {
            throw new AssertionError("no row for stage " + stage + " in the report\n" + output());
        }
        final List<Long> row = new ArrayList<>();
        for (int group = 1; group <= 4; group++)
        {
            row.add(Long.parseLong(matcher.group(group)));
        }
        return row;
    }

    /**
     * Every process on this host whose command line mentions a path: the stages and the media driver of a run all
     * name its run directory ({@code -Daeron.dir=RUN/aeron}), wherever they are in the process tree.
     *
     * @param path to look for, e.g. the run directory.
     * @return pid and command line of each, excluding this JVM.
     */
    static List<String> processesMentioning(final Path path)
    {
        final String needle = path.toString();
        return ProcessHandle.allProcesses()
            .filter((handle) -> handle.pid() != ProcessHandle.current().pid())
            .filter((handle) -> handle.info().commandLine().map((line) -> line.contains(needle)).orElse(false))
            .map((handle) -> handle.pid() + " " + handle.info().commandLine().orElse("?"))
            .toList();
    }

    /**
     * Those of the processes still alive.
     *
     * @param processes e.g. the launcher's descendants while it ran.
     * @return pid and command line of each live one.
     */
    static List<String> alive(final List<ProcessHandle> processes)
    {
        return processes.stream()
            .filter(ProcessHandle::isAlive)
            .map((handle) -> handle.pid() + " " + handle.info().commandLine().orElse("?"))
            .toList();
    }

    /**
     * Delete a directory and everything in it, if it exists.
     *
     * @param root to delete.
     * @throws IOException if something cannot be deleted.
     */
    static void deleteRecursively(final Path root) throws IOException
    {
        if (null == root || !Files.exists(root))
        {
            return;
        }
        try (var paths = Files.walk(root))
        {
            for (final Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList())
            {
                Files.delete(path);
            }
        }
    }

    /**
     * Free UDP ports on loopback, for {@code --endpoint}.
     *
     * @param count of ports.
     * @return distinct ports free when asked.
     * @throws IOException if no socket can be opened.
     */
    static List<Integer> freeUdpPorts(final int count) throws IOException
    {
        final List<DatagramSocket> sockets = new ArrayList<>();
        final List<Integer> ports = new ArrayList<>();
        try
        {
            for (int i = 0; i < count; i++)
            {
                final DatagramSocket socket = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports.add(socket.getLocalPort());
            }
        }
        finally
        {
            sockets.forEach(DatagramSocket::close);
        }
        return ports;
    }
}
