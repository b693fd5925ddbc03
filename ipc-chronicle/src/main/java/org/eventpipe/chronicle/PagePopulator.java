package org.eventpipe.chronicle;

import net.openhft.posix.PosixAPI;

/**
 * Maps the pages of a queue file ahead of its appender in one system call per step, instead of one page fault per
 * page as the appender writes them: {@code madvise(MADV_POPULATE_WRITE)} (Linux 5.14) over the next
 * {@link ChronicleConfiguration#POPULATE_AHEAD_PROP_NAME} bytes, within the chunk of the file that is mapped.
 * <p>
 * Why: a queue is an append-only file, so every byte the sender writes lands on a page it has never touched, and on a
 * paravirtualised guest each such write fault costs several microseconds; a chronicle run at batch 100 spent a fifth
 * of its CPU in them (see the README, "Where the time goes"). Aeron avoids the cost by reusing its term buffers;
 * Chronicle Queue's own pretoucher is in its enterprise edition only. Populating writes no byte: the pages of a
 * {@code /dev/shm} file read as zero whether or not they are populated, and the file does not grow.
 * <p>
 * If the kernel does not support the advice (an older kernel, or a file system without it), the populator says so
 * once on standard error and stops; the appender then faults its pages in as before. A range it cannot populate for
 * want of memory or space is skipped: the writes then meet the shortage, which the stage reports as usual.
 */
final class PagePopulator
{
    /** {@code MADV_POPULATE_WRITE} of {@code <linux/mman.h>}: fault in writable page tables without writing. */
    static final int MADV_POPULATE_WRITE = 23;

    /** The system call, replaceable in tests. */
    @FunctionalInterface
    interface Madvise
    {
        /**
         * Advise the kernel about a range of memory.
         *
         * @param address of the range, page aligned.
         * @param length  of the range in bytes.
         * @param advice  such as {@link #MADV_POPULATE_WRITE}.
         * @return 0 on success, otherwise the error number.
         */
        int madvise(long address, long length, int advice);
    }

    /** Size of a page, the unit the kernel populates. */
    static final long PAGE_SIZE = 4096;
    private static final int EINVAL = 22;
    private static final int ENOSYS = 38;

    private final long aheadBytes;
    private final Madvise madvise;
    private final String description;
    private Object populatedStore;
    private long populatedTo;
    private long calls;
    private long populatedBytes;
    private long failedCalls;
    private boolean disabled;

    /**
     * Create a populator that calls the kernel through Chronicle's POSIX binding.
     *
     * @param aheadBytes  how far ahead of a write to populate, at least one page.
     * @param description of the queue, for the message if the kernel refuses.
     * @return the populator.
     */
    static PagePopulator posix(final long aheadBytes, final String description)
    {
        return new PagePopulator(aheadBytes, PagePopulator::posixMadvise, description);
    }

    /**
     * Create a populator.
     *
     * @param aheadBytes  how far ahead of a write to populate, at least one page.
     * @param madvise     the system call.
     * @param description of the queue, for the message if the kernel refuses.
     */
    PagePopulator(final long aheadBytes, final Madvise madvise, final String description)
    {
        if (aheadBytes < PAGE_SIZE)
        {
            throw new IllegalArgumentException("populate ahead must be at least a page (" + PAGE_SIZE + "): " +
                aheadBytes);
        }
        this.aheadBytes = aheadBytes;
        this.madvise = madvise;
        this.description = description;
    }

    /**
     * Before the appender writes {@code length} bytes at {@code writePosition} of the file: populate the pages from
     * there to {@code aheadBytes} further, unless an earlier call already did. Costs one comparison when nothing is
     * to be done.
     *
     * @param store         the mapped chunk being written (a new one means a new chunk or a new file).
     * @param safeLimit     file position up to which the chunk is mapped for writing.
     * @param writePosition file position of the write.
     * @param address       memory address of {@code writePosition}.
     * @param length        of the write in bytes.
     */
    void beforeWrite(
        final Object store, final long safeLimit, final long writePosition, final long address, final int length)
    {
        if (disabled || (store == populatedStore && writePosition + length <= populatedTo))
        {
            return;
        }
        final long end = Math.min(writePosition + Math.max(aheadBytes, length), safeLimit);
        populatedStore = store;
        populatedTo = end;
        if (end <= writePosition)
        {
            return;
        }
        final long from = address & -PAGE_SIZE;
        final long rangeLength = address + (end - writePosition) - from;
        final int error = madvise.madvise(from, rangeLength, MADV_POPULATE_WRITE);
        calls++;
        if (0 == error)
        {
            populatedBytes += rangeLength;
        }
        else if (EINVAL == error || ENOSYS == error)
        {
            disabled = true;
            System.err.println(description + ": madvise(MADV_POPULATE_WRITE) is not supported here (error " + error +
                "), so the queue's pages are faulted in one at a time as they are written");
        }
        else
        {
            // no memory or no space for the range: the writes themselves will meet it, and the stage names it then
            failedCalls++;
        }
    }

    /**
     * System calls made.
     *
     * @return the count.
     */
    long calls()
    {
        return calls;
    }

    /**
     * Bytes populated.
     *
     * @return the sum of the ranges the kernel populated.
     */
    long populatedBytes()
    {
        return populatedBytes;
    }

    /**
     * System calls that failed for want of memory or space; the populator goes on, and the writes meet the shortage.
     *
     * @return the count.
     */
    long failedCalls()
    {
        return failedCalls;
    }

    /**
     * Whether the kernel does not support the advice, which stopped the populator.
     *
     * @return true once a call failed.
     */
    boolean disabled()
    {
        return disabled;
    }

    private static int posixMadvise(final long address, final long length, final int advice)
    {
        final PosixAPI posix = PosixAPI.posix();
        return 0 == posix.madvise(address, length, advice) ? 0 : Math.max(1, posix.lastError());
    }
}
