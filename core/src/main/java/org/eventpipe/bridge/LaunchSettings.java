package org.eventpipe.bridge;

import java.nio.file.Path;
import java.util.List;

/**
 * What the launcher gives a transport to prepare a run with.
 *
 * @param runDirectory the run's owner-only directory, removed at the end.
 * @param options      the parsed launcher options of every transport module on the class path.
 */
public record LaunchSettings(Path runDirectory, List<TransportOptions> options)
{
    /**
     * The parsed options a transport module contributed.
     *
     * @param type of the module's {@link TransportOptions}.
     * @param <T>  that type.
     * @return the options.
     * @throws IllegalStateException if the module contributed none, which is a packaging error.
     */
    public <T extends TransportOptions> T options(final Class<T> type)
    {
        for (final TransportOptions candidate : options)
        {
            if (type.isInstance(candidate))
            {
                return type.cast(candidate);
            }
        }
        throw new IllegalStateException("no " + type.getName() + " among the launcher's options: is " +
            "META-INF/services/" + TransportOptions.class.getName() + " missing from the transport's jar?");
    }
}
