package org.eventpipe.aeron;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eventpipe.bridge.Edge;
import org.eventpipe.bridge.TransportOptions;
import picocli.CommandLine.Option;

/**
 * The launcher options of the Aeron transports, contributed to {@code SplitPipeline}'s command line.
 */
public final class AeronLaunchOptions implements TransportOptions
{
    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "Aeron: use the media driver already running on DIR instead of starting one.")
    String aeronDirectory;

    @Option(names = "--endpoint", paramLabel = "EDGE=HOST:PORT",
        description = "Aeron UDP: endpoint of an edge (ingest-parse, parse-rules, rules-aggregate, aggregate-sink); " +
            "repeatable. Default: free loopback ports, chosen for each run.")
    Map<String, String> endpoints = new LinkedHashMap<>();

    /**
     * {@inheritDoc}
     */
    public void check()
    {
        for (final String edge : endpoints.keySet())
        {
            if (null == Edge.fromName(edge))
            {
                throw new IllegalArgumentException("--endpoint: unknown edge '" + edge +
                    "', expected ingest-parse, parse-rules, rules-aggregate or aggregate-sink");
            }
        }
    }

    /**
     * {@inheritDoc}
     */
    public void checkFor(final String transport)
    {
        if (!endpoints.isEmpty() && !AeronUdpTransport.NAME.equals(transport))
        {
            throw new IllegalArgumentException("--endpoint applies to --transport " + AeronUdpTransport.NAME +
                " only, not " + transport);
        }
        if (null != aeronDirectory && !transport.startsWith("aeron-"))
        {
            throw new IllegalArgumentException("--aeron-dir applies to the aeron-ipc and aeron-udp transports only, " +
                "not " + transport);
        }
    }

    /**
     * The directory of a media driver already running.
     *
     * @return the directory, or null to start one.
     */
    public String aeronDirectory()
    {
        return aeronDirectory;
    }

    /**
     * The UDP endpoints given, by edge name.
     *
     * @return the endpoints, possibly empty.
     */
    public Map<String, String> endpoints()
    {
        return endpoints;
    }
}
