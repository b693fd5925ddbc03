package org.eventpipe.chronicle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Chronicle run never tries to reach the network (Chronicle's usage analytics included): the launcher and every
 * stage process it forks run under {@code strace -f}, which records each {@code connect}, {@code sendto} and
 * {@code sendmsg} system call, and none may address an {@code AF_INET} or {@code AF_INET6} socket. A positive control
 * shows that such an attempt is seen. Needs the {@code strace} package (Debian: {@code apt-get install strace}).
 */
final class ChronicleNoNetworkTest
{
    @TempDir
    Path directory;

    @Test
    void shouldMakeNoNetworkConnectionAttempt() throws Exception
    {
        Assumptions.assumeTrue(straceWorks(), "strace is not installed or cannot trace here");
        final Path control = directory.resolve("control.trace");
        run(List.of("strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", control.toString(),
            "bash", "-c", "echo > /dev/tcp/127.0.0.1/9 || true"), directory.resolve("control.out"));
        assertTrue(!inetCalls(control).isEmpty(), "positive control: strace saw no AF_INET connect");

        final Path trace = directory.resolve("run.trace");
        final Path output = directory.resolve("run.out");
        final List<String> command = new ArrayList<>(List.of("strace", "-f", "-qq", "-e",
            "trace=connect,sendto,sendmsg", "-o", trace.toString(),
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
            SplitRuns.JAR.toAbsolutePath().toString(), "SplitPipeline", "--transport", "chronicle", "--batch", "100",
            "--events", "200000"));
        final int exit = run(command, output);

        assertEquals(0, exit, SplitRuns.read(output));
        assertTrue(SplitRuns.read(output).contains("checks: OK"), SplitRuns.read(output));
        final List<String> attempts = inetCalls(trace);
        assertTrue(attempts.isEmpty(), "network system calls:\n" + String.join("\n", attempts));
    }

    private static List<String> inetCalls(final Path trace) throws IOException
    {
        return Files.readAllLines(trace, StandardCharsets.UTF_8).stream()
            .filter((line) -> line.contains("AF_INET"))
            .collect(Collectors.toList());
    }

    private static boolean straceWorks()
    {
        try
        {
            final Process process = new ProcessBuilder("strace", "-qq", "-e", "trace=none", "true")
                .redirectErrorStream(true).start();
            return process.waitFor(30, TimeUnit.SECONDS) && 0 == process.exitValue();
        }
        catch (final IOException | InterruptedException ex)
        {
            return false;
        }
    }

    private static int run(final List<String> command, final Path output) throws Exception
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(output.toFile()).start();
        return SplitRuns.await(process, 180);
    }
}
