package org.eventpipe.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eventpipe.cli.SpaceCheck;

/**
 * Run directories left behind by launchers that no longer exist. Every launcher writes its pid and start time into
 * {@value #LAUNCHER_FILE} in its run directory; a launcher that starts looks at the {@code eventpipe-*} directories
 * in its run directory base and removes each whose launcher is gone (no process with that pid, or one started at
 * another time: the pid was reused), with everything in it (the Aeron directory of the media driver it started
 * included), and prints what it removed and its size. A directory without the file (another launcher still setting
 * up, or made by something else) and a live launcher's directory are never touched.
 * <p>
 * The children of a launcher killed with SIGKILL remove its run directory themselves ({@link LauncherWatch}); what is
 * left is the run of a launcher whose children died with it (a SIGKILL of the whole process group, the OOM killer).
 */
final class StaleRunDirectories
{
    /** The file in a run directory naming the launcher that made it: its pid, then its start time (epoch ms). */
    static final String LAUNCHER_FILE = "launcher.pid";

    /** Names of run directories, as the launcher makes them. */
    static final String RUN_DIRECTORY_GLOB = "eventpipe-*";

    private StaleRunDirectories()
    {
    }

    /**
     * Record this launcher as the owner of a run directory.
     *
     * @param runDirectory just made.
     * @throws IOException if the file cannot be written.
     */
    static void recordLauncher(final Path runDirectory) throws IOException
    {
        final ProcessHandle self = ProcessHandle.current();
        Files.writeString(runDirectory.resolve(LAUNCHER_FILE), self.pid() + "\n" +
            startEpochMs(self).map(String::valueOf).orElse("-") + "\n", StandardCharsets.US_ASCII);
    }

    /**
     * Remove the run directories under a base whose launcher is gone, printing a line for each.
     *
     * @param base where run directories are made, e.g. {@code /dev/shm}.
     * @param out  where to say what was removed.
     * @return the directories removed.
     */
    static List<Path> sweep(final Path base, final PrintStream out)
    {
        final List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(base))
        {
            return removed;
        }
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(base, RUN_DIRECTORY_GLOB))
        {
            for (final Path candidate : candidates)
            {
                final String launcher = goneLauncher(candidate);
                if (null != launcher)
                {
                    final long bytes = SpaceCheck.directorySize(candidate);
                    SplitPipelineCommand.deleteRecursively(candidate);
                    if (!Files.exists(candidate))
                    {
                        removed.add(candidate);
                        out.println(String.format(Locale.ROOT, "SplitPipeline: removed %s (%.1f MB), left by " +
                            "launcher %s, which is no longer running", candidate, bytes / 1e6, launcher));
                    }
                }
            }
        }
        catch (final IOException | UncheckedIOException | SecurityException ignore)
        {
            // best effort: a base we cannot list holds nothing we could remove
        }
        return removed;
    }

    /**
     * The launcher of a run directory if it is gone ("pid N"), or null if it is alive or the directory names none.
     */
    private static String goneLauncher(final Path directory)
    {
        final Path file = directory.resolve(LAUNCHER_FILE);
        final List<String> lines;
        try
        {
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS) ||
                !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
            {
                return null;
            }
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        }
        catch (final IOException | SecurityException ex)
        {
            return null;
        }
        if (lines.size() < 2)
        {
            return null;
        }
        final long pid;
        try
        {
            pid = Long.parseLong(lines.get(0).trim());
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
        final Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isPresent() && process.get().isAlive())
        {
            final String recordedStart = lines.get(1).trim();
            final Optional<Long> start = startEpochMs(process.get());
            if ("-".equals(recordedStart) || start.isEmpty() || recordedStart.equals(String.valueOf(start.get())))
            {
                return null;
            }
            return "pid " + pid + " (that pid is now another process)";
        }
        return "pid " + pid;
    }

    private static Optional<Long> startEpochMs(final ProcessHandle process)
    {
        return process.info().startInstant().map(Instant::toEpochMilli);
    }
}
