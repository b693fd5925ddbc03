package org.eventpipe.counters;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

/**
 * Reads a stage's counters file (see {@link StageCounters#mapped(Path)}) from another process while the stage runs:
 * for {@code EventpipeStat}, the launcher's progress line and its liveness check.
 */
public final class StageCountersFile implements AutoCloseable
{
    /** Suffix of a counters file; the name before it is the stage's. */
    public static final String SUFFIX = ".counters";

    static final int MAGIC = 0x45504331;
    static final int VERSION = 1;
    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    static final int METADATA_LENGTH_OFFSET = 8;
    static final int VALUES_LENGTH_OFFSET = 12;
    static final int PID_OFFSET = 16;
    static final int START_EPOCH_MS_OFFSET = 24;
    static final int HEADER_LENGTH = 64;
    static final int MAX_COUNTERS = 32;
    static final int VALUES_LENGTH = MAX_COUNTERS * CountersReader.COUNTER_LENGTH;
    static final int METADATA_LENGTH = MAX_COUNTERS * CountersReader.METADATA_LENGTH;
    static final int FILE_LENGTH = HEADER_LENGTH + METADATA_LENGTH + VALUES_LENGTH;

    private final Path file;
    private final MappedByteBuffer mapped;
    private final CountersReader reader;
    private final long pid;
    private final long startEpochMs;
    private final Map<PipelineCounter, Integer> counterIds = new EnumMap<>(PipelineCounter.class);

    private StageCountersFile(final Path file, final MappedByteBuffer mapped)
    {
        this.file = file;
        this.mapped = mapped;
        final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        final int metadataLength = header.getInt(METADATA_LENGTH_OFFSET);
        final int valuesLength = header.getInt(VALUES_LENGTH_OFFSET);
        this.pid = header.getLong(PID_OFFSET);
        this.startEpochMs = header.getLong(START_EPOCH_MS_OFFSET);
        this.reader = new CountersReader(
            new UnsafeBuffer(mapped, HEADER_LENGTH, metadataLength),
            new UnsafeBuffer(mapped, HEADER_LENGTH + metadataLength, valuesLength),
            StandardCharsets.US_ASCII);
        reader.forEach((counterId, typeId, keyBuffer, label) ->
        {
            final PipelineCounter counter = PipelineCounter.fromId(typeId);
            if (null != counter)
            {
                counterIds.put(counter, counterId);
            }
        });
    }

    /**
     * Open a counters file, if it exists and is complete.
     *
     * @param file written by a stage.
     * @return the reader, or null if the file is absent, too short, or not yet initialised.
     */
    public static StageCountersFile open(final Path file)
    {
        final File path = file.toFile();
        if (!path.isFile() || path.length() < FILE_LENGTH)
        {
            return null;
        }
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(path, "stage counters");
        final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        if (MAGIC != header.getIntVolatile(MAGIC_OFFSET) || VERSION != header.getInt(VERSION_OFFSET) ||
            HEADER_LENGTH + header.getInt(METADATA_LENGTH_OFFSET) + header.getInt(VALUES_LENGTH_OFFSET) >
            mapped.capacity())
        {
            IoUtil.unmap(mapped);
            return null;
        }
        return new StageCountersFile(file, mapped);
    }

    /**
     * The counters file of a stage in a run directory.
     *
     * @param directory of the run.
     * @param stage     name.
     * @return the path.
     */
    public static Path path(final Path directory, final String stage)
    {
        return directory.resolve(stage + SUFFIX);
    }

    /**
     * Whether a path names a counters file.
     *
     * @param file to test.
     * @return true if it has the counters suffix and is a regular file.
     */
    public static boolean isCountersFile(final Path file)
    {
        return file.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(file);
    }

    /**
     * Name of the stage, from the file name.
     *
     * @return e.g. {@code parse}.
     */
    public String stage()
    {
        final String name = file.getFileName().toString();
        return name.substring(0, name.length() - SUFFIX.length());
    }

    /**
     * Process id of the stage that wrote the file.
     *
     * @return the pid.
     */
    public long pid()
    {
        return pid;
    }

    /**
     * When the stage made the file.
     *
     * @return epoch milliseconds.
     */
    public long startEpochMs()
    {
        return startEpochMs;
    }

    /**
     * Current value of a counter.
     *
     * @param counter which.
     * @return its value, or 0 if the file has no such counter.
     */
    public long value(final PipelineCounter counter)
    {
        final Integer counterId = counterIds.get(counter);
        return null == counterId ? 0 : reader.getCounterValue(counterId);
    }

    /**
     * Every counter, with its label as stored.
     *
     * @param consumer of counter id, type id, label and value.
     */
    public void forEach(final CounterValueConsumer consumer)
    {
        reader.forEach((counterId, typeId, keyBuffer, label) ->
            consumer.accept(counterId, typeId, label, reader.getCounterValue(counterId)));
    }

    /**
     * Unmap the file.
     */
    public void close()
    {
        IoUtil.unmap(mapped);
    }

    /** Takes one counter. */
    @FunctionalInterface
    public interface CounterValueConsumer
    {
        /**
         * One counter.
         *
         * @param counterId in the file.
         * @param typeId    the {@link PipelineCounter#id()}.
         * @param label     as stored.
         * @param value     current value.
         */
        void accept(int counterId, int typeId, String label, long value);
    }
}
