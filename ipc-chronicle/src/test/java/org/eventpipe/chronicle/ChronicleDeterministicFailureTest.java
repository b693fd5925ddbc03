package org.eventpipe.chronicle;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A failure that replaying cannot change stops the run at once, even with {@code --restart-on-failure}: the
 * aggregate drops one event in a thousand (test-only fault injection), so the sink's checks fail; the sink exits 4
 * (checks failed) and is not restarted, the launcher prints the report and exits 1, and the queues, which hold the
 * evidence, are kept, marked, and printed with their size and the command that removes them. The next run in the
 * same directory sweeps the queues of a launcher that no longer runs.
 */
final class ChronicleDeterministicFailureTest
{
    private static final Pattern KEPT = Pattern.compile(
        "(?m)^chronicle queues kept in (\\S+) \\(run failed\\): [0-9.]+ (KiB|MiB); remove them with: rm -rf (\\S+) " +
        "\\(only the 2 most recent failed runs' queues are kept; older ones are removed at the next start\\)$");

    @TempDir
    Path directory;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldNotRestartTheSinkWhenItsChecksFailAndKeepTheQueuesWithTheirSizeAndHowToRemoveThem() throws Exception
    {
        final Path output = directory.resolve("split.out");
        final Path queueDir = Files.createDirectory(directory.resolve("queues"));
        final Path orphan = Files.createDirectory(queueDir.resolve("eventpipe-1-queues"));
        Files.writeString(orphan.resolve(KeptQueues.OWNER), "2147483646\n", StandardCharsets.UTF_8);
        Files.write(orphan.resolve("data.cq4"), new byte[4096]);
        final Process launcher = SplitRuns.start(output, "--transport", "chronicle", "--restart-on-failure",
            "--queue-dir", queueDir.toString(), "--events", "20000",
            "--stage-jvm-option=-Deventpipe.chronicle.warm.up.frames=0",
            "--stage-jvm-option=-XX:TieredStopAtLevel=1",
            "--stage-jvm-option", "aggregate:-Deventpipe.fault.stage=aggregate",
            "--stage-jvm-option", "aggregate:-Deventpipe.fault.action=drop",
            "--stage-jvm-option", "aggregate:-Deventpipe.fault.every=1000");
        Path kept = null;
        try
        {
            final int exit = SplitRuns.await(launcher, 150);
            final String report = SplitRuns.read(output);

            assertEquals(1, exit, report);
            assertTrue(report.contains("removed chronicle queues " + orphan + " (4.0 KiB): its launcher is gone"),
                report);
            assertFalse(Files.exists(orphan), orphan + " not swept");
            assertTrue(Pattern.compile("aggregated events \\d+ != kept \\d+").matcher(report).find(), report);
            assertTrue(report.contains("SplitPipeline: the run ended but its checks failed (see the report)"), report);
            assertFalse(report.contains("restarting it"), report);
            final Matcher matcher = KEPT.matcher(report);
            assertTrue(matcher.find(), report);
            kept = Path.of(matcher.group(1));
            assertEquals(matcher.group(1), matcher.group(3));
            assertTrue(kept.startsWith(queueDir), kept.toString());
            assertTrue(Files.readString(kept.resolve(KeptQueues.MARKER), StandardCharsets.UTF_8)
                .startsWith(KeptQueues.AFTER_FAILURE + " (exit status 4)"), kept.toString());
            assertTrue(Files.isDirectory(kept.resolve("aggregate-sink")), kept.toString());
        }
        finally
        {
            SplitRuns.stop(launcher);
            if (null != kept)
            {
                SplitRuns.deleteTree(kept);
            }
        }
    }
}
