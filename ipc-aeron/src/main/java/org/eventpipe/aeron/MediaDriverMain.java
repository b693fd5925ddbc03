package org.eventpipe.aeron;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.ShutdownSignalBarrier;
import org.eventpipe.cli.ExitCodes;
import org.eventpipe.launch.LauncherWatch;

/**
 * A standalone media driver for one run: {@code SHARED} threading mode under a backoff idle strategy (see
 * {@link AeronConfiguration} for why), its directory from {@code -Daeron.dir}, wiped on start and deleted on shutdown.
 * Prints {@link AeronConfiguration#DRIVER_READY_LINE} once it is up and runs until SIGINT or SIGTERM. Any other
 * {@code aeron.*} system property is honoured as usual. It takes no arguments: {@code --help} prints the usage and
 * exits 0 without starting a driver, anything else is a usage error (exit 2).
 */
public final class MediaDriverMain
{
    /** What {@code --help} prints; settings are system properties, as for Aeron's own driver. */
    public static final String USAGE =
        "usage: java -Daeron.dir=DIR [-Daeron.*=...] -cp ipc-aeron.jar " + MediaDriverMain.class.getName() + "\n" +
        "  Runs one Aeron media driver (threading SHARED unless -Daeron.threading.mode says otherwise) on the\n" +
        "  directory -Daeron.dir (wiped on start, deleted on shutdown) until SIGINT or SIGTERM.\n" +
        "  It takes no arguments; every setting is an aeron.* system property.";

    private MediaDriverMain()
    {
    }

    /**
     * Run the driver, or print the usage for {@code --help}.
     *
     * @param args none, or {@code --help}.
     */
    public static void main(final String[] args)
    {
        if (1 == args.length && ("--help".equals(args[0]) || "-h".equals(args[0])))
        {
            System.out.println(USAGE);
            System.exit(ExitCodes.OK);
        }
        if (args.length > 0)
        {
            System.err.println("MediaDriverMain: error: unexpected argument '" + args[0] +
                "': it takes none, settings are -Daeron.* system properties (see --help)");
            System.exit(ExitCodes.USAGE);
        }
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
