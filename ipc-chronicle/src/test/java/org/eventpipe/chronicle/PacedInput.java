package org.eventpipe.chronicle;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * An input the test writes while the run goes on: a named pipe given to the launcher as {@code --input}, written on
 * a thread of its own, so that a test decides how much of the input exists when it kills a stage. A stage cannot
 * have finished an input that has not been written yet.
 * <p>
 * The pipe is held open for reading and writing, so that opening it for reading never blocks (the launcher opens
 * the input once to check it) and a restarted ingest can open it again; the input ends when it is closed.
 */
final class PacedInput implements AutoCloseable
{
    private final Path fifo;
    private final FileChannel channel;
    private final FileInputStream unread;
    private final ExecutorService writer = Executors.newSingleThreadExecutor((runnable) ->
    {
        final Thread thread = new Thread(runnable, "paced-input-writer");
        thread.setDaemon(true);
        return thread;
    });
    private Future<?> pending;

    private PacedInput(final Path fifo, final FileChannel channel) throws IOException
    {
        this.fifo = fifo;
        this.channel = channel;
        this.unread = new FileInputStream(fifo.toFile());
    }

    /**
     * Make a named pipe and open it.
     */
    static PacedInput create(final Path fifo) throws IOException, InterruptedException
    {
        final Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", fifo.toString()).inheritIO().start();
        if (!mkfifo.waitFor(30, TimeUnit.SECONDS) || 0 != mkfifo.exitValue())
        {
            mkfifo.destroyForcibly();
            throw new IOException("mkfifo " + fifo + " failed");
        }
        return new PacedInput(fifo, FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE));
    }

    Path path()
    {
        return fifo;
    }

    /**
     * Write part of the input on the writer thread; it blocks while the pipe is full, until ingest reads.
     */
    void write(final byte[] input, final int from, final int to)
    {
        pending = writer.submit(() ->
        {
            final ByteBuffer buffer = ByteBuffer.wrap(input, from, to - from);
            while (buffer.hasRemaining())
            {
                channel.write(buffer);
            }
            return null;
        });
    }

    /**
     * Wait until what was given to {@link #write} is in the pipe.
     */
    void awaitWritten(final long timeoutMillis) throws Exception
    {
        if (null != pending)
        {
            pending.get(timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Wait until everything written is in the pipe and ingest has read all of it from the pipe (the pipe holds no
     * unread byte): nothing written can then reach a later reader of the pipe.
     */
    void awaitDrained(final long timeoutMillis) throws Exception
    {
        awaitWritten(timeoutMillis);
        final long deadline = System.currentTimeMillis() + timeoutMillis;
        while (unread.available() > 0)
        {
            if (System.currentTimeMillis() > deadline)
            {
                throw new AssertionError(unread.available() + " bytes still unread in " + fifo + " after " +
                    timeoutMillis + " ms");
            }
            Thread.sleep(5);
        }
    }

    /**
     * End the input: ingest reads the end of file once the pipe is empty.
     */
    void end() throws IOException
    {
        close();
    }

    /**
     * End the input and stop the writer.
     */
    public void close() throws IOException
    {
        writer.shutdownNow();
        unread.close();
        channel.close();
    }
}
