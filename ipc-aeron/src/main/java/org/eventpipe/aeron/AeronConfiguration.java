package org.eventpipe.aeron;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eventpipe.bridge.Edge;

/**
 * Settings of the Aeron transports: each a system property name beside its default, resolved from the properties a
 * stage process was started with.
 * <p>
 * Choices for a 2-core machine: the media driver runs in {@code SHARED} threading mode (conductor, sender and receiver
 * on one thread) under a backoff idle strategy, because five stage processes already compete for two cores and IPC
 * needs almost nothing from the driver. Terms are 8 MiB: three terms per stream keep the four streams' log buffers
 * at about 100 MiB of {@code /dev/shm} while allowing frames up to 1 MiB (a term / 8). The IPC MTU is 65,504 bytes,
 * Aeron's largest, so that {@code tryClaim} (limited to one MTU) takes batch frames of up to ~1,900 parsed events or
 * ~800 raw lines in place; larger frames are offered and fragmented.
 */
public final class AeronConfiguration
{
    /** Aeron directory of the media driver the stages connect to. */
    public static final String AERON_DIR_PROP_NAME = "aeron.dir";

    /** Term length of every stream. */
    public static final String TERM_LENGTH_PROP_NAME = "eventpipe.aeron.term.length";

    /** Default term length: 8 MiB. */
    public static final int TERM_LENGTH_DEFAULT = 8 * 1024 * 1024;

    /** MTU of IPC streams, which bounds the frames {@code tryClaim} can take in place. */
    public static final String IPC_MTU_PROP_NAME = "eventpipe.aeron.ipc.mtu";

    /** Default IPC MTU: Aeron's maximum. */
    public static final int IPC_MTU_DEFAULT = 65_504;

    /** MTU of UDP streams. */
    public static final String UDP_MTU_PROP_NAME = "eventpipe.aeron.udp.mtu";

    /** Default UDP MTU: Aeron's default, safe on an Ethernet network; raise it on loopback or jumbo frames. */
    public static final int UDP_MTU_DEFAULT = 1408;

    /** Prefix of the per-edge UDP endpoint properties, e.g. {@code eventpipe.aeron.endpoint.parse-rules}. */
    public static final String ENDPOINT_PROP_PREFIX = "eventpipe.aeron.endpoint.";

    /** Stream id of the first edge; the others follow in pipeline order. */
    public static final String STREAM_ID_BASE_PROP_NAME = "eventpipe.aeron.stream.id.base";

    /** Default stream id of the first edge, ingest-parse. */
    public static final int STREAM_ID_BASE_DEFAULT = 1001;

    /** Host of the default UDP endpoints. */
    public static final String ENDPOINT_HOST_DEFAULT = "localhost";

    /** First port of the default UDP endpoints, one per edge in pipeline order. */
    public static final int ENDPOINT_BASE_PORT_DEFAULT = 20121;

    /** Threading mode of the media driver the launcher starts. */
    public static final String THREADING_MODE_DEFAULT = "SHARED";

    /** Idle strategy of the shared driver thread. */
    public static final String DRIVER_IDLE_STRATEGY_DEFAULT = "backoff";

    /**
     * Timer interval of the media driver the launcher starts, unless {@code -Daeron.timer.interval} says otherwise:
     * the driver's heartbeat in its CnC file, which the launcher watches, is stamped on each tick, so a tick of 100 ms
     * (Aeron's default is 1 s) keeps a healthy driver's heartbeat far younger than the launcher's hung deadline.
     */
    public static final long DRIVER_TIMER_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(100);

    /** Line the media driver process prints when it is ready. */
    public static final String DRIVER_READY_LINE = "eventpipe media driver ready";

    /** JVM flags Agrona and Aeron need on Java 17. */
    public static final String[] JVM_FLAGS = {
        "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "--add-opens", "java.base/java.util.zip=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED" };

    private AeronConfiguration()
    {
    }

    /**
     * Integer property with a default.
     *
     * @param properties of the process.
     * @param name       of the property.
     * @param defaultValue if absent.
     * @return the value.
     */
    public static int intProperty(final Map<String, String> properties, final String name, final int defaultValue)
    {
        final String value = properties.get(name);
        return null == value ? defaultValue : Integer.parseInt(value.trim());
    }

    /**
     * The stream id of an edge: the base, plus the edge's place in the pipeline.
     *
     * @param properties of the process.
     * @param edge       whose stream id is wanted.
     * @return the stream id.
     */
    public static int streamId(final Map<String, String> properties, final Edge edge)
    {
        return intProperty(properties, STREAM_ID_BASE_PROP_NAME, STREAM_ID_BASE_DEFAULT) + edge.ordinal();
    }

    /**
     * The UDP endpoint of an edge.
     *
     * @param properties of the process.
     * @param edge       whose endpoint is wanted.
     * @return {@code host:port}.
     */
    public static String endpoint(final Map<String, String> properties, final Edge edge)
    {
        final String configured = properties.get(ENDPOINT_PROP_PREFIX + edge.edgeName());
        return null != configured ? configured :
            ENDPOINT_HOST_DEFAULT + ":" + (ENDPOINT_BASE_PORT_DEFAULT + edge.ordinal());
    }
}
