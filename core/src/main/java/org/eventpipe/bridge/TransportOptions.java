package org.eventpipe.bridge;

/**
 * The launcher options a transport module contributes: an object whose fields carry picocli {@code @Option}
 * annotations, found through {@link java.util.ServiceLoader} (one per module, listed in
 * {@code META-INF/services/org.eventpipe.bridge.TransportOptions}) and added to the launcher's command line as a
 * mixin. The launcher defines no option of any transport: {@code --aeron-dir} and {@code --endpoint} come from
 * {@code ipc-aeron}, {@code --queue-dir} and {@code --keep-queues} from {@code ipc-chronicle}. A transport reads its
 * module's parsed options in {@link Transport#prepare(LaunchSettings)} with {@link LaunchSettings#options(Class)}.
 */
public interface TransportOptions
{
    /**
     * Check the parsed values before any work starts.
     *
     * @throws IllegalArgumentException with one line saying what is wrong; the launcher exits 2 with it.
     */
    default void check()
    {
    }

    /**
     * Check that the options given mean something for the transport selected: an option of another transport is a
     * usage error, not silently ignored.
     *
     * @param transport name of the selected transport, e.g. {@code aeron-ipc}.
     * @throws IllegalArgumentException with one line naming the option and the transports it applies to.
     */
    default void checkFor(final String transport)
    {
    }
}
