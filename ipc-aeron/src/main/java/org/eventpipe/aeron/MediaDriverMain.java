package org.eventpipe.aeron;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.ShutdownSignalBarrier;
import org.eventpipe.launch.LauncherWatch;

/**
 * A standalone media driver for one run: {@code SHARED} threading mode under a backoff idle strategy (see
 * {@link AeronConfiguration} for why), its directory from {@code -Daeron.dir}, wiped on start and deleted on shutdown.
 * Prints {@link AeronConfiguration#DRIVER_READY_LINE} once it is up and runs until SIGINT or SIGTERM. Any other
 * {@code aeron.*} system property is honoured as usual.
 */
public final class MediaDriverMain
{
    private MediaDriverMain()
    {
    }

    /**
     * Run the driver.
     *
     * @param args ignored.
     */
    public static void main(final String[] args)
    {
        final MediaDriver.Context context = new MediaDriver.Context()
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .ipcMtuLength(AeronConfiguration.intProperty(propertiesOf(), AeronConfiguration.IPC_MTU_PROP_NAME,
                AeronConfiguration.IPC_MTU_DEFAULT));
        if (null == System.getProperty("aeron.threading.mode"))
        {
            context.threadingMode(ThreadingMode.SHARED);
        }
        if (null == System.getProperty("aeron.timer.interval"))
        {
            // the conductor stamps its heartbeat, which the launcher reads (DriverHeartbeat), on each timer tick
            context.timerIntervalNs(AeronConfiguration.DRIVER_TIMER_INTERVAL_NS);
        }
        if (null == System.getProperty("aeron.shared.idle.strategy"))
        {
            context.sharedIdleStrategy(new BackoffIdleStrategy());
        }
        // the barrier must be closed too: its shutdown hook waits for that, and on SIGTERM the JVM never exits
        // without it; resources close in reverse, so the driver closes first
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            MediaDriver driver = MediaDriver.launch(context))
        {
            System.out.println(AeronConfiguration.DRIVER_READY_LINE + " at " + driver.aeronDirectoryName() +
                " (threading " + context.threadingMode() + ")");
            System.out.flush();
            LauncherWatch.watch("media driver", barrier::signalAll);
            barrier.await();
        }
    }

    private static java.util.Map<String, String> propertiesOf()
    {
        final java.util.Map<String, String> properties = new java.util.HashMap<>();
        System.getProperties().forEach((key, value) -> properties.put(key.toString(), value.toString()));
        return properties;
    }
}
