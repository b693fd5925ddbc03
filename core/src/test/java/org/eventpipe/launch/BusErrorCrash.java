package org.eventpipe.launch;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import sun.misc.Unsafe;

/**
 * A JVM that crashes the way a stage does when a Chronicle queue rolls on a full file system: a compare-and-set
 * through {@code Unsafe}, inside the VM, on a mapped page the kernel cannot back (here, past the end of a file that
 * was truncated after it was mapped), which is a SIGBUS that HotSpot does not turn into an {@link InternalError} but
 * dies of, writing its fatal error log.
 */
final class BusErrorCrash
{
    private BusErrorCrash()
    {
    }

    /**
     * Map the file given, truncate it, and compare-and-set its first word.
     *
     * @param args the file to map, made if absent.
     * @throws Exception if the file cannot be mapped; the crash itself does not return.
     */
    public static void main(final String[] args) throws Exception
    {
        final Field field = Unsafe.class.getDeclaredField("theUnsafe");
        field.setAccessible(true);
        final Unsafe unsafe = (Unsafe)field.get(null);
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE,
            StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final MappedByteBuffer mapped = map(channel);
            final long address = unsafe.getLong(mapped, unsafe.objectFieldOffset(Buffer.class.getDeclaredField(
                "address")));
            channel.truncate(0);
            unsafe.compareAndSwapInt(null, address, 0, 1);
            System.out.println("no crash: the page was backed " + mapped.capacity());
        }
    }

    private static MappedByteBuffer map(final FileChannel channel) throws IOException
    {
        final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, 4096);
        mapped.put(0, (byte)1);
        return mapped;
    }
}
