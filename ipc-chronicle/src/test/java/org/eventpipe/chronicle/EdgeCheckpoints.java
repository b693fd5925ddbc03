package org.eventpipe.chronicle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.eventpipe.bridge.Edge;
import org.eventpipe.recovery.StageCheckpoint;

/**
 * Reads, from the test, the checkpoint a stage stored with the last frame it sent on its output queue while the run
 * goes on: how far that stage has got (input consumed, frames and events sent, its counters). The observable that a
 * fault test waits for before it kills the stage.
 */
final class EdgeCheckpoints implements AutoCloseable
{
    private final ChronicleQueue queue;
    private final ChronicleFrameSender reader;

    private EdgeCheckpoints(final ChronicleQueue queue)
    {
        this.queue = queue;
        this.reader = new ChronicleFrameSender(queue, "test reader of " + queue.fileAbsolutePath(),
            ChronicleConfiguration.BLOCK_SIZE_DEFAULT, null, 0);
    }

    /**
     * Open an edge's queue read-only once the stage has created it.
     */
    static EdgeCheckpoints open(final Path queueDirectory, final Edge edge, final long timeoutMillis)
        throws InterruptedException
    {
        final Path directory = queueDirectory.resolve(edge.edgeName());
        final long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!Files.exists(directory.resolve("metadata.cq4t")))
        {
            if (System.currentTimeMillis() > deadline)
            {
                throw new AssertionError("no queue " + directory + " after " + timeoutMillis + " ms");
            }
            Thread.sleep(10);
        }
        return new EdgeCheckpoints(SingleChronicleQueueBuilder.binary(directory)
            .rollCycle(ChronicleConfiguration.rollCycle(Map.of()))
            .blockSize(ChronicleConfiguration.BLOCK_SIZE_DEFAULT)
            .readOnly(true)
            .build());
    }

    /**
     * Wait until the last checkpoint on the edge satisfies a condition.
     *
     * @return that checkpoint.
     */
    StageCheckpoint await(final Predicate<StageCheckpoint> condition, final String what, final long timeoutMillis)
        throws InterruptedException
    {
        final StageCheckpoint last = new StageCheckpoint();
        final long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline)
        {
            if (reader.readLastCheckpoint(last) && condition.test(last))
            {
                return last;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no checkpoint with " + what + " on " + queue.fileAbsolutePath() + " after " +
            timeoutMillis + " ms; last: " + last);
    }

    public void close()
    {
        queue.close();
    }
}
