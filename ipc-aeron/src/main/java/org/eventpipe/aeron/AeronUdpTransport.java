package org.eventpipe.aeron;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eventpipe.bridge.Edge;

/**
 * Stages joined over UDP unicast, one endpoint per edge (the receiving stage's host and port), each host with its own
 * media driver: the way to spread stages over several machines. Edges without {@code --endpoint} get free loopback
 * ports, chosen afresh for every run.
 */
public final class AeronUdpTransport extends AeronTransport
{
    /** Name of the transport, as given to {@code --transport}. */
    public static final String NAME = "aeron-udp";

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return NAME;
    }

    /**
     * {@inheritDoc}
     */
    public String description()
    {
        return "Aeron UDP unicast, one endpoint per edge";
    }

    /**
     * Free loopback ports for the edges not named with {@code --endpoint}, so that two single-host runs at once do not
     * collide: each is bound to port 0 by the kernel, all four held at once so that they differ, and released for the
     * media driver to bind when the receiving stage subscribes. Another program could take one in between; that
     * fails the run at start-up naming the endpoint, as a taken {@code --endpoint} does.
     *
     * {@inheritDoc}
     */
    Map<String, String> defaultEndpoints(final Map<String, String> given) throws IOException
    {
        final Map<String, String> endpoints = new LinkedHashMap<>();
        final List<DatagramSocket> sockets = new ArrayList<>();
        try
        {
            for (final Edge edge : Edge.values())
            {
                if (!given.containsKey(edge.edgeName()))
                {
                    final DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                    sockets.add(socket);
                    endpoints.put(edge.edgeName(),
                        InetAddress.getLoopbackAddress().getHostAddress() + ":" + socket.getLocalPort());
                }
            }
        }
        finally
        {
            sockets.forEach(DatagramSocket::close);
        }
        return endpoints;
    }

    /**
     * {@inheritDoc}
     */
    boolean crossesHosts()
    {
        return true;
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
