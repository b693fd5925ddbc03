package org.eventpipe.chronicle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eventpipe.bridge.Edge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the README promises when a stage dies over chronicle without {@code --restart-on-failure}: the launcher exits
 * 1 naming the stage and its status, no process of the run is left, the run directory is removed, and the queues are
 * kept, with their path printed, for inspection. The stage is killed mid-stream: the input is a named pipe of which
 * the test has written only a part ({@link PacedInput}), and the kill waits until the checkpoint on the stage's
 * output queue shows that it has sent events, and until aggregate has forwarded a frame (the rejects of the hostile
 * input pass through it) to the sink: every edge then holds data, whichever moment the launcher stops the others.
 */
final class ChronicleFailureTest
{
    @TempDir
    Path directory;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldExitOneNamingTheStageLeaveNoProcessRemoveTheRunDirectoryAndKeepTheQueues() throws Exception
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
            try (EdgeCheckpoints checkpoints = EdgeCheckpoints.open(queues, Edge.AGGREGATE_TO_SINK, 30_000))
            {
                checkpoints.await((checkpoint) -> checkpoint.outputFramesSent() > 0, "aggregate forwarding", 90_000);
            }
            final List<ProcessHandle> descendants = descendants(launcher);
            assertEquals(5, descendants.size(), descendants.toString());
            final ProcessHandle rules = SplitRuns.stage(launcher, "rules")
                .orElseThrow(() -> new AssertionError("no rules stage process"));
            assertTrue(rules.destroyForcibly(), "SIGKILL rules");

            assertTrue(launcher.waitFor(60, TimeUnit.SECONDS), "launcher still running 60 s after the kill");
            final String report = SplitRuns.read(output);
            assertEquals(1, launcher.exitValue(), report);
            assertTrue(Pattern.compile("(?m)^SplitPipeline: stage rules failed: exited with status 137 " +
                "\\(killed: SIGKILL\\), noticed [0-9.]+ ms after its exit; stopped the other processes$")
                .matcher(report).find(), report);
            assertFalse(report.contains("restarting"), report);
            for (final ProcessHandle process : descendants)
            {
                assertFalse(process.isAlive(), process + " " + process.info().commandLine().orElse(""));
            }
            final String runName = runDirectory.getFileName().toString();
            try (Stream<ProcessHandle> all = ProcessHandle.allProcesses())
            {
                final List<String> survivors = all.filter((process) -> process.info().commandLine()
                    .map((line) -> line.contains(runName)).orElse(false))
                    .map((process) -> process.pid() + " " + process.info().commandLine().orElse(""))
                    .collect(Collectors.toList());
                assertEquals(List.of(), survivors);
            }
            assertFalse(Files.exists(runDirectory), runDirectory + " left after the failure");
            assertTrue(report.contains("chronicle queues kept in " + queues + " (run failed)"), report);
            for (final Edge edge : Edge.values())
            {
                try (Stream<Path> files = Files.list(queues.resolve(edge.edgeName())))
                {
                    final List<String> names = files.map((file) -> file.getFileName().toString()).toList();
                    assertTrue(names.stream().anyMatch((name) -> name.endsWith(".cq4")), edge.edgeName() + " " + names);
                }
            }
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

    private static List<ProcessHandle> descendants(final Process launcher)
    {
        try (Stream<ProcessHandle> all = launcher.descendants())
        {
            return all.collect(Collectors.toList());
        }
    }
}
