package org.eventpipe.ingest;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.io.InputStream;

/**
 * Streams lines from an input stream through one fixed buffer, so memory stays bounded whatever the input size.
 * Lines end at {@code '\n'}; a final line without a terminator still counts. A line longer than the maximum line
 * length is returned with its true length but only its first maximum-line-length bytes, the rest being skipped.
 */
public final class NdjsonLineReader implements LineSource
{
    private static final int DEFAULT_CHUNK_SIZE = 1 << 20;
    private static final VarHandle LONG_VIEW =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final InputStream input;
    private final String description;
    private final int maxLineLength;
    private final byte[] chunk;

    private int start;
    private int limit;
    private int scanFrom;
    private boolean endOfInput;

    private int lineOffset;
    private int lineLength;
    private long lineNumber;

    private boolean mayBlock;

    /**
     * Create a reader.
     *
     * @param input         to read; closed by {@link #close()}.
     * @param description   of the input for reports.
     * @param maxLineLength longest line kept whole.
     */
    public NdjsonLineReader(final InputStream input, final String description, final int maxLineLength)
    {
        this.input = input;
        this.description = description;
        this.maxLineLength = maxLineLength;
        this.chunk = new byte[Math.max(DEFAULT_CHUNK_SIZE, 2 * (maxLineLength + 1))];
    }

    /**
     * {@inheritDoc}
     */
    public boolean next() throws IOException
    {
        final byte[] bytes = chunk;
        while (true)
        {
            final int newline = indexOfNewline(bytes, scanFrom, limit);
            if (newline >= 0)
            {
                return line(start, newline - start, newline + 1);
            }
            scanFrom = limit;

            if (endOfInput)
            {
                if (start < limit)
                {
                    return line(start, limit - start, limit);
                }
                return false;
            }

            if (limit - start > maxLineLength)
            {
                return skipLongLine();
            }

            if (start > 0)
            {
                final int pending = limit - start;
                System.arraycopy(bytes, start, bytes, 0, pending);
                scanFrom -= start;
                limit = pending;
                start = 0;
            }
            fill(limit);
        }
    }

    /**
     * Find the first {@code '\n'} eight bytes at a time: a byte of {@code word ^ 0x0A..0A} is zero exactly where the
     * word holds a newline, and the lowest flagged byte of the classic has-zero-byte expression is the first one.
     */
    static int indexOfNewline(final byte[] bytes, final int from, final int to)
    {
        int i = from;
        for (final int wordLimit = to - Long.BYTES; i <= wordLimit; i += Long.BYTES)
        {
            final long word = (long)LONG_VIEW.get(bytes, i) ^ NEWLINES;
            final long zeroBytes = (word - ONES) & ~word & HIGH_BITS;
            if (zeroBytes != 0)
            {
                return i + (Long.numberOfTrailingZeros(zeroBytes) >>> 3);
            }
        }
        for (; i < to; i++)
        {
            if (bytes[i] == '\n')
            {
                return i;
            }
        }
        return -1;
    }

    private boolean line(final int offset, final int length, final int nextStart)
    {
        lineOffset = offset;
        lineLength = length;
        lineNumber++;
        start = nextStart;
        scanFrom = nextStart;
        return true;
    }

    private void fill(final int at) throws IOException
    {
        final int read = input.read(chunk, at, chunk.length - at);
        if (read < 0)
        {
            endOfInput = true;
        }
        else
        {
            limit = at + read;
        }
    }

    private boolean skipLongLine() throws IOException
    {
        final byte[] bytes = chunk;
        System.arraycopy(bytes, start, bytes, 0, maxLineLength);
        long length = limit - start;
        start = 0;
        while (true)
        {
            limit = maxLineLength;
            fill(maxLineLength);
            if (endOfInput)
            {
                scanFrom = limit;
                final boolean result = line(0, clamp(length), maxLineLength);
                start = limit;
                scanFrom = limit;
                return result;
            }
            for (int i = maxLineLength; i < limit; i++)
            {
                if (bytes[i] == '\n')
                {
                    length += i - maxLineLength;
                    return line(0, clamp(length), i + 1);
                }
            }
            length += limit - maxLineLength;
        }
    }

    private static int clamp(final long length)
    {
        return (int)Math.min(length, Integer.MAX_VALUE);
    }

    /**
     * {@inheritDoc}
     */
    public byte[] lineBuffer()
    {
        return chunk;
    }

    /**
     * {@inheritDoc}
     */
    public int lineOffset()
    {
        return lineOffset;
    }

    /**
     * {@inheritDoc}
     */
    public int lineLength()
    {
        return lineLength;
    }

    /**
     * {@inheritDoc}
     */
    public long lineNumber()
    {
        return lineNumber;
    }

    /**
     * Say whether reads may wait on a producer: standard input, a pipe.
     *
     * @param mayBlock true for such an input.
     * @return this.
     */
    public NdjsonLineReader mayBlock(final boolean mayBlock)
    {
        this.mayBlock = mayBlock;
        return this;
    }

    /**
     * {@inheritDoc}
     */
    public boolean mayBlock()
    {
        return mayBlock;
    }

    /**
     * {@inheritDoc}
     */
    public boolean hasBufferedInput()
    {
        return start < limit;
    }

    /**
     * {@inheritDoc}
     */
    public String description()
    {
        return description;
    }

    /**
     * {@inheritDoc}
     */
    public void close() throws IOException
    {
        input.close();
    }
}
