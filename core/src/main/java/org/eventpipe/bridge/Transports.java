package org.eventpipe.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds transports on the class path by name.
 */
public final class Transports
{
    private Transports()
    {
    }

    /**
     * Every transport on the class path.
     *
     * @return the transports, in class path order.
     */
    public static List<Transport> available()
    {
        final List<Transport> transports = new ArrayList<>();
        for (final Transport transport : ServiceLoader.load(Transport.class))
        {
            transports.add(transport);
        }
        return transports;
    }

    /**
     * The transport of a name.
     *
     * @param name as chosen with {@code --transport}.
     * @return the transport.
     * @throws IllegalArgumentException naming the transports available if none has that name.
     */
    /**
     * The launcher options of every transport module on the class path, each a fresh object to parse into.
     *
     * @return the options, one per module.
     */
    public static List<TransportOptions> options()
    {
        final List<TransportOptions> options = new ArrayList<>();
        for (final TransportOptions module : ServiceLoader.load(TransportOptions.class))
        {
            options.add(module);
        }
        return options;
    }

    public static Transport find(final String name)
    {
        final List<String> names = new ArrayList<>();
        for (final Transport transport : available())
        {
            if (transport.name().equals(name))
            {
                return transport;
            }
            names.add(transport.name());
        }
        throw new IllegalArgumentException("unknown transport '" + name + "'; available on this class path: " +
            (names.isEmpty() ? "none (run from ipc-aeron.jar or ipc-chronicle.jar)" : String.join(", ", names)));
    }
}
