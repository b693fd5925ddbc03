package org.eventpipe.chronicle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.eventpipe.bridge.Edge;
import org.eventpipe.bridge.LaunchSettings;
import org.eventpipe.bridge.SpaceNeed;
import org.eventpipe.bridge.StageLink;
import org.eventpipe.bridge.SupportProcess;
import org.eventpipe.bridge.Transport;
import org.eventpipe.bridge.TransportRun;
import org.eventpipe.cli.ExitCodes;
import org.eventpipe.cli.SpaceCheck;
import org.eventpipe.cli.UsageException;

/**
 * Stages on one host joined by Chronicle queues, one per edge, persisted in memory-mapped files: no broker, no
 * support process, and a stage that dies can be restarted and resume without loss, since every frame carries the
 * sending stage's checkpoint (see {@link org.eventpipe.recovery.StageCheckpoint}).
 * <p>
 * Files: the queues of a run go in {@code <run directory>-queues}, beside the launcher's run directory (which the
 * launcher always removes), or in {@code <--queue-dir>/<run directory name>-queues} when {@code --queue-dir} is
 * given (so that {@code --queue-dir /dev/shm} does not collide with the run directory), and no run ever resumes
 * another's queues. They are removed after a successful run unless {@code --keep-queues}, kept after a failure they
 * can explain, with their path, size and the command to remove them printed, and swept at the next start beyond a
 * limit (see {@link KeptQueues}). During a run, the parse and rules stages delete the files of
 * their input queue they have consumed (see {@link ChronicleConfiguration#DELETE_CONSUMED_PROP_NAME}); with
 * {@code --keep-queues} nothing is deleted.
 * <p>
 * The launcher side touches no Chronicle class, so the launcher JVM needs none of Chronicle's JVM flags.
 */
public final class ChronicleTransport implements Transport
{
    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return "chronicle";
    }

    /**
     * {@inheritDoc}
     */
    public String description()
    {
        return "Chronicle Queue, one persisted queue per edge (one host; stages restartable)";
    }

    /**
     * {@inheritDoc}
     */
    public TransportRun prepare(final LaunchSettings settings) throws IOException
    {
        final Map<String, String> given = passedOn();
        checkSettings(given);
        final ChronicleLaunchOptions options = settings.options(ChronicleLaunchOptions.class);
        final Path runDirectory = settings.runDirectory();
        final Path queueDirectory = null == options.queueDirectory() ?
            runDirectory.resolveSibling(runDirectory.getFileName() + ChronicleConfiguration.QUEUE_DIR_SUFFIX) :
            options.queueDirectory().resolve(runDirectory.getFileName() + ChronicleConfiguration.QUEUE_DIR_SUFFIX);
        Files.createDirectories(queueDirectory.getParent());
        Files.createDirectory(queueDirectory,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        KeptQueues.claim(queueDirectory);
        KeptQueues.sweep(queueDirectory.getParent(), runDirectory::resolveSibling, queueDirectory, System.out);
        final Map<String, String> properties = new java.util.LinkedHashMap<>();
        properties.put(ChronicleConfiguration.QUEUE_DIR_PROP_NAME, queueDirectory.toString());
        if (options.keepQueues())
        {
            properties.put(ChronicleConfiguration.DELETE_CONSUMED_PROP_NAME, "false");
        }
        properties.putAll(given);
        return new ChronicleRun(queueDirectory, options.keepQueues(), Map.copyOf(properties),
            ChronicleConfiguration.blockSize(properties));
    }

    /**
     * The chronicle settings given to the launcher as system properties, which it passes on to every stage.
     */
    private static Map<String, String> passedOn()
    {
        final Map<String, String> properties = new java.util.LinkedHashMap<>();
        for (final String name : List.of(ChronicleConfiguration.ROLL_CYCLE_PROP_NAME,
            ChronicleConfiguration.BLOCK_SIZE_PROP_NAME, ChronicleConfiguration.TIMEOUT_MS_PROP_NAME,
            ChronicleConfiguration.DELETE_CONSUMED_PROP_NAME, ChronicleConfiguration.WARM_UP_FRAMES_PROP_NAME,
            ChronicleConfiguration.MAX_LAG_BYTES_PROP_NAME, ChronicleConfiguration.POPULATE_AHEAD_PROP_NAME))
        {
            final String value = System.getProperty(name);
            if (null != value)
            {
                properties.put(name, value);
            }
        }
        return properties;
    }

    /**
     * Check the settings before any work, so that a bad one is a usage error rather than a stage that fails.
     */
    private static void checkSettings(final Map<String, String> properties)
    {
        for (final Map.Entry<String, String> setting : properties.entrySet())
        {
            final Map<String, String> one = Map.of(setting.getKey(), setting.getValue());
            try
            {
                ChronicleConfiguration.rollCycle(one);
                ChronicleConfiguration.blockSize(one);
                ChronicleConfiguration.timeoutMs(one);
                ChronicleConfiguration.warmUpFrames(one);
                ChronicleConfiguration.maxLagBytes(one);
                ChronicleConfiguration.populateAheadBytes(one);
            }
            catch (final IllegalArgumentException ex)
            {
                final String message = String.valueOf(ex.getMessage());
                throw new UsageException(message.startsWith(setting.getKey()) ? message :
                    "-D" + setting.getKey() + "=" + setting.getValue() + ": " + message);
            }
        }
    }

    /**
     * {@inheritDoc}
     */
    public StageLink connect(final String stageName, final Map<String, String> properties)
    {
        final String directory = properties.get(ChronicleConfiguration.QUEUE_DIR_PROP_NAME);
        if (null == directory)
        {
            throw new IllegalArgumentException("stage " + stageName + ": no queue directory; set -D" +
                ChronicleConfiguration.QUEUE_DIR_PROP_NAME);
        }
        return new ChronicleStageLink(stageName, Path.of(directory), properties);
    }

    static final class ChronicleRun implements TransportRun
    {
        private final Path queueDirectory;
        private final boolean keepQueues;
        private final Map<String, String> properties;
        private final long blockSize;
        private boolean cleaned;

        ChronicleRun(
            final Path queueDirectory,
            final boolean keepQueues,
            final Map<String, String> properties,
            final long blockSize)
        {
            this.queueDirectory = queueDirectory;
            this.keepQueues = keepQueues;
            this.properties = properties;
            this.blockSize = blockSize;
        }

        /**
         * The queues' estimate (see the README, "Space"): a block of the queue file (which holds the pages populated
         * ahead of the sender) and two flow control windows (what a sender may be ahead of its receiver) for each edge
         * and the warm-up queue, and per line
         * {@value ChronicleConfiguration#QUEUE_BYTES_PER_LINE_ESTIMATE} bytes for the
         * edges whose files stay to the end (rules to aggregate, which the aggregate replays after a restart, and
         * aggregate to sink, which the sink reads again); with {@code --keep-queues} no consumed file is deleted, so
         * the input's bytes and the parsed events of every edge count too.
         */
        public List<SpaceNeed> spaceNeeds(final long inputBytes, final long lines)
        {
            final long edges = Edge.values().length + 1;
            final long perEdge = blockSize + 2 * ChronicleConfiguration.maxLagBytes(properties);
            long need = edges * perEdge + lines * ChronicleConfiguration.QUEUE_BYTES_PER_LINE_ESTIMATE;
            if (keepQueues || !ChronicleConfiguration.deleteConsumed(properties))
            {
                need += inputBytes + lines * 2 * ChronicleConfiguration.QUEUE_BYTES_PER_LINE_ESTIMATE;
            }
            return List.of(new SpaceNeed(queueDirectory, need, "the chronicle queues"));
        }

        public List<SupportProcess> supportProcesses()
        {
            return List.of();
        }

        public List<String> stageJvmArguments()
        {
            return ChronicleConfiguration.JVM_FLAGS;
        }

        public Map<String, String> stageProperties()
        {
            return properties;
        }

        public boolean supportsRestart()
        {
            return true;
        }

        public String description()
        {
            return "queues in " + queueDirectory;
        }

        public List<Path> madeOutsideRunDirectory()
        {
            return List.of(queueDirectory);
        }

        public String cleanUp(final boolean succeeded)
        {
            return cleanUp(succeeded ? ExitCodes.OK : ExitCodes.FAILED);
        }

        /**
         * Keep the queues only where they can explain something: after a successful run with {@code --keep-queues},
         * and after a failure the queues hold the evidence of (a stage that died or failed, a corrupt frame, checks
         * that failed); remove them after a usage error, no space (keeping them would keep the disk full) and a
         * launcher that was stopped. Kept queues are marked for the sweep at the next start (see
         * {@link KeptQueues}), and their size and the command to remove them are printed.
         */
        public String cleanUp(final int exitStatus)
        {
            if (cleaned)
            {
                return null;
            }
            cleaned = true;
            final boolean succeeded = ExitCodes.OK == exitStatus;
            final boolean evidence = !succeeded && ExitCodes.USAGE != exitStatus &&
                ExitCodes.NO_SPACE != exitStatus && ExitCodes.LAUNCHER_GONE != exitStatus;
            if (!(succeeded && keepQueues) && !evidence)
            {
                delete(queueDirectory);
                return ExitCodes.NO_SPACE == exitStatus ? "chronicle queues " + queueDirectory +
                    " removed: no space left" : null;
            }
            try
            {
                KeptQueues.mark(queueDirectory, succeeded ? KeptQueues.REQUESTED + " (--keep-queues)" :
                    KeptQueues.AFTER_FAILURE + " (exit status " + exitStatus + ")");
            }
            catch (final IOException ignore)
            {
                // unmarked queues of a launcher that has exited are swept at the next start
            }
            return "chronicle queues kept in " + queueDirectory + (succeeded ? "" : " (run failed)") + ": " +
                SpaceCheck.bytes(KeptQueues.size(queueDirectory)) + "; remove them with: rm -rf " + queueDirectory +
                (succeeded ? "" : " (only the " + KeptQueues.MAX_KEPT_AFTER_FAILURE + " most recent failed runs' " +
                "queues are kept; older ones are removed at the next start)");
        }

        private static void delete(final Path root)
        {
            try
            {
                QueueDirectories.delete(root);
            }
            catch (final IOException ignore)
            {
                // best effort, as for the run directory
            }
        }
    }
}
