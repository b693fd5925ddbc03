package org.eventpipe.chronicle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.eventpipe.bridge.Edge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Garbage appended to the rules stage's inbound queue (parse-rules) by a second appender in the middle of a running
 * chronicle pipeline: an excerpt with an empty checkpoint and bytes that are no frame. Rules names the edge and the
 * frame and exits, the launcher names rules, nothing hangs, no process is left, the run directory is removed and the
 * queues are kept for inspection, as after any failure over chronicle.
 */
final class ChronicleCorruptFrameTest
{
    private static final int GARBAGE_LENGTH = 100;

    @TempDir
    Path directory;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldFailTheRunNamingTheEdgeAndTheFrameWhenGarbageIsAppendedToAQueueMidRun() throws Exception
    {
        final byte[] input = SplitRuns.hostileInput(20_000);
        final Path output = directory.resolve("split.out");
        Path queues = null;
        Process launcher = null;
        try (PacedInput paced = PacedInput.create(directory.resolve("input.fifo")))
        {
            launcher = SplitRuns.start(output, "--transport", "chronicle", "--input", paced.path().toString(),
                "--stage-jvm-option=-Deventpipe.chronicle.warm.up.frames=0",
                "--stage-jvm-option=-XX:TieredStopAtLevel=1");
            final Path runDirectory = SplitRuns.runDirectory(output, 60_000);
            queues = SplitRuns.queueDirectory(runDirectory);
            SplitRuns.awaitContains(runDirectory.resolve("ingest.log"), SplitRuns.READY + "ingest", 90_000);
            paced.write(input, 0, SplitRuns.lineBoundary(input, input.length / 2));
            try (EdgeCheckpoints checkpoints = EdgeCheckpoints.open(queues, Edge.RULES_TO_AGGREGATE, 30_000))
            {
                checkpoints.await((checkpoint) -> checkpoint.outputEventsSent() > 0, "rules under way", 90_000);
            }
            final List<ProcessHandle> descendants = launcher.descendants().collect(Collectors.toList());

            appendGarbage(queues.resolve(Edge.PARSE_TO_RULES.edgeName()));

            assertTrue(launcher.waitFor(60, TimeUnit.SECONDS), "launcher still running 60 s after the garbage");
            final String report = SplitRuns.read(output);
            assertEquals(1, launcher.exitValue(), report);
            assertTrue(Pattern.compile("(?m)^SplitPipeline: stage rules failed: exited with status 5 \\(corrupt or " +
                "inconsistent frames\\), noticed [0-9.]+ ms after its exit; stopped the other processes$")
                .matcher(report).find(), report);
            assertTrue(Pattern.compile("(?m)^  rules\\| stage rules failed: stage rules: corrupt frame on edge " +
                "parse-rules where sequence \\d+ was expected \\(a frame of " + GARBAGE_LENGTH + " bytes\\): ")
                .matcher(report).find(), report);
            assertFalse(report.contains(" hung: "), report);
            for (final ProcessHandle process : descendants)
            {
                assertFalse(process.isAlive(), process + " " + process.info().commandLine().orElse(""));
            }
            final String runName = runDirectory.getFileName().toString();
            try (Stream<ProcessHandle> all = ProcessHandle.allProcesses())
            {
                assertEquals(List.of(), all.filter((process) -> process.info().commandLine()
                    .map((line) -> line.contains(runName)).orElse(false))
                    .map((process) -> process.pid() + " " + process.info().commandLine().orElse(""))
                    .collect(Collectors.toList()));
            }
            assertFalse(Files.exists(runDirectory), runDirectory + " left after the failure");
            assertTrue(report.contains("chronicle queues kept in " + queues + " (run failed)"), report);
        }
        catch (final Exception | AssertionError ex)
        {
            SplitRuns.stop(launcher);
            throw ex;
        }
        finally
        {
            if (null != queues)
            {
                SplitRuns.deleteTree(queues);
            }
        }
    }

    /**
     * One excerpt as a second appender on the queue: an all-zero checkpoint, then bytes that are no frame.
     */
    private static void appendGarbage(final Path queuePath)
    {
        final byte[] excerpt = new byte[ChronicleConfiguration.CHECKPOINT_LENGTH + GARBAGE_LENGTH];
        for (int i = ChronicleConfiguration.CHECKPOINT_LENGTH; i < excerpt.length; i++)
        {
            excerpt[i] = (byte)(0xA5 ^ (i * 31));
        }
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.binary(queuePath)
            .rollCycle(ChronicleConfiguration.rollCycle(Map.of()))
            .blockSize(ChronicleConfiguration.blockSize(Map.of()))
            .build();
            ExcerptAppender appender = queue.createAppender())
        {
            try (DocumentContext context = appender.writingDocument())
            {
                context.wire().bytes().write(excerpt);
            }
        }
    }
}
