package org.eventpipe.chronicle;

import java.nio.file.Path;

import org.eventpipe.bridge.TransportOptions;
import picocli.CommandLine.Option;

/**
 * The launcher options of the Chronicle transport, contributed to {@code SplitPipeline}'s command line.
 */
public final class ChronicleLaunchOptions implements TransportOptions
{
    @Option(names = "--queue-dir", paramLabel = "DIR",
        description = "Chronicle: where each run's queues go, in a subdirectory named after the run directory " +
            "with -queues appended (default: beside the run directory).")
    Path queueDirectory;

    @Option(names = "--keep-queues",
        description = "Chronicle: keep the queues, whole, after a successful run (they are always kept after a " +
            "failure); stages then delete no consumed queue file during the run.")
    boolean keepQueues;

    /**
     * {@inheritDoc}
     */
    public void checkFor(final String transport)
    {
        if ((null != queueDirectory || keepQueues) && !"chronicle".equals(transport))
        {
            throw new IllegalArgumentException((null != queueDirectory ? "--queue-dir" : "--keep-queues") +
                " applies to --transport chronicle only, not " + transport);
        }
    }

    /**
     * Where the run's queue directory is made.
     *
     * @return the parent directory, absolute, or null for beside the run directory.
     */
    public Path queueDirectory()
    {
        return null == queueDirectory ? null : queueDirectory.toAbsolutePath();
    }

    /**
     * Whether the queues are kept after a successful run.
     *
     * @return true to keep them.
     */
    public boolean keepQueues()
    {
        return keepQueues;
    }
}
