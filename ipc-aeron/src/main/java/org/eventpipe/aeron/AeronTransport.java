package org.eventpipe.aeron;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.aeron.Aeron;
import org.eventpipe.bridge.Edge;
import org.eventpipe.bridge.LaunchSettings;
import org.eventpipe.bridge.SpaceNeed;
import org.eventpipe.bridge.StageLink;
import org.eventpipe.bridge.SupportProcess;
import org.eventpipe.bridge.Transport;
import org.eventpipe.bridge.TransportRun;

/**
 * What the Aeron IPC and UDP transports share: a standalone media driver process per run (or one already running,
 * given with {@code --aeron-dir}), and a client per stage. Subclasses only say what channel an edge uses.
 */
abstract class AeronTransport implements Transport
{
    /** Name of the media driver process the launcher starts. */
    static final String MEDIA_DRIVER = "media-driver";

    /**
     * The channel of an edge.
     *
     * @param properties of the stage process.
     * @param edge       whose channel is wanted.
     * @return an Aeron channel URI.
     */
    abstract String channel(Map<String, String> properties, Edge edge);

    /**
     * Endpoints for the edges the user named none for, chosen when a run is prepared.
     *
     * @param given the endpoints given with {@code --endpoint}, by edge name.
     * @return endpoints of other edges, by edge name; none by default.
     * @throws IOException if they cannot be chosen.
     */
    Map<String, String> defaultEndpoints(final Map<String, String> given) throws IOException
    {
        return Map.of();
    }

    /**
     * Whether the stages may be on different hosts, each with its own media driver.
     *
     * @return false by default (IPC).
     */
    boolean crossesHosts()
    {
        return false;
    }

    /**
     * {@inheritDoc}
     */
    public TransportRun prepare(final LaunchSettings settings) throws IOException
    {
        final AeronLaunchOptions options = settings.options(AeronLaunchOptions.class);
        final boolean external = null != options.aeronDirectory();
        final String aeronDir = external ? options.aeronDirectory() :
            settings.runDirectory().resolve("aeron").toString();
        final Map<String, String> properties = new LinkedHashMap<>();
        properties.put(AeronConfiguration.AERON_DIR_PROP_NAME, aeronDir);
        final Map<String, String> endpoints = new LinkedHashMap<>(defaultEndpoints(options.endpoints()));
        endpoints.putAll(options.endpoints());
        for (final Map.Entry<String, String> endpoint : endpoints.entrySet())
        {
            properties.put(AeronConfiguration.ENDPOINT_PROP_PREFIX + endpoint.getKey(), endpoint.getValue());
        }
        copySystemProperty(properties, AeronConfiguration.TERM_LENGTH_PROP_NAME);
        copySystemProperty(properties, AeronConfiguration.IPC_MTU_PROP_NAME);
        copySystemProperty(properties, AeronConfiguration.UDP_MTU_PROP_NAME);

        return new AeronRun(properties, aeronDir, external, crossesHosts());
    }

    private static void copySystemProperty(final Map<String, String> properties, final String name)
    {
        final String value = System.getProperty(name);
        if (null != value)
        {
            properties.put(name, value);
        }
    }

    /**
     * {@inheritDoc}
     */
    public StageLink connect(final String stageName, final Map<String, String> properties)
    {
        final String aeronDir = properties.get(AeronConfiguration.AERON_DIR_PROP_NAME);
        final Aeron.Context context = new Aeron.Context().clientName("eventpipe-" + stageName);
        if (null != aeronDir)
        {
            context.aeronDirectoryName(aeronDir);
        }
        final Aeron aeron = Aeron.connect(context);
        return new AeronStageLink(aeron, (edge) -> channel(properties, edge),
            (edge) -> AeronConfiguration.streamId(properties, edge));
    }

    private static final class AeronRun implements TransportRun
    {
        private static final long DRIVER_FILES_BYTES = 16L * 1024 * 1024;

        private final List<SupportProcess> support = new ArrayList<>();
        private final Map<String, String> properties;
        private final String aeronDir;
        private final boolean external;
        private final boolean crossesHosts;
        private final DriverHeartbeat driverHeartbeat;

        AeronRun(
            final Map<String, String> properties,
            final String aeronDir,
            final boolean external,
            final boolean crossesHosts)
        {
            this.properties = properties;
            this.aeronDir = aeronDir;
            this.external = external;
            this.crossesHosts = crossesHosts;
            this.driverHeartbeat = new DriverHeartbeat(Path.of(aeronDir));
            if (!external)
            {
                final List<String> jvm = new ArrayList<>(List.of(AeronConfiguration.JVM_FLAGS));
                jvm.add("-D" + AeronConfiguration.AERON_DIR_PROP_NAME + "=" + aeronDir);
                support.add(new SupportProcess(MEDIA_DRIVER, MediaDriverMain.class.getName(), jvm, List.of(),
                    AeronConfiguration.DRIVER_READY_LINE));
            }
        }

        /**
         * Over UDP, the same endpoints with the host's own media driver in {@code aeron-HOST} beside the run's
         * {@code aeron} directory (hosts that share a file system, e.g. network namespaces, must not share a driver
         * directory); a driver already running ({@code --aeron-dir}) is taken to be at that directory on every host.
         */
        public TransportRun onHost(final String host)
        {
            if (!crossesHosts)
            {
                return null;
            }
            final String hostAeronDir = external ? aeronDir :
                Path.of(aeronDir).resolveSibling(Path.of(aeronDir).getFileName() + "-" + host).toString();
            final Map<String, String> hostProperties = new LinkedHashMap<>(properties);
            hostProperties.put(AeronConfiguration.AERON_DIR_PROP_NAME, hostAeronDir);
            return new AeronRun(hostProperties, hostAeronDir, external, true);
        }

        public List<SupportProcess> supportProcesses()
        {
            return support;
        }

        public List<String> stageJvmArguments()
        {
            return List.of(AeronConfiguration.JVM_FLAGS);
        }

        public Map<String, String> stageProperties()
        {
            return properties;
        }

        public long supportHeartbeatEpochMs(final String supportProcessName)
        {
            return MEDIA_DRIVER.equals(supportProcessName) ? driverHeartbeat.epochMs() : 0;
        }

        public String description()
        {
            return (external ? "media driver already running at " : "media driver started at ") + aeronDir;
        }

        /**
         * The media driver's directory when the launcher starts the driver: at most, for each of the four edges, a
         * publication's log (three terms) and, over UDP, the receiver's image of it, plus
         * {@value #DRIVER_FILES_BYTES} bytes for the driver's own files (CnC, counters, loss report).
         */
        public List<SpaceNeed> spaceNeeds(final long inputBytes, final long lines)
        {
            if (external)
            {
                return List.of();
            }
            final long termLength = AeronConfiguration.intProperty(properties, AeronConfiguration.TERM_LENGTH_PROP_NAME,
                AeronConfiguration.TERM_LENGTH_DEFAULT);
            return List.of(new SpaceNeed(Path.of(aeronDir),
                Edge.values().length * 2L * 3 * termLength + DRIVER_FILES_BYTES, "the media driver's log buffers"));
        }

        public String cleanUp(final boolean succeeded)
        {
            if (!external)
            {
                org.agrona.IoUtil.delete(Path.of(aeronDir).toFile(), true);
            }
            return null;
        }
    }
}
