package org.eventpipe.bench.transport.tcp;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eventpipe.bridge.Edge;
import org.eventpipe.stage.EdgePublisher;

/**
 * Settings of the TCP transport: each a system property name beside its default, resolved from the properties a
 * stage process was started with.
 * <p>
 * Choices: frames up to {@link EdgePublisher#MAX_STAGED_FRAME_LENGTH} (1 MiB, the most a stage's publisher ever
 * sends), so every receive buffer is sized from it; frames up to 64 KiB (like Aeron's IPC MTU) are encoded in place
 * in the sender's buffer, larger ones are written from the caller's buffer with a gathering write. Socket buffers are
 * the kernel's defaults (auto-tuned on Linux loopback); Nagle's algorithm is off, since every write is a whole frame.
 */
public final class TcpConfiguration
{
    /** Directory where each receiving stage publishes the port of its edge, one file per edge. */
    public static final String DIR_PROP_NAME = "eventpipe.tcp.dir";

    /**
     * A random number of the run that every connection presents first with its edge, so that a receiver takes only
     * its own sender, never a stray connection (a port scanner, a process of another run). Not a secret from other
     * local users: it is on the stages' command lines.
     */
    public static final String TOKEN_PROP_NAME = "eventpipe.tcp.token";

    /** Longest frame, without its 4-byte length prefix. */
    public static final String MAX_FRAME_LENGTH_PROP_NAME = "eventpipe.tcp.max.frame.length";

    /** Default longest frame: what a stage's publisher can send at most. */
    public static final int MAX_FRAME_LENGTH_DEFAULT = EdgePublisher.MAX_STAGED_FRAME_LENGTH;

    /** Longest frame encoded in place in the sender's buffer; longer ones are offered. */
    public static final String CLAIM_LENGTH_PROP_NAME = "eventpipe.tcp.claim.length";

    /** Default claim length: 64 KiB less the prefix. */
    public static final int CLAIM_LENGTH_DEFAULT = 64 * 1024 - TcpFrameReader.LENGTH_PREFIX;

    /** How long a closing sender waits for the receiver to take the rest of its last frame, in milliseconds. */
    public static final String DRAIN_TIMEOUT_MS_PROP_NAME = "eventpipe.tcp.drain.timeout.ms";

    /** Default drain timeout. */
    public static final long DRAIN_TIMEOUT_MS_DEFAULT = 10_000;

    /**
     * JVM flags every stage process needs on Java 17: not for this transport, which uses JDK classes only, but for
     * Agrona's buffers and counters in the stage layer ({@code org.agrona.UnsafeApi}).
     */
    public static final List<String> JVM_FLAGS = List.of("--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED");

    /** Suffix of the file holding an edge's port, after the edge name. */
    public static final String PORT_FILE_SUFFIX = ".port";

    private TcpConfiguration()
    {
    }

    /**
     * Integer property with a default.
     *
     * @param properties   of the process.
     * @param name         of the property.
     * @param defaultValue if absent.
     * @return the value.
     */
    public static int intProperty(final Map<String, String> properties, final String name, final int defaultValue)
    {
        final String value = properties.get(name);
        return null == value ? defaultValue : Integer.parseInt(value.trim());
    }

    /**
     * Long property with a default.
     *
     * @param properties   of the process.
     * @param name         of the property.
     * @param defaultValue if absent.
     * @return the value.
     */
    public static long longProperty(final Map<String, String> properties, final String name, final long defaultValue)
    {
        final String value = properties.get(name);
        return null == value ? defaultValue : Long.parseLong(value.trim());
    }

    /**
     * The file where the receiving stage of an edge publishes its port.
     *
     * @param directory as given by {@link #DIR_PROP_NAME}.
     * @param edge      whose file is wanted.
     * @return e.g. {@code <dir>/parse-rules.port}.
     */
    public static Path portFile(final Path directory, final Edge edge)
    {
        return directory.resolve(edge.edgeName() + PORT_FILE_SUFFIX);
    }
}
