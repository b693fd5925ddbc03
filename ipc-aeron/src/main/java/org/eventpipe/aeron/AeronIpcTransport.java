package org.eventpipe.aeron;

import java.util.Map;

import org.eventpipe.bridge.Edge;

/**
 * Stages on one host joined through the media driver's shared-memory IPC log buffers.
 */
public final class AeronIpcTransport extends AeronTransport
{
    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return "aeron-ipc";
    }

    /**
     * {@inheritDoc}
     */
    public String description()
    {
        return "Aeron IPC through a media driver (one host)";
    }

    String channel(final Map<String, String> properties, final Edge edge)
    {
        return "aeron:ipc?term-length=" +
            AeronConfiguration.intProperty(properties, AeronConfiguration.TERM_LENGTH_PROP_NAME,
                AeronConfiguration.TERM_LENGTH_DEFAULT) +
            "|mtu=" + AeronConfiguration.intProperty(properties, AeronConfiguration.IPC_MTU_PROP_NAME,
                AeronConfiguration.IPC_MTU_DEFAULT);
    }
}
