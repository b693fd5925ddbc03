package org.eventpipe.aeron;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.aeron.CncFileDescriptor;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The media driver's own heartbeat, read by the launcher from the driver's CnC file with plain NIO (the launcher runs
 * without the {@code --add-opens} flags Agrona's buffers need): the driver's conductor stamps the epoch millisecond
 * into the trailer of the to-driver ring buffer (the consumer heartbeat Aeron clients check the driver with) on every
 * timer tick, every {@code aeron.timer.interval} ({@link MediaDriverMain} makes that 100 ms). The file is mapped read
 * only on the first reading that finds it complete, and never written.
 */
final class DriverHeartbeat
{
    private static final VarHandle LONG_VIEW =
        MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_VIEW =
        MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final Path cncFile;
    private MappedByteBuffer cnc;
    private int heartbeatOffset;

    /**
     * A reader of the heartbeat of the driver of an Aeron directory.
     *
     * @param aeronDirectory of the driver.
     */
    DriverHeartbeat(final Path aeronDirectory)
    {
        this.cncFile = aeronDirectory.resolve(CncFileDescriptor.CNC_FILE);
    }

    /**
     * The driver's last heartbeat.
     *
     * @return its epoch millisecond, or 0 if the driver has not made its CnC file yet or has closed it.
     */
    long epochMs()
    {
        if (null == cnc && !map())
        {
            return 0;
        }
        final long heartbeat = (long)LONG_VIEW.getVolatile(cnc, heartbeatOffset);
        return Math.max(0, heartbeat);
    }

    private boolean map()
    {
        if (!Files.isRegularFile(cncFile))
        {
            return false;
        }
        try (FileChannel channel = FileChannel.open(cncFile, StandardOpenOption.READ))
        {
            final long size = channel.size();
            if (size < CncFileDescriptor.END_OF_METADATA_OFFSET)
            {
                return false;
            }
            final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            // the driver writes the version last, once the file is laid out
            if (0 == (int)INT_VIEW.getVolatile(mapped, CncFileDescriptor.CNC_VERSION_FIELD_OFFSET))
            {
                return false;
            }
            final int toDriverLength =
                (int)INT_VIEW.getVolatile(mapped, CncFileDescriptor.TO_DRIVER_BUFFER_LENGTH_FIELD_OFFSET);
            final int offset = CncFileDescriptor.END_OF_METADATA_OFFSET + toDriverLength -
                RingBufferDescriptor.TRAILER_LENGTH + RingBufferDescriptor.CONSUMER_HEARTBEAT_OFFSET;
            if (offset + Long.BYTES > size || 0 != (offset & (Long.BYTES - 1)))
            {
                return false;
            }
            heartbeatOffset = offset;
            cnc = mapped;
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }
}
