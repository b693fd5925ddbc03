package org.eventpipe.chronicle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.eventpipe.bridge.LaunchSettings;
import org.eventpipe.bridge.StageLink;
import org.eventpipe.bridge.SupportProcess;
import org.eventpipe.bridge.Transport;
import org.eventpipe.bridge.TransportRun;

/**
 * Stages on one host joined by Chronicle queues, one per edge, persisted in memory-mapped files: no broker, no
 * support process, and a stage that dies can be restarted and resume without loss, since every frame carries the
 * sending stage's checkpoint (see {@link org.eventpipe.recovery.StageCheckpoint}).
 * <p>
 * Files: the queues of a run go in {@code <run directory>-queues}, beside the launcher's run directory (which the
 * launcher always removes), or in {@code <--queue-dir>/<run directory name>-queues} when {@code --queue-dir} is
 * given (so that {@code --queue-dir /dev/shm} does not collide with the run directory), and no run ever resumes
 * another's queues. They are removed after a successful run unless {@code --keep-queues},
 * and kept, with their path printed, after a failure. During a run, the parse and rules stages delete the files of
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
        final ChronicleLaunchOptions options = settings.options(ChronicleLaunchOptions.class);
        final Path runDirectory = settings.runDirectory();
        final Path queueDirectory = null == options.queueDirectory() ?
            runDirectory.resolveSibling(runDirectory.getFileName() + ChronicleConfiguration.QUEUE_DIR_SUFFIX) :
            options.queueDirectory().resolve(runDirectory.getFileName() + ChronicleConfiguration.QUEUE_DIR_SUFFIX);
        Files.createDirectories(queueDirectory.getParent());
        Files.createDirectory(queueDirectory,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        final Map<String, String> properties = new java.util.LinkedHashMap<>();
        properties.put(ChronicleConfiguration.QUEUE_DIR_PROP_NAME, queueDirectory.toString());
        if (options.keepQueues())
        {
            properties.put(ChronicleConfiguration.DELETE_CONSUMED_PROP_NAME, "false");
        }
        for (final String name : List.of(ChronicleConfiguration.ROLL_CYCLE_PROP_NAME,
            ChronicleConfiguration.BLOCK_SIZE_PROP_NAME, ChronicleConfiguration.TIMEOUT_MS_PROP_NAME,
            ChronicleConfiguration.DELETE_CONSUMED_PROP_NAME, ChronicleConfiguration.WARM_UP_FRAMES_PROP_NAME))
        {
            final String value = System.getProperty(name);
            if (null != value)
            {
                properties.put(name, value);
            }
        }
        return new ChronicleRun(queueDirectory, options.keepQueues(), Map.copyOf(properties));
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
        private boolean cleaned;

        ChronicleRun(final Path queueDirectory, final boolean keepQueues, final Map<String, String> properties)
        {
            this.queueDirectory = queueDirectory;
            this.keepQueues = keepQueues;
            this.properties = properties;
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
            if (cleaned)
            {
                return null;
            }
            cleaned = true;
            if (succeeded && !keepQueues)
            {
                delete(queueDirectory);
                return null;
            }
            return "chronicle queues kept in " + queueDirectory + (succeeded ? "" : " (run failed)");
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
