package org.eventpipe.chronicle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real full file system: the launcher runs in a private mount namespace ({@code unshare -m}) in which a small tmpfs
 * is mounted as {@code --queue-dir}, so that nothing outside the test sees it and it goes with the namespace. Skipped,
 * with the reason, where mounting is not permitted.
 * <ul>
 *     <li>Too small for the estimate: the launcher exits 2 before starting any process, naming the directory, the
 *     need and the free space.</li>
 *     <li>Large enough for the estimate but filled during the run (the input is a pipe, whose size is not estimated,
 *     and {@code --keep-queues} deletes no consumed file): the stage whose mapped write faults exits with "no space
 *     left in DIR" and {@code NO_SPACE} (or, where the fault is met inside the VM, its JVM crashes with SIGBUS and
 *     the launcher names the crash and the full directory from the JVM's fatal error log), the launcher names it and,
 *     although {@code --restart-on-failure} is given, does not restart it, and removes the queues instead of keeping
 *     them.</li>
 * </ul>
 */
final class ChronicleNoSpaceTest
{
    private static final Pattern RUN_DIRECTORY = Pattern.compile("run directory (\\S+)");

    @TempDir
    Path directory;

    private Path mountPoint;

    @BeforeEach
    void mountable() throws Exception
    {
        mountPoint = Files.createDirectory(directory.resolve("tmpfs"));
        final Process probe = new ProcessBuilder("unshare", "-m", "sh", "-c",
            "mount -t tmpfs -o size=1m tmpfs \"$0\"", mountPoint.toString())
            .redirectErrorStream(true).redirectOutput(directory.resolve("probe.out").toFile()).start();
        final boolean ended = probe.waitFor(30, TimeUnit.SECONDS);
        probe.destroyForcibly();
        assumeTrue(ended && 0 == probe.exitValue(), "skipped: cannot mount a tmpfs in a private mount namespace " +
            "(unshare -m; needs CAP_SYS_ADMIN): " + SplitRuns.read(directory.resolve("probe.out")).trim());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldExitTwoBeforeStartingWhenTheQueueDirectoryHasLessSpaceThanTheEstimate() throws Exception
    {
        final Path output = directory.resolve("split.out");

        final int exit = launchInTmpfs("4m", output, List.of(), "--events", "1000");

        final String report = SplitRuns.read(output);
        assertEquals(2, exit, report);
        assertTrue(Pattern.compile("(?m)^SplitPipeline: error: not enough space in " + Pattern.quote(mountPoint +
            "/eventpipe-") + "\\d+-queues for the chronicle queues: need about 240\\.0 MiB, 4\\.0 MiB free")
            .matcher(report).find(), report);
        assertFalse(report.contains("eventpipe stage ready"), report);
        assertEquals(1, report.strip().split("\n").length, report);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldNameTheFullQueueDirectoryAndNeitherRestartNorKeepTheQueuesWhenTheSpaceRunsOutMidRun() throws Exception
    {
        final Path input = directory.resolve("input.ndjson");
        SplitRuns.writeInput(input, 200_000);
        final Path output = directory.resolve("split.out");
        final int exit;
        try (PacedInput paced = PacedInput.create(directory.resolve("input.fifo")))
        {
            paced.write(Files.readAllBytes(input), 0, (int)Files.size(input));
            exit = launchInTmpfs("8m", output, List.of("-Deventpipe.chronicle.block.size=1048576",
                "-Deventpipe.chronicle.max.lag.bytes=262144"),
                "--input", paced.path().toString(), "--keep-queues", "--restart-on-failure",
                "--stage-jvm-option=-Deventpipe.chronicle.warm.up.frames=0",
                "--stage-jvm-option=-XX:TieredStopAtLevel=1");
        }

        final String report = SplitRuns.read(output);
        assertEquals(1, exit, report);
        final Matcher runDirectory = RUN_DIRECTORY.matcher(report);
        assertTrue(runDirectory.find(), report);
        final String queues = Pattern.quote(mountPoint + "/" + Path.of(runDirectory.group(1)).getFileName() +
            ChronicleConfiguration.QUEUE_DIR_SUFFIX);
        // the stage meets the full file system in a mapped write: in Java code, an error it names as no space
        // (status 6); inside the VM (a Chronicle header's compare-and-set as the queue rolls to a new file), a crash
        // of its JVM (SIGBUS, aborted), which the launcher names from the JVM's fatal error log and the full directory
        assertTrue(Pattern.compile("(?m)^SplitPipeline: stage (ingest|parse|rules|aggregate) failed: exited with " +
            "status (6 \\(no space left\\), noticed [0-9.]+ ms after its exit|134 \\(aborted: SIGABRT\\), noticed " +
            "[0-9.]+ ms after its exit; its JVM crashed: SIGBUS \\(0x7\\) in .*: no space left in " + queues +
            " \\(.*\\)); not restarted, since running it again would fail the same way; stopped the other processes$")
            .matcher(report).find(), report);
        assertTrue(Pattern.compile("(?m)(\\| stage \\w+ failed: |; its JVM crashed: .*: )no space left in " + queues +
            " \\(").matcher(report).find(), report);
        assertFalse(report.contains("restarting it"), report);
        assertTrue(Pattern.compile("(?m)^chronicle queues " + queues + " removed: no space left$").matcher(report)
            .find(), report);
        assertFalse(Files.exists(Path.of(runDirectory.group(1))), runDirectory.group(1) + " left behind");
    }

    /**
     * Run the launcher over chronicle with {@code --queue-dir} on a tmpfs of a size, mounted in a mount namespace of
     * its own, and wait for it.
     */
    private int launchInTmpfs(
        final String size, final Path output, final List<String> jvmOptions, final String... arguments)
        throws Exception
    {
        final List<String> command = new ArrayList<>(List.of("unshare", "-m", "sh", "-c",
            "mount -t tmpfs -o size=" + size + ",mode=700 tmpfs \"$0\" && shift && exec \"$@\"",
            mountPoint.toString(), "-",
            Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", SplitRuns.JAR.toAbsolutePath().toString(), "SplitPipeline",
            "--transport", "chronicle", "--queue-dir", mountPoint.toString()));
        command.addAll(List.of(arguments));
        final Process launcher = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(output.toFile()).start();
        try
        {
            return SplitRuns.await(launcher, 150);
        }
        finally
        {
            SplitRuns.killTree(launcher);
        }
    }
}
