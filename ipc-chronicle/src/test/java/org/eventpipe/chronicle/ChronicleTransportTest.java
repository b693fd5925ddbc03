package org.eventpipe.chronicle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eventpipe.bridge.LaunchSettings;
import org.eventpipe.bridge.TransportRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the transport tells the stages about consumed files: delete them by default, keep them with
 * {@code --keep-queues}; and the queue directory goes after a successful run only when it is not to be kept.
 */
final class ChronicleTransportTest
{
    @TempDir
    Path directory;

    @Test
    void shouldLetStagesDeleteConsumedFilesAndRemoveTheQueuesByDefault() throws Exception
    {
        final TransportRun run = prepare(false);
        final Map<String, String> properties = run.stageProperties();

        assertNull(properties.get(ChronicleConfiguration.DELETE_CONSUMED_PROP_NAME));
        assertTrue(ChronicleConfiguration.deleteConsumed(properties));
        final Path queues = Path.of(properties.get(ChronicleConfiguration.QUEUE_DIR_PROP_NAME));
        assertTrue(Files.isDirectory(queues));
        assertNull(run.cleanUp(true));
        assertFalse(Files.exists(queues));
    }

    @Test
    void shouldKeepConsumedFilesAndTheQueuesWithKeepQueues() throws Exception
    {
        final TransportRun run = prepare(true);
        final Map<String, String> properties = run.stageProperties();

        assertEquals("false", properties.get(ChronicleConfiguration.DELETE_CONSUMED_PROP_NAME));
        assertFalse(ChronicleConfiguration.deleteConsumed(properties));
        final Path queues = Path.of(properties.get(ChronicleConfiguration.QUEUE_DIR_PROP_NAME));
        assertTrue(run.cleanUp(true).contains(queues.toString()));
        assertTrue(Files.isDirectory(queues));
    }

    private TransportRun prepare(final boolean keepQueues) throws Exception
    {
        final ChronicleLaunchOptions options = new ChronicleLaunchOptions();
        options.keepQueues = keepQueues;
        return new ChronicleTransport().prepare(new LaunchSettings(directory.resolve("run"), List.of(options)));
    }
}
