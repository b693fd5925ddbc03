package org.eventpipe.bench.transport.grpc;

import java.util.List;
import java.util.Map;

import org.eventpipe.bridge.Edge;

/**
 * Every setting of the gRPC transport, each a system property name and its default, resolved in one place. The
 * launcher passes the ones that are set on to the stages ({@link GrpcTransport#prepare}).
 */
public final class GrpcConfiguration
{
    /**
     * Directory where the receiving stage of each edge writes the port it bound ({@code <edge>.port}) and the sending
     * stage reads it; set by the launcher to {@code <run directory>/grpc}.
     */
    public static final String PORT_DIR_PROP_NAME = "eventpipe.grpc.port.dir";

    /** Frames the receiving side may hold between gRPC's thread and the stage's poll loop. */
    public static final String RECEIVE_QUEUE_FRAMES_PROP_NAME = "eventpipe.grpc.receive.queue.frames";

    /** Default: 128 frames, so a receiver holds at most 128 frames plus gRPC's HTTP/2 window (1 MiB). */
    public static final int RECEIVE_QUEUE_FRAMES_DEFAULT = 128;

    /** Longest frame a sender sends and a receiver accepts (gRPC's maximum inbound message size). */
    public static final String MAX_FRAME_LENGTH_PROP_NAME = "eventpipe.grpc.max.frame.length";

    /** Default: 1 MiB, the longest frame a stage stages ({@code EdgePublisher.MAX_STAGED_FRAME_LENGTH}). */
    public static final int MAX_FRAME_LENGTH_DEFAULT = 1 << 20;

    /**
     * How long a sender waits when it closes for the receiver to acknowledge the end of its call, so that the process
     * does not exit before gRPC has written the last frames. gRPC tells the receiver of the half-close only once it
     * has taken every frame before it, so a sender whose receiver is behind (up to its queue and gRPC's 1 MiB HTTP/2
     * window of frames) waits for it to catch up; a receiver that dies ends the wait at once, and one that hangs is
     * named by the launcher. A sender that gives up cancels its call, and the receiver fails loudly: nothing is lost
     * silently.
     */
    public static final String CLOSE_TIMEOUT_MS_PROP_NAME = "eventpipe.grpc.close.timeout.ms";

    /** Default: 120 s. */
    public static final long CLOSE_TIMEOUT_MS_DEFAULT = 120_000;

    /**
     * Bytes gRPC may buffer on a sending call before {@code isReady()} turns false (gRPC's
     * {@code CallOptions.withOnReadyThreshold}); unset, gRPC's default of 32 KiB.
     */
    public static final String ON_READY_THRESHOLD_PROP_NAME = "eventpipe.grpc.on.ready.threshold";

    /** Default: 0, gRPC's own threshold. */
    public static final int ON_READY_THRESHOLD_DEFAULT = 0;

    /** The gRPC service every receiving stage serves: one client-streaming method, frames in, one empty reply. */
    public static final String SERVICE_NAME = "eventpipe.EdgeStream";

    /** The method of {@link #SERVICE_NAME}. */
    public static final String METHOD_NAME = "Frames";

    /**
     * JVM flags of the stage processes: Agrona's, as for the Aeron transports. gRPC's shaded Netty needs none; without
     * {@code --add-opens java.base/java.nio} it uses no reflection on direct buffers, as most users run it.
     */
    public static final List<String> JVM_FLAGS = List.of(
        "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "--add-opens", "java.base/java.util.zip=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED");

    /** Settings copied from the launcher's system properties to every stage's. */
    static final List<String> PASSED_ON = List.of(
        RECEIVE_QUEUE_FRAMES_PROP_NAME, MAX_FRAME_LENGTH_PROP_NAME, CLOSE_TIMEOUT_MS_PROP_NAME,
        ON_READY_THRESHOLD_PROP_NAME);

    private GrpcConfiguration()
    {
    }

    /**
     * The file in which the receiving stage of an edge publishes its port.
     *
     * @param edge whose port.
     * @return the file name, e.g. {@code parse-rules.port}.
     */
    public static String portFileName(final Edge edge)
    {
        return edge.edgeName() + ".port";
    }

    /**
     * Receive queue capacity.
     *
     * @param properties of the stage.
     * @return frames, a power of two at least 2.
     */
    static int receiveQueueFrames(final Map<String, String> properties)
    {
        final int frames = intProperty(properties, RECEIVE_QUEUE_FRAMES_PROP_NAME, RECEIVE_QUEUE_FRAMES_DEFAULT);
        if (frames < 2 || Integer.bitCount(frames) != 1)
        {
            throw new IllegalArgumentException(RECEIVE_QUEUE_FRAMES_PROP_NAME + " must be a power of two >= 2: " +
                frames);
        }
        return frames;
    }

    /**
     * Longest frame.
     *
     * @param properties of the stage.
     * @return bytes.
     */
    static int maxFrameLength(final Map<String, String> properties)
    {
        final int length = intProperty(properties, MAX_FRAME_LENGTH_PROP_NAME, MAX_FRAME_LENGTH_DEFAULT);
        if (length < 1024)
        {
            throw new IllegalArgumentException(MAX_FRAME_LENGTH_PROP_NAME + " must be at least 1024: " + length);
        }
        return length;
    }

    /**
     * On-ready threshold of a sending call.
     *
     * @param properties of the stage.
     * @return bytes, or 0 for gRPC's default.
     */
    static int onReadyThreshold(final Map<String, String> properties)
    {
        final int bytes = intProperty(properties, ON_READY_THRESHOLD_PROP_NAME, ON_READY_THRESHOLD_DEFAULT);
        if (bytes < 0)
        {
            throw new IllegalArgumentException(ON_READY_THRESHOLD_PROP_NAME + " must not be negative: " + bytes);
        }
        return bytes;
    }

    /**
     * Close timeout.
     *
     * @param properties of the stage.
     * @return milliseconds.
     */
    static long closeTimeoutMs(final Map<String, String> properties)
    {
        final String value = properties.get(CLOSE_TIMEOUT_MS_PROP_NAME);
        try
        {
            return null == value ? CLOSE_TIMEOUT_MS_DEFAULT : Long.parseLong(value.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(CLOSE_TIMEOUT_MS_PROP_NAME + " is not a number: " + value, ex);
        }
    }

    private static int intProperty(final Map<String, String> properties, final String name, final int defaultValue)
    {
        final String value = properties.get(name);
        try
        {
            return null == value ? defaultValue : Integer.parseInt(value.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(name + " is not a number: " + value, ex);
        }
    }
}
