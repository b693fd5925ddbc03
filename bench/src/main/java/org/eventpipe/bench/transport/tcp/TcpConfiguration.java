package org.eventpipe.bench.transport.tcp;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    /** Smallest maximum frame length accepted. */
    public static final int MAX_FRAME_LENGTH_MIN = 1024;

    /** Largest maximum frame length accepted: each receiver holds twice that in one buffer. */
    public static final int MAX_FRAME_LENGTH_MAX = 64 * 1024 * 1024;

    /**
     * The settings, read and checked.
     *
     * @param maxFrameLength longest frame.
     * @param claimLength    longest frame encoded in place.
     * @param drainTimeoutMs how long a closing sender waits for its last frame to be written.
     */
    public record Settings(int maxFrameLength, int claimLength, long drainTimeoutMs)
    {
    }

    /**
     * Read and check the settings, so that a bad value is one clear line before any work.
     *
     * @param properties of the process: the launcher's system properties, or the ones a stage was started with.
     * @return the settings.
     * @throws IllegalArgumentException naming the property and the range if a value is not a number or out of range.
     */
    public static Settings settings(final Map<String, String> properties)
    {
        final int maxFrameLength = (int)checked(properties, MAX_FRAME_LENGTH_PROP_NAME, MAX_FRAME_LENGTH_DEFAULT,
            MAX_FRAME_LENGTH_MIN, MAX_FRAME_LENGTH_MAX);
        final int claimLength = (int)checked(properties, CLAIM_LENGTH_PROP_NAME,
            Math.min(CLAIM_LENGTH_DEFAULT, maxFrameLength), TcpFrameSender.HELLO_LENGTH, maxFrameLength);
        final long drainTimeoutMs = checked(properties, DRAIN_TIMEOUT_MS_PROP_NAME, DRAIN_TIMEOUT_MS_DEFAULT, 0,
            TimeUnit.HOURS.toMillis(1));
        return new Settings(maxFrameLength, claimLength, drainTimeoutMs);
    }

    private static long checked(
        final Map<String, String> properties, final String name, final long defaultValue, final long min,
        final long max)
    {
        final String text = properties.get(name);
        if (null == text)
        {
            return defaultValue;
        }
        final long value;
        try
        {
            value = Long.parseLong(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("-D" + name + " must be a number in [" + min + ", " + max + "]: " +
                text);
        }
        if (value < min || value > max)
        {
            throw new IllegalArgumentException("-D" + name + " must be in [" + min + ", " + max + "]: " + value);
        }
        return value;
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
