package org.eventpipe.aeron;

import java.util.Map;

import org.eventpipe.bridge.Edge;

/**
 * Stages joined over UDP unicast, one endpoint per edge (the receiving stage's host and port), each host with its own
 * media driver: the way to spread stages over several machines. Defaults to loopback ports 20121 to 20124.
 */
public final class AeronUdpTransport extends AeronTransport
{
    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return "aeron-udp";
    }

    /**
     * {@inheritDoc}
     */
    public String description()
    {
        return "Aeron UDP unicast, one endpoint per edge";
    }

    String channel(final Map<String, String> properties, final Edge edge)
    {
        return "aeron:udp?endpoint=" + AeronConfiguration.endpoint(properties, edge) +
            "|term-length=" + AeronConfiguration.intProperty(properties, AeronConfiguration.TERM_LENGTH_PROP_NAME,
                AeronConfiguration.TERM_LENGTH_DEFAULT) +
            "|mtu=" + AeronConfiguration.intProperty(properties, AeronConfiguration.UDP_MTU_PROP_NAME,
                AeronConfiguration.UDP_MTU_DEFAULT);
    }
}
