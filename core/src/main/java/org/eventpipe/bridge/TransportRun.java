package org.eventpipe.bridge;

import java.util.List;
import java.util.Map;

/**
 * What a transport prepared for one run of the split pipeline, and how to undo it.
 */
public interface TransportRun extends AutoCloseable
{
    /**
     * Processes the launcher starts before the stages, such as a media driver.
     *
     * @return the support processes, possibly empty.
     */
    List<SupportProcess> supportProcesses();

    /**
     * JVM arguments every stage process needs, such as {@code --add-opens} flags.
     *
     * @return the arguments.
     */
    List<String> stageJvmArguments();

    /**
     * System properties passed to every stage process with {@code -D}, read back by
     * {@link Transport#connect(String, java.util.Map)}.
     *
     * @return the properties.
     */
    Map<String, String> stageProperties();

    /**
     * Whether a stage that died may be started again and resume without loss.
     *
     * @return true if the transport persists frames and stages checkpoint their progress.
     */
    default boolean supportsRestart()
    {
        return false;
    }

    /**
     * The heartbeat of a support process, read without the data path, so that the launcher can name one that is alive
     * but has stopped working (a {@code SIGSTOP}, a livelock) as it names a hung stage.
     *
     * @param supportProcessName as in {@link SupportProcess#name()}.
     * @return the epoch millisecond of its last beat, or 0 if it has none (not yet, or no heartbeat at all).
     */
    default long supportHeartbeatEpochMs(final String supportProcessName)
    {
        return 0;
    }

    /**
     * One line for the report, e.g. where the media driver directory is.
     *
     * @return the description.
     */
    String description();

    /**
     * What a run started by hand from {@code --print-commands} leaves behind outside the run directory, for the user
     * to remove afterwards (e.g. a queue directory).
     *
     * @return the paths, empty by default.
     */
    default List<java.nio.file.Path> madeOutsideRunDirectory()
    {
        return List.of();
    }

    /**
     * This run as seen from one of several hosts, for {@code --print-commands --host}: the same stage properties (e.g.
     * endpoints) but the host's own support processes and directories, e.g. its own media driver in its own directory.
     * The default, for a transport whose stages cannot be on different hosts, is none.
     *
     * @param host name of the host, a file name.
     * @return the run on that host, or null if the transport cannot spread its stages over hosts.
     */
    default TransportRun onHost(final String host)
    {
        return null;
    }

    /**
     * The space the transport's files of this run will need, checked before any process starts. The default needs
     * none beyond the run directory.
     *
     * @param inputBytes the input's size, or an estimate for generated events; 0 if unknown (a pipe).
     * @param lines      lines the run will read, or an estimate; 0 if unknown.
     * @return the needs, possibly empty.
     */
    default List<SpaceNeed> spaceNeeds(final long inputBytes, final long lines)
    {
        return List.of();
    }

    /**
     * Remove what the run made, or keep it after a failure when the transport says so, knowing how the run ended: the
     * default keeps what {@link #cleanUp(boolean)} keeps.
     *
     * @param exitStatus the launcher's status, or for a failed stage that stage's status (see
     *                   {@code org.eventpipe.cli.ExitCodes}), which says whether what was kept can explain it.
     * @return a line to tell the user (e.g. where kept files are), or null.
     */
    default String cleanUp(final int exitStatus)
    {
        return cleanUp(0 == exitStatus);
    }

    /**
     * Remove what the run made, or keep it after a failure when the transport says so.
     *
     * @param succeeded whether the run succeeded.
     * @return a line to tell the user (e.g. where kept files are), or null.
     */
    String cleanUp(boolean succeeded);

    /**
     * Clean up as after a failure.
     */
    default void close()
    {
        cleanUp(false);
    }
}
