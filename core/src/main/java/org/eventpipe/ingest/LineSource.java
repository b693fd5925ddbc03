package org.eventpipe.ingest;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A stream of input lines, read one at a time into a buffer owned by the source. The bytes of the current line stay
 * valid until the next call to {@link #next()}.
 */
public interface LineSource extends AutoCloseable
{
    /**
     * Advance to the next line.
     *
     * @return true if a line is available, false at the end of the input.
     * @throws IOException if the input cannot be read.
     */
    boolean next() throws IOException;

    /**
     * Write all remaining lines, each ending in {@code '\n'}: how a generator's input is saved for
     * {@code --write-input}.
     *
     * @param out to write to; flushed, not closed.
     * @return number of lines written.
     * @throws IOException if reading or writing fails.
     */
    default long writeTo(final OutputStream out) throws IOException
    {
        final byte[] buffer = new byte[1 << 16];
        int used = 0;
        long written = 0;
        while (next())
        {
            final int length = lineLength();
            if (used + length + 1 > buffer.length)
            {
                out.write(buffer, 0, used);
                used = 0;
            }
            if (length + 1 > buffer.length)
            {
                out.write(lineBuffer(), lineOffset(), length);
                out.write('\n');
            }
            else
            {
                System.arraycopy(lineBuffer(), lineOffset(), buffer, used, length);
                used += length;
                buffer[used++] = '\n';
            }
            written++;
        }
        out.write(buffer, 0, used);
        out.flush();
        return written;
    }

    /**
     * Buffer holding the current line.
     *
     * @return the buffer.
     */
    byte[] lineBuffer();

    /**
     * Offset of the current line in {@link #lineBuffer()}.
     *
     * @return the offset.
     */
    int lineOffset();

    /**
     * True length of the current line without its terminator. When it exceeds the source's maximum line length only
     * the first maximum-line-length bytes are held in the buffer.
     *
     * @return the length in bytes.
     */
    int lineLength();

    /**
     * Number of the current line, starting at 1; blank lines are counted.
     *
     * @return the line number.
     */
    long lineNumber();

    /**
     * Whether another line can be returned without blocking on I/O, so a caller can flush a partial batch first.
     *
     * @return true if more input is buffered.
     */
    boolean hasBufferedInput();

    /**
     * What the source reads, for reports.
     *
     * @return a short description.
     */
    String description();

    /**
     * Whether {@link #next()} may block for long waiting on a producer (a pipe, standard input) rather than only on a
     * disk or the page cache.
     *
     * @return false by default.
     */
    default boolean mayBlock()
    {
        return false;
    }

    /**
     * Whether a line holds only JSON whitespace (or nothing), and so is skipped as blank.
     *
     * @param bytes  holding the line.
     * @param offset of the first byte.
     * @param length of the line.
     * @return true if the line is blank.
     */
    static boolean isBlank(final byte[] bytes, final int offset, final int length)
    {
        for (int i = offset, end = offset + length; i < end; i++)
        {
            final byte c = bytes[i];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            {
                return false;
            }
        }
        return true;
    }

    /**
     * {@inheritDoc}
     */
    void close() throws IOException;
}
