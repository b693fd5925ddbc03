package org.eventpipe.aeron;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eventpipe.cli.ExitCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two single-host aeron-udp runs at once on their default endpoints, for real: the first run holds its endpoints
 * bound, its pipeline joined and waiting on input from a named pipe, while the second runs to its end; then the first
 * is given its input and ends. With fixed default ports the second run could not bind its endpoints.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class AeronUdpPortsTest
{
    private static final long RUN_DEADLINE_SECONDS = 60;
    private static final int HELD_RUN_LINES = 1_000;

    @TempDir
    Path workDir;

    private LauncherProcess held;
    private LauncherProcess second;

    @AfterEach
    void killLeftovers()
    {
        if (null != second)
        {
            second.destroyAll();
        }
        if (null != held)
        {
            held.destroyAll();
        }
    }

    @Test
    void shouldRunTwoDefaultAeronUdpRunsAtOnceEachOnFreeLoopbackPorts() throws Exception
    {
        final Path fifo = workDir.resolve("input.ndjson");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        final CountDownLatch feed = new CountDownLatch(1);
        final CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> feed(fifo, feed));
        try
        {
            final Path heldDir = Files.createDirectories(workDir.resolve("held"));
            held = LauncherProcess.start(heldDir, List.of("--transport", "aeron-udp", "--input", fifo.toString(),
                "--timeout-s", "100"));
            MediaDriverLivenessTest.awaitIngestReady(held);

            final Path secondDir = Files.createDirectories(workDir.resolve("second"));
            second = LauncherProcess.run(secondDir, List.of("--transport", "aeron-udp", "--events", "20000",
                "--timeout-s", "60"), RUN_DEADLINE_SECONDS);

            assertEquals(ExitCodes.OK, second.exitValue(), second.output());
            assertTrue(second.stdout().contains("checks: OK"), second.output());
            assertTrue(held.process().isAlive(), "the first run held its endpoints throughout\n" + held.output());
        }
        finally
        {
            feed.countDown();
        }
        writer.get(RUN_DEADLINE_SECONDS, TimeUnit.SECONDS);
        assertEquals(ExitCodes.OK, held.awaitExit(RUN_DEADLINE_SECONDS), held.output());
        assertTrue(held.stdout().contains("checks: OK"), held.output());
        assertEquals(HELD_RUN_LINES, held.reportedCounts().get(0), held.output());
    }

    /**
     * Open the pipe for writing (which waits for the launcher to open it), then wait to be told, and write valid lines.
     */
    private static void feed(final Path fifo, final CountDownLatch feed)
    {
        try (OutputStream out = Files.newOutputStream(fifo))
        {
            feed.await();
            final StringBuilder lines = new StringBuilder();
            for (int i = 0; i < HELD_RUN_LINES; i++)
            {
                lines.append("{\"userId\":").append(i).append(",\"type\":\"click\",\"value\":1,\"ts\":1}\n");
            }
            out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
