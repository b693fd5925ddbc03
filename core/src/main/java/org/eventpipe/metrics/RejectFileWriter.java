package org.eventpipe.metrics;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eventpipe.model.RejectReason;

/**
 * Writes rejected lines as {@code lineNumber<TAB>REASON<TAB>line}, one per line, the line cut to
 * {@link #MAX_LINE_BYTES} bytes.
 */
public final class RejectFileWriter implements RejectSink, AutoCloseable
{
    /** Longest excerpt of a rejected line written. */
    public static final int MAX_LINE_BYTES = 512;

    private final OutputStream out;
    private final Path file;

    /**
     * Open a reject file, truncating it.
     *
     * @param file to write.
     * @throws IOException if it cannot be opened.
     */
    public RejectFileWriter(final Path file) throws IOException
    {
        this.file = file;
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    }

    /**
     * {@inheritDoc}
     */
    public void onReject(
        final long lineNumber, final RejectReason reason, final byte[] line, final int offset, final int length)
    {
        try
        {
            out.write(Long.toString(lineNumber).getBytes(StandardCharsets.US_ASCII));
            out.write('\t');
            out.write(reason.name().getBytes(StandardCharsets.US_ASCII));
            out.write('\t');
            out.write(line, offset, Math.min(length, MAX_LINE_BYTES));
            out.write('\n');
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("failed writing rejects to " + file, ex);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void close() throws IOException
    {
        out.close();
    }
}
