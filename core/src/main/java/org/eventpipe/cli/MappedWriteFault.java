package org.eventpipe.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A write to a memory-mapped file (a Chronicle queue, an Agrona counters file) that the kernel could not back with a
 * page, because its file system is full: the JVM turns the SIGBUS into an {@link InternalError} "a fault occurred in
 * a (recent) unsafe memory access operation", which names neither the file nor the cause. This says which of the
 * directories a process maps files in is the full one, so that it can fail with "no space left in DIR" and
 * {@link ExitCodes#NO_SPACE}, a failure that a restart would only repeat.
 */
public final class MappedWriteFault
{
    private static final String UNSAFE_ACCESS = "unsafe memory access";
    private static final String NO_SPACE_ERRNO = "No space left on device";

    private MappedWriteFault()
    {
    }

    /**
     * Whether a failure is, or was caused by, the JVM's error for a faulting access to mapped memory, or an I/O error
     * for no space left on the device (a mapped file grown with {@code fallocate}).
     *
     * @param failure to look at, may be null.
     * @return true if it or one of its causes is that error.
     */
    public static boolean isMappedWriteFault(final Throwable failure)
    {
        for (Throwable cause = failure; null != cause; cause = cause.getCause())
        {
            if (cause instanceof InternalError && null != cause.getMessage() &&
                cause.getMessage().contains(UNSAFE_ACCESS))
            {
                return true;
            }
            if (cause instanceof IOException && null != cause.getMessage() &&
                cause.getMessage().contains(NO_SPACE_ERRNO))
            {
                return true;
            }
            if (cause.getCause() == cause)
            {
                break;
            }
        }
        return false;
    }

    /**
     * The message for a faulting mapped write: the directory, of those given, with the least usable space, and that
     * space.
     *
     * @param directories where the process maps files; those that do not exist are ignored.
     * @return "no space left in DIR (N bytes free)", or without a directory if none can be examined.
     */
    public static String describe(final List<Path> directories)
    {
        final String full = describeFull(directories, Long.MAX_VALUE);
        return null != full ? full : "no space left for a memory-mapped file (a write to it faulted)";
    }

    /**
     * The message for a faulting mapped write if one of the directories has less usable space than a bound: for a
     * process that the fault killed, where only a full file system says that the fault was the want of space.
     *
     * @param directories where the process maps files; those that do not exist are ignored.
     * @param belowBytes  a directory with this much usable space or more is not full.
     * @return "no space left in DIR (N bytes free)" for the directory with the least space, or null if none has less
     *     than the bound or none can be examined.
     */
    public static String describeFull(final List<Path> directories, final long belowBytes)
    {
        Path fullest = null;
        long leastFree = Long.MAX_VALUE;
        for (final Path directory : directories)
        {
            if (null == directory || !Files.isDirectory(directory))
            {
                continue;
            }
            try
            {
                final long free = Files.getFileStore(directory).getUsableSpace();
                if (free < leastFree)
                {
                    leastFree = free;
                    fullest = directory;
                }
            }
            catch (final IOException ignore)
            {
                // not examinable: not named
            }
        }
        if (null == fullest || leastFree >= belowBytes)
        {
            return null;
        }
        return String.format(Locale.ROOT, "no space left in %s (%s free; a write to a memory-mapped file faulted)",
            fullest, SpaceCheck.bytes(leastFree));
    }
}
