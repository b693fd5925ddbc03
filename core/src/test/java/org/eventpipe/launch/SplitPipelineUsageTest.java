package org.eventpipe.launch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.eventpipe.cli.ExitCodes;
import org.eventpipe.codec.FrameEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher refuses what a stage would refuse, with one line and exit 2 before it makes a run directory or starts
 * a process, and answers {@code -V}.
 */
final class SplitPipelineUsageTest
{
    @TempDir
    Path workDir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--batch 65535|--batch must be in [0, 65534]",
        "--batch -1|--batch must be in [0, 65534]",
        "--timeout-s 0|--timeout-s must be at least 1",
        "--latency-sample 3|--latency-sample must be a power of two",
        "--max-line-length 0|--max-line-length must be positive",
        "--drop-types teleport|teleport",
        "--workload nonesuch|nonesuch",
    })
    void shouldRefuseWhatAStageWouldRefuseBeforeAnyWork(final String arguments, final String expected)
        throws IOException
    {
        final List<String> args = new ArrayList<>(List.of(arguments.split(" ")));
        args.addAll(List.of("--run-dir-base", workDir.resolve("runs").toString(), "--events", "10"));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        final int exit = SplitPipelineCommand.execute(args.toArray(new String[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        final String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCodes.USAGE, exit, message);
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains(expected), message);
        assertTrue(!Files.exists(workDir.resolve("runs")) || isEmpty(workDir.resolve("runs")),
            "a run directory was made before the usage error");
    }

    @Test
    void shouldCheckTheBatchAgainstTheLargestFrameTheStagesAccept()
    {
        assertEquals(65_534, FrameEncoder.MAX_EVENTS_PER_FRAME, "the cases above name the stages' limit");
    }

    @Test
    void shouldPrintItsVersion()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final int exit = SplitPipelineCommand.execute(new String[]{ "-V" },
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(ExitCodes.OK, exit);
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("eventpipe split pipeline "), out.toString());
    }

    private static boolean isEmpty(final Path directory) throws IOException
    {
        try (Stream<Path> entries = Files.list(directory))
        {
            return entries.findAny().isEmpty();
        }
    }
}
