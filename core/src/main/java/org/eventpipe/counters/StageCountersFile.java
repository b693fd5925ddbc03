package org.eventpipe.counters;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumMap;
import java.util.Map;

import org.agrona.concurrent.status.CountersReader;

/**
 * Reads a stage's counters file (see {@link StageCounters#mapped(Path)}) from another process while the stage runs:
 * for {@code EventpipeStat}, the launcher's progress line and its liveness check.
 * <p>
 * It reads the {@code CountersManager} layout with plain {@code java.nio} (values with volatile reads through a
 * {@link VarHandle}), not with Agrona's buffers: the launcher and {@code EventpipeStat} then need no
 * {@code --add-opens} flag. Only compile-time constants of {@link CountersReader} are used, which load no Agrona class.
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

    private static final VarHandle LONG_VIEW =
        MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INT_VIEW =
        MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private final Path file;
    private final ByteBuffer mapped;
    private final int metadataOffset;
    private final int valuesOffset;
    private final int records;
    private final long pid;
    private final long startEpochMs;
    private final Map<PipelineCounter, Integer> counterIds = new EnumMap<>(PipelineCounter.class);

    private StageCountersFile(final Path file, final ByteBuffer mapped)
    {
        this.file = file;
        this.mapped = mapped;
        final int metadataLength = mapped.getInt(METADATA_LENGTH_OFFSET);
        this.metadataOffset = HEADER_LENGTH;
        this.valuesOffset = HEADER_LENGTH + metadataLength;
        this.records = Math.min(metadataLength / CountersReader.METADATA_LENGTH,
            mapped.getInt(VALUES_LENGTH_OFFSET) / CountersReader.COUNTER_LENGTH);
        this.pid = mapped.getLong(PID_OFFSET);
        this.startEpochMs = mapped.getLong(START_EPOCH_MS_OFFSET);
        for (int counterId = 0; counterId < records; counterId++)
        {
            if (isAllocated(counterId))
            {
                final PipelineCounter counter = PipelineCounter.fromId(typeId(counterId));
                if (null != counter)
                {
                    counterIds.put(counter, counterId);
                }
            }
        }
    }

    /**
     * Open a counters file, if it exists and is complete.
     *
     * @param file written by a stage.
     * @return the reader, or null if the file is absent, too short, or not yet initialised.
     */
    public static StageCountersFile open(final Path file)
    {
        final MappedByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            if (channel.size() < FILE_LENGTH)
            {
                return null;
            }
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, FILE_LENGTH);
        }
        catch (final IOException ex)
        {
            return null;
        }
        mapped.order(ByteOrder.nativeOrder());
        if (MAGIC != (int)INT_VIEW.getVolatile(mapped, MAGIC_OFFSET) || VERSION != mapped.getInt(VERSION_OFFSET) ||
            METADATA_LENGTH != mapped.getInt(METADATA_LENGTH_OFFSET) ||
            VALUES_LENGTH != mapped.getInt(VALUES_LENGTH_OFFSET))
        {
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
        return null == counterId ? 0 : value(counterId);
    }

    /**
     * Every counter, with its label as stored.
     *
     * @param consumer of counter id, type id, label and value.
     */
    public void forEach(final CounterValueConsumer consumer)
    {
        for (int counterId = 0; counterId < records; counterId++)
        {
            if (isAllocated(counterId))
            {
                consumer.accept(counterId, typeId(counterId), label(counterId), value(counterId));
            }
        }
    }

    /**
     * Nothing to release: {@code java.nio} unmaps the file when the buffer is collected. For try-with-resources.
     */
    public void close()
    {
    }

    private boolean isAllocated(final int counterId)
    {
        final int recordOffset = metadataOffset + counterId * CountersReader.METADATA_LENGTH;
        return CountersReader.RECORD_ALLOCATED == (int)INT_VIEW.getVolatile(mapped, recordOffset);
    }

    private int typeId(final int counterId)
    {
        return mapped.getInt(metadataOffset + counterId * CountersReader.METADATA_LENGTH +
            CountersReader.TYPE_ID_OFFSET);
    }

    private String label(final int counterId)
    {
        final int labelOffset = metadataOffset + counterId * CountersReader.METADATA_LENGTH +
            CountersReader.LABEL_OFFSET;
        final int length = Math.max(0, Math.min(mapped.getInt(labelOffset), CountersReader.MAX_LABEL_LENGTH));
        final byte[] bytes = new byte[length];
        mapped.get(labelOffset + Integer.BYTES, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private long value(final int counterId)
    {
        return (long)LONG_VIEW.getVolatile(mapped, valuesOffset + counterId * CountersReader.COUNTER_LENGTH);
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
