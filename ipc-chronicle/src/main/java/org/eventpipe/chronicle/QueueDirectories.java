package org.eventpipe.chronicle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Removing queue directories: a run's queues after it succeeded, a warm-up's scratch queue.
 */
final class QueueDirectories
{
    private QueueDirectories()
    {
    }

    /**
     * Remove a directory and everything in it, if it exists; a file that cannot be deleted is left in place.
     *
     * @param root the directory.
     * @throws IOException if the directory cannot be listed.
     */
    static void delete(final Path root) throws IOException
    {
        if (!Files.exists(root))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(root))
        {
            paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
        }
    }
}
