package org.eventpipe.counters;

import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import org.agrona.BufferUtil;
import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

/**
 * One stage process's counters, every {@link PipelineCounter} allocated once in an Agrona {@link CountersManager}.
 * In a run directory they live in a memory-mapped file, {@code <stage>.counters}, that {@link StageCountersFile}
 * reads from another process while the stage runs, deleted when the stage ends; without one, in memory.
 * <p>
 * The file: a header of {@value StageCountersFile#HEADER_LENGTH} bytes (magic, version, the lengths of the two
 * buffers, the process id and its start time), the counters' metadata, then their values. The magic is written last,
 * with release semantics, so that a reader never sees a file half made.
 * <p>
 * Updates are single-writer ({@code setRelease}, {@code getAndAddRelease}): each counter has one incrementing thread,
 * the stage's agent.
 */
public final class StageCounters implements AutoCloseable
{
    private final Map<PipelineCounter, AtomicCounter> counters = new EnumMap<>(PipelineCounter.class);
    private final MappedByteBuffer mapped;
    private final Path file;

    private StageCounters(
        final AtomicBuffer metadata, final AtomicBuffer values, final MappedByteBuffer mapped, final Path file)
    {
        this.mapped = mapped;
        this.file = file;
        final CountersManager manager = new CountersManager(metadata, values, StandardCharsets.US_ASCII);
        for (final PipelineCounter counter : PipelineCounter.values())
        {
            counters.put(counter, manager.newCounter(counter.label(), counter.id()));
        }
    }

    /**
     * Counters in memory only, for a stage run without a run directory and for tests.
     *
     * @return the counters.
     */
    public static StageCounters inMemory()
    {
        return new StageCounters(
            new UnsafeBuffer(BufferUtil.allocateDirectAligned(StageCountersFile.METADATA_LENGTH, Long.BYTES)),
            new UnsafeBuffer(BufferUtil.allocateDirectAligned(StageCountersFile.VALUES_LENGTH, Long.BYTES)),
            null,
            null);
    }

    /**
     * Counters in a new memory-mapped file, readable by {@link StageCountersFile} from other processes.
     *
     * @param file to create; an existing file, left by an earlier process of the stage that died, is replaced.
     * @return the counters.
     */
    public static StageCounters mapped(final Path file)
    {
        IoUtil.delete(file.toFile(), true);
        final MappedByteBuffer mapped = IoUtil.mapNewFile(file.toFile(), StageCountersFile.FILE_LENGTH);
        final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, StageCountersFile.HEADER_LENGTH);
        header.putInt(StageCountersFile.VERSION_OFFSET, StageCountersFile.VERSION);
        header.putInt(StageCountersFile.METADATA_LENGTH_OFFSET, StageCountersFile.METADATA_LENGTH);
        header.putInt(StageCountersFile.VALUES_LENGTH_OFFSET, StageCountersFile.VALUES_LENGTH);
        header.putLong(StageCountersFile.PID_OFFSET, ProcessHandle.current().pid());
        header.putLong(StageCountersFile.START_EPOCH_MS_OFFSET, System.currentTimeMillis());
        final StageCounters counters = new StageCounters(
            new UnsafeBuffer(mapped, StageCountersFile.HEADER_LENGTH, StageCountersFile.METADATA_LENGTH),
            new UnsafeBuffer(mapped, StageCountersFile.HEADER_LENGTH + StageCountersFile.METADATA_LENGTH,
                StageCountersFile.VALUES_LENGTH),
            mapped,
            file);
        header.putIntRelease(StageCountersFile.MAGIC_OFFSET, StageCountersFile.MAGIC);
        return counters;
    }

    /**
     * A counter, to update.
     *
     * @param counter which.
     * @return its handle; keep it, the lookup is not for the hot path.
     */
    public AtomicCounter get(final PipelineCounter counter)
    {
        return counters.get(counter);
    }

    /**
     * Current value of a counter.
     *
     * @param counter which.
     * @return its value.
     */
    public long value(final PipelineCounter counter)
    {
        return counters.get(counter).get();
    }

    /**
     * Unmap and delete the file, if any: the stage has ended, and a hand-started run leaves nothing behind. Readers
     * that have it mapped keep their view.
     */
    public void close()
    {
        if (null != mapped)
        {
            IoUtil.unmap(mapped);
            IoUtil.delete(file.toFile(), true);
        }
    }
}
