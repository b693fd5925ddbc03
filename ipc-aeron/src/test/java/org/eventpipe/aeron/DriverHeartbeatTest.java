package org.eventpipe.aeron;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher's reading of a media driver's heartbeat from its CnC file, against a real driver in this JVM.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class DriverHeartbeatTest
{
    private static final long ADVANCE_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(20);

    @TempDir
    Path directory;

    @Test
    void shouldHaveNoHeartbeatWhereNoDriverHasMadeItsCncFile()
    {
        assertEquals(0, new DriverHeartbeat(directory.resolve("aeron")).epochMs());
    }

    @Test
    void shouldReadTheHeartbeatTheDriverStampsOnItsTimerTicks() throws Exception
    {
        final Path aeronDir = directory.resolve("aeron");
        final long before = System.currentTimeMillis();
        try (MediaDriver ignored = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(aeronDir.toString())
            .threadingMode(ThreadingMode.SHARED)
            .timerIntervalNs(AeronConfiguration.DRIVER_TIMER_INTERVAL_NS)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)))
        {
            final DriverHeartbeat heartbeat = new DriverHeartbeat(aeronDir);
            final long first = awaitBeyond(heartbeat, 0);
            final long later = awaitBeyond(heartbeat, first);

            assertTrue(first >= before - 1_000, first + " is older than the driver (started at " + before + ")");
            assertTrue(later > first);
        }
    }

    private static long awaitBeyond(final DriverHeartbeat heartbeat, final long previous) throws InterruptedException
    {
        final long deadline = System.nanoTime() + ADVANCE_DEADLINE_NANOS;
        long value;
        while ((value = heartbeat.epochMs()) <= previous)
        {
            assertTrue(System.nanoTime() < deadline, "heartbeat stayed at " + value);
            Thread.sleep(10);
        }
        return value;
    }
}
