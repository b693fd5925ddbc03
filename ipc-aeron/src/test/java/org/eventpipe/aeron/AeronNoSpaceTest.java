package org.eventpipe.aeron;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The space check before an aeron-ipc run, on a real small tmpfs mounted as {@code --run-dir-base} in a private mount
 * namespace ({@code unshare -m}; skipped, with the reason, where mounting is not permitted): room for the run
 * directory's own files but not for the media driver's log buffers gives one line naming the directory, the need
 * and the free space, and exit 2, before any process starts.
 */
final class AeronNoSpaceTest
{
    private static final Path JAR = Path.of(System.getProperty("eventpipe.test.jar", "target/ipc-aeron.jar"));

    @TempDir
    Path directory;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldExitTwoBeforeStartingTheDriverWhenTheRunDirectoryHasNoRoomForItsLogBuffers() throws Exception
    {
        final Path mountPoint = Files.createDirectory(directory.resolve("tmpfs"));
        final Path output = directory.resolve("split.out");
        final Process launcher = new ProcessBuilder(List.of("unshare", "-m", "sh", "-c",
            "mount -t tmpfs -o size=32m,mode=700 tmpfs \"$0\" || exit 99; shift; exec \"$@\"",
            mountPoint.toString(), "-", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", JAR.toAbsolutePath().toString(), "SplitPipeline", "--transport", "aeron-ipc",
            "--run-dir-base", mountPoint.toString(), "--events", "1000"))
            .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        final int exit;
        try
        {
            assertTrue(launcher.waitFor(50, TimeUnit.SECONDS), "launcher still running");
            exit = launcher.exitValue();
        }
        finally
        {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
        final String report = Files.readString(output);
        assumeTrue(99 != exit, "skipped: cannot mount a tmpfs in a private mount namespace (unshare -m; needs " +
            "CAP_SYS_ADMIN): " + report.trim());

        assertEquals(2, exit, report);
        assertTrue(Pattern.compile("^SplitPipeline: error: not enough space in " + Pattern.quote(mountPoint +
            "/eventpipe-") + "\\d+/aeron for the media driver's log buffers: need about 208\\.0 MiB, 3[0-9.]+ MiB " +
            "free").matcher(report).find(), report);
        assertEquals(1, report.strip().split("\n").length, report);
    }
}
