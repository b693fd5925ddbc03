package org.eventpipe.bench.transport.tcp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eventpipe.bridge.LaunchSettings;
import org.eventpipe.bridge.StageLink;
import org.eventpipe.bridge.SupportProcess;
import org.eventpipe.bridge.Transport;
import org.eventpipe.bridge.TransportRun;
import org.eventpipe.cli.UsageException;

/**
 * The baseline a developer without Aeron or Chronicle would write: the same SBE frames over plain JDK
 * {@link java.nio.channels.SocketChannel}s on loopback, one connection per edge, each frame a 4-byte length and its
 * bytes. No support process.
 * <p>
 * Ports: each receiving stage binds {@code 127.0.0.1:0}, so the kernel picks a free port and no other process can take
 * it between choosing and binding, and publishes it in {@code <run directory>/tcp/<edge>.port}; the sending stage
 * connects once the file is there, within the stage's connect timeout. (The launcher choosing ports would have to
 * bind, close, and hope nobody takes them before the stages bind again.) Stages start from the sink upstream, so the
 * file is there when the sender looks. The run's random token and the edge, sent first on every connection, keep a
 * stray connection from being taken for the sender.
 */
public final class TcpTransport implements Transport
{
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return "tcp";
    }

    /**
     * {@inheritDoc}
     */
    public String description()
    {
        return "plain JDK SocketChannels on loopback, one connection per edge (baseline)";
    }

    /**
     * {@inheritDoc}
     *
     * @throws UsageException if a {@code -Deventpipe.tcp.*} setting of the launcher is out of range.
     */
    public TransportRun prepare(final LaunchSettings settings) throws IOException
    {
        final Map<String, String> launcherProperties = new HashMap<>();
        System.getProperties().forEach((key, value) -> launcherProperties.put(key.toString(), value.toString()));
        try
        {
            TcpConfiguration.settings(launcherProperties);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UsageException(ex.getMessage());
        }
        final Path directory = settings.runDirectory().resolve("tcp");
        Files.createDirectories(directory);
        final Map<String, String> properties = new LinkedHashMap<>();
        properties.put(TcpConfiguration.DIR_PROP_NAME, directory.toString());
        properties.put(TcpConfiguration.TOKEN_PROP_NAME, Long.toString(RANDOM.nextLong()));
        for (final String name : List.of(TcpConfiguration.MAX_FRAME_LENGTH_PROP_NAME,
            TcpConfiguration.CLAIM_LENGTH_PROP_NAME, TcpConfiguration.DRAIN_TIMEOUT_MS_PROP_NAME))
        {
            final String value = System.getProperty(name);
            if (null != value)
            {
                properties.put(name, value);
            }
        }
        return new TcpRun(directory, Map.copyOf(properties));
    }

    /**
     * {@inheritDoc}
     */
    public StageLink connect(final String stageName, final Map<String, String> properties)
    {
        final String directory = properties.get(TcpConfiguration.DIR_PROP_NAME);
        final String token = properties.get(TcpConfiguration.TOKEN_PROP_NAME);
        if (null == directory || null == token)
        {
            throw new IllegalArgumentException("the tcp transport needs -D" + TcpConfiguration.DIR_PROP_NAME +
                " and -D" + TcpConfiguration.TOKEN_PROP_NAME + " (the launcher passes them)");
        }
        final TcpConfiguration.Settings tcp = TcpConfiguration.settings(properties);
        return new TcpStageLink(stageName, Path.of(directory), Long.parseLong(token.trim()), tcp.maxFrameLength(),
            tcp.claimLength(), tcp.drainTimeoutMs());
    }

    private static final class TcpRun implements TransportRun
    {
        private final Path directory;
        private final Map<String, String> properties;

        TcpRun(final Path directory, final Map<String, String> properties)
        {
            this.directory = directory;
            this.properties = properties;
        }

        public List<SupportProcess> supportProcesses()
        {
            return List.of();
        }

        public List<String> stageJvmArguments()
        {
            return TcpConfiguration.JVM_FLAGS;
        }

        public Map<String, String> stageProperties()
        {
            return properties;
        }

        public String description()
        {
            return "loopback TCP, ports published in " + directory;
        }

        public String cleanUp(final boolean succeeded)
        {
            // the port files live in the run directory, which the launcher removes
            return null;
        }
    }
}
