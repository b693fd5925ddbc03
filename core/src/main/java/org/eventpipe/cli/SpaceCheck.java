package org.eventpipe.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Free space checked before a run starts, so that a full disk or tmpfs is named up front instead of failing a
 * memory-mapped write half-way through the run.
 */
public final class SpaceCheck
{
    private SpaceCheck()
    {
    }

    /**
     * Fail if a directory's file system has less usable space than needed.
     *
     * @param directory where the files will go; if it does not exist yet, its nearest existing ancestor is examined.
     * @param need      bytes needed, an estimate.
     * @param what      what the space is for.
     * @throws UsageException naming the directory, the need and the free space, if there is not enough.
     */
    public static void check(final Path directory, final long need, final String what)
    {
        final long free = usableSpace(directory);
        if (free >= 0 && free < need)
        {
            throw new UsageException(String.format(Locale.ROOT,
                "not enough space in %s for %s: need about %s, %s free (free some space or choose another " +
                "directory)", directory, what, bytes(need), bytes(free)));
        }
    }

    /**
     * The usable space of the file system a directory is on, or will be on.
     *
     * @param directory to examine; its nearest existing ancestor if it does not exist.
     * @return bytes, or -1 if no ancestor can be examined.
     */
    public static long usableSpace(final Path directory)
    {
        Path existing = directory.toAbsolutePath();
        while (null != existing && !Files.exists(existing))
        {
            existing = existing.getParent();
        }
        if (null == existing)
        {
            return -1;
        }
        try
        {
            return Files.getFileStore(existing).getUsableSpace();
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    /**
     * A byte count for people: bytes, KiB, MiB or GiB with one decimal.
     *
     * @param bytes the count.
     * @return e.g. "1.5 GiB".
     */
    public static String bytes(final long bytes)
    {
        if (bytes < 1024)
        {
            return bytes + " bytes";
        }
        final String[] units = { "KiB", "MiB", "GiB", "TiB" };
        double value = bytes / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1)
        {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /**
     * The bytes the files under a directory take (their lengths; sparse files count in full).
     *
     * @param root the directory.
     * @return the total, 0 if it cannot be walked.
     */
    public static long directorySize(final Path root)
    {
        try (Stream<Path> paths = Files.walk(root))
        {
            return paths.filter(Files::isRegularFile).mapToLong((path) ->
            {
                try
                {
                    return Files.size(path);
                }
                catch (final IOException ex)
                {
                    return 0;
                }
            }).sum();
        }
        catch (final IOException | RuntimeException ex)
        {
            return 0;
        }
    }
}
