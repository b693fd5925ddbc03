package org.eventpipe.bridge;

import java.util.Map;

/**
 * A way to join the stage processes, found by name through {@link java.util.ServiceLoader} so that the launcher never
 * names a transport class. Implementations are listed in {@code META-INF/services/org.eventpipe.bridge.Transport}.
 * <p>
 * The launcher calls {@link #prepare(LaunchSettings)} once per run; every stage process calls
 * {@link #connect(String, Map)} to open its edges.
 */
public interface Transport
{
    /**
     * Name chosen with {@code --transport}.
     *
     * @return e.g. {@code aeron-ipc}.
     */
    String name();

    /**
     * One line saying what the transport is.
     *
     * @return the description.
     */
    String description();

    /**
     * Launcher side: make what a run needs (a media driver, a queue directory) and say how stages reach it.
     *
     * @param settings of the launch.
     * @return the prepared run, closed by the launcher at the end, also on failure.
     * @throws Exception if the run cannot be prepared.
     */
    TransportRun prepare(LaunchSettings settings) throws Exception;

    /**
     * Stage side: open the edges of one stage.
     *
     * @param stageName  of the connecting stage, for names and errors.
     * @param properties the system properties the launcher passed, see {@link TransportRun#stageProperties()}.
     * @return the link, closed by the stage when it ends.
     * @throws Exception if the transport cannot be reached.
     */
    StageLink connect(String stageName, Map<String, String> properties) throws Exception;
}
