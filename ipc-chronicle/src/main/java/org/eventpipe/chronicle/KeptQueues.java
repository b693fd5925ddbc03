package org.eventpipe.chronicle;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.eventpipe.cli.SpaceCheck;

/**
 * The queues a run leaves behind, and the limit on them. A run that keeps its queues writes a marker file,
 * {@value #MARKER}, into its queue directory saying why. At the start of a run, in the directory its queues go in,
 * the launcher sweeps:
 * <ul>
 *     <li>queue directories with no marker whose launcher, named in {@value #OWNER}, is no longer running: the
 *     queues of a launcher that was killed (a live run's launcher is running; without the file, a queue directory
 *     whose run directory is gone);</li>
 *     <li>queues kept after a failure beyond the {@value #MAX_KEPT_AFTER_FAILURE} most recent: inspect a failure
 *     before the next ones, or keep a copy elsewhere.</li>
 * </ul>
 * Queues kept on request ({@code --keep-queues}) after a successful run are the user's and never swept. Each
 * removal is printed with the size it frees.
 */
final class KeptQueues
{
    /** The marker file of kept queues: one line, why they were kept. */
    static final String MARKER = "kept.txt";

    /** The marker's first word for queues kept after a failure, which the sweep may remove. */
    static final String AFTER_FAILURE = "failed";

    /** The marker's first word for queues kept on request, never swept. */
    static final String REQUESTED = "requested";

    /** How many sets of queues kept after failures stay in a directory: the most recent ones. */
    static final int MAX_KEPT_AFTER_FAILURE = 2;

    /** The file that holds the pid of the launcher whose run the queues are. */
    static final String OWNER = "launcher.pid";

    private static final String RUN_DIR_PREFIX = "eventpipe-";

    private KeptQueues()
    {
    }

    /**
     * Mark a run's queues as kept.
     *
     * @param queueDirectory the run's queue directory.
     * @param why            {@link #AFTER_FAILURE} or {@link #REQUESTED}, then a reason.
     * @throws IOException if the marker cannot be written.
     */
    static void mark(final Path queueDirectory, final String why) throws IOException
    {
        Files.writeString(queueDirectory.resolve(MARKER), why + "\n", StandardCharsets.UTF_8);
    }

    /**
     * Remove, from a directory, the queues of killed launchers and those kept after failures beyond the limit.
     *
     * @param parent       the directory that holds queue directories (the run directory base, or --queue-dir).
     * @param runDirectory where the run directory of a queue directory of that name would be, for the queue
     *                     directory's name; see {@link ChronicleTransport}.
     * @param current      the queue directory of the run starting now, never removed.
     * @param out          where each removal is printed.
     * @return the bytes freed.
     * @throws IOException if the directory cannot be listed.
     */
    static long sweep(final Path parent, final RunDirectoryOf runDirectory, final Path current, final PrintStream out)
        throws IOException
    {
        if (!Files.isDirectory(parent))
        {
            return 0;
        }
        final List<Path> keptAfterFailure = new ArrayList<>();
        long freed = 0;
        try (Stream<Path> children = Files.list(parent))
        {
            for (final Path candidate : (Iterable<Path>)children::iterator)
            {
                final String name = candidate.getFileName().toString();
                if (!name.startsWith(RUN_DIR_PREFIX) || !name.endsWith(ChronicleConfiguration.QUEUE_DIR_SUFFIX) ||
                    !Files.isDirectory(candidate) || candidate.equals(current))
                {
                    continue;
                }
                final Path marker = candidate.resolve(MARKER);
                if (Files.exists(marker))
                {
                    if (readMarker(marker).startsWith(AFTER_FAILURE))
                    {
                        keptAfterFailure.add(candidate);
                    }
                }
                else if (isOrphan(candidate, runDirectory.of(name.substring(0,
                    name.length() - ChronicleConfiguration.QUEUE_DIR_SUFFIX.length()))))
                {
                    freed += remove(candidate, "its launcher is gone", out);
                }
            }
        }
        keptAfterFailure.sort(Comparator.comparing(KeptQueues::markedAt).reversed());
        for (int i = MAX_KEPT_AFTER_FAILURE; i < keptAfterFailure.size(); i++)
        {
            freed += remove(keptAfterFailure.get(i), "kept after a failure, older than the " +
                MAX_KEPT_AFTER_FAILURE + " most recent", out);
        }
        return freed;
    }

    /**
     * The bytes the files under a directory take (their lengths).
     *
     * @param root the directory.
     * @return the total, 0 if it cannot be walked.
     */
    static long size(final Path root)
    {
        return SpaceCheck.directorySize(root);
    }

    /**
     * Record the launcher that owns a run's queues, so that a later sweep can tell them from those of a live run.
     *
     * @param queueDirectory the run's queue directory.
     * @throws IOException if the file cannot be written.
     */
    static void claim(final Path queueDirectory) throws IOException
    {
        Files.writeString(queueDirectory.resolve(OWNER), ProcessHandle.current().pid() + "\n",
            StandardCharsets.UTF_8);
    }

    private static boolean isOrphan(final Path queues, final Path runDirectory)
    {
        final Path owner = queues.resolve(OWNER);
        if (!Files.exists(owner))
        {
            return !Files.exists(runDirectory);
        }
        try
        {
            final long pid = Long.parseLong(Files.readString(owner, StandardCharsets.UTF_8).trim());
            return ProcessHandle.of(pid).map((process) -> !process.isAlive()).orElse(true);
        }
        catch (final IOException | NumberFormatException ex)
        {
            return false;
        }
    }

    private static long remove(final Path queues, final String why, final PrintStream out) throws IOException
    {
        final long size = size(queues);
        QueueDirectories.delete(queues);
        out.println("removed chronicle queues " + queues + " (" + SpaceCheck.bytes(size) + "): " + why);
        return size;
    }

    private static String readMarker(final Path marker)
    {
        try
        {
            return Files.readString(marker, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            return "";
        }
    }

    private static FileTime markedAt(final Path queues)
    {
        try
        {
            return Files.getLastModifiedTime(queues.resolve(MARKER));
        }
        catch (final IOException ex)
        {
            return FileTime.fromMillis(0);
        }
    }

    /**
     * Where the run directory of a given name is.
     */
    @FunctionalInterface
    interface RunDirectoryOf
    {
        /**
         * The run directory.
         *
         * @param runDirectoryName its name, e.g. {@code eventpipe-123}.
         * @return its path.
         */
        Path of(String runDirectoryName);
    }
}
