package org.eventpipe.bench.transport.grpc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eventpipe.bridge.LaunchSettings;
import org.eventpipe.bridge.StageLink;
import org.eventpipe.bridge.SupportProcess;
import org.eventpipe.bridge.Transport;
import org.eventpipe.bridge.TransportRun;

/**
 * {@code --transport grpc}: the baseline a developer without Aeron or Chronicle would build with gRPC, as the seeds'
 * experiment did: one client-streaming call per edge on loopback, each message one SBE frame (no protobuf). No
 * support process; the receiving stage of each edge serves on {@code 127.0.0.1:0} and publishes the port in
 * {@code <run directory>/grpc/<edge>.port}, which the sending stage reads (stages start from the sink upstream, so
 * the port is there, or soon, when the sender looks). One host only; the run directory goes with the run.
 */
public final class GrpcTransport implements Transport
{
    /** Name of the transport. */
    public static final String NAME = "grpc";

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
        return "gRPC (grpc-java, Netty, plaintext loopback), one client-streaming call per edge (baseline, one host)";
    }

    /**
     * {@inheritDoc}
     */
    public TransportRun prepare(final LaunchSettings settings) throws IOException
    {
        final Path portDirectory = settings.runDirectory().resolve("grpc");
        Files.createDirectory(portDirectory,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        final Map<String, String> properties = new LinkedHashMap<>();
        properties.put(GrpcConfiguration.PORT_DIR_PROP_NAME, portDirectory.toString());
        for (final String name : GrpcConfiguration.PASSED_ON)
        {
            final String value = System.getProperty(name);
            if (null != value)
            {
                properties.put(name, value);
            }
        }
        return new GrpcRun(portDirectory, Map.copyOf(properties));
    }

    /**
     * {@inheritDoc}
     */
    public StageLink connect(final String stageName, final Map<String, String> properties)
    {
        final String directory = properties.get(GrpcConfiguration.PORT_DIR_PROP_NAME);
        if (null == directory)
        {
            throw new IllegalArgumentException("stage " + stageName + ": no port directory; set -D" +
                GrpcConfiguration.PORT_DIR_PROP_NAME);
        }
        return new GrpcStageLink(stageName, Path.of(directory), properties);
    }

    private static final class GrpcRun implements TransportRun
    {
        private final Path portDirectory;
        private final Map<String, String> properties;

        GrpcRun(final Path portDirectory, final Map<String, String> properties)
        {
            this.portDirectory = portDirectory;
            this.properties = properties;
        }

        public List<SupportProcess> supportProcesses()
        {
            return List.of();
        }

        public List<String> stageJvmArguments()
        {
            return GrpcConfiguration.JVM_FLAGS;
        }

        public Map<String, String> stageProperties()
        {
            return properties;
        }

        public String description()
        {
            return "gRPC on loopback, ports published in " + portDirectory;
        }

        public String cleanUp(final boolean succeeded)
        {
            // the port files live in the run directory, which the launcher removes
            return null;
        }
    }
}
