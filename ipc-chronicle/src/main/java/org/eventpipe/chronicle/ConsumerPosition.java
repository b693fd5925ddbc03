package org.eventpipe.chronicle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Where the one consumer of a queue has read to, published for the queue's appender in another process: the flow
 * control that Chronicle Queue itself does not have (its appenders never wait, so a fast sender fills
 * {@code /dev/shm} with what a slow receiver has not read).
 * <p>
 * A file of one cache line, {@value #FILE_NAME} in the queue's directory, mapped by both sides. The consumer stores
 * the cycle and the byte offset in that cycle's file of the last excerpt it read, packed into one long with an
 * ordered store, so the appender reads it with one volatile load and never sees half of it. 0 means that the
 * consumer has read nothing since it opened the queue. Lag is measured in bytes of queue file: an appender in the
 * consumer's cycle is behind by the difference of the offsets; one cycle ahead, by at least its own offset; two or
 * more cycles ahead, by more than any window (see {@link ChronicleFrameSender}).
 */
final class ConsumerPosition implements AutoCloseable
{
    /** Name of the position file inside the queue directory (Chronicle reads only its own {@code .cq4*} files). */
    static final String FILE_NAME = "eventpipe-consumer.position";

    /** No position: the consumer has not read since it opened the queue. */
    static final long NONE = 0;

    private static final int LENGTH = 64;
    private static final int OFFSET_BITS = 33;
    private static final long OFFSET_MASK = (1L << OFFSET_BITS) - 1;

    private final MappedByteBuffer mapped;
    private final UnsafeBuffer buffer;

    private ConsumerPosition(final MappedByteBuffer mapped)
    {
        this.mapped = mapped;
        this.buffer = new UnsafeBuffer(mapped);
    }

    /**
     * Map the position file of a queue, creating it (and the directory) if it does not exist yet. Both ends may do
     * this at once: each maps the same 64 bytes, zero when new.
     *
     * @param queueDirectory of the queue.
     * @return the mapped position.
     */
    static ConsumerPosition map(final Path queueDirectory)
    {
        try
        {
            Files.createDirectories(queueDirectory);
            try (FileChannel channel = FileChannel.open(queueDirectory.resolve(FILE_NAME), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE))
            {
                return new ConsumerPosition(channel.map(FileChannel.MapMode.READ_WRITE, 0, LENGTH));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot map the consumer position of " + queueDirectory, ex);
        }
    }

    /**
     * The packed form of a position.
     *
     * @param cycle  of the queue file.
     * @param offset in that file, below 2^33 (larger offsets are clamped, which only overstates the lag).
     * @return the packed position, never {@link #NONE} for a cycle above 0.
     */
    static long pack(final int cycle, final long offset)
    {
        return ((long)cycle << OFFSET_BITS) | Math.min(offset, OFFSET_MASK);
    }

    /**
     * The cycle of a packed position.
     *
     * @param packed position.
     * @return the cycle.
     */
    static int cycle(final long packed)
    {
        return (int)(packed >>> OFFSET_BITS);
    }

    /**
     * The offset of a packed position.
     *
     * @param packed position.
     * @return the byte offset in the cycle's file.
     */
    static long offset(final long packed)
    {
        return packed & OFFSET_MASK;
    }

    /**
     * Publish where the consumer has read to.
     *
     * @param cycle  of the file of the last excerpt read.
     * @param offset of that excerpt in its file.
     */
    void publish(final int cycle, final long offset)
    {
        buffer.putLongOrdered(0, pack(cycle, offset));
    }

    /**
     * Forget the position: called when the consumer opens the queue, so that a position left by an earlier process
     * (which may lie far behind where this one will read) holds back no appender.
     */
    void reset()
    {
        buffer.putLongOrdered(0, NONE);
    }

    /**
     * The last published position.
     *
     * @return the packed position, or {@link #NONE}.
     */
    long packed()
    {
        return buffer.getLongVolatile(0);
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        IoUtil.unmap(mapped);
    }
}
