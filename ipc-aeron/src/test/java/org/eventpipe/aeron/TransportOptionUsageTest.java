package org.eventpipe.aeron;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eventpipe.cli.ExitCodes;
import org.eventpipe.launch.SplitPipelineCommand;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An Aeron option that means nothing for the transport selected is a usage error, one line and exit 2 before the
 * launcher makes a run directory, not silently ignored. Runs the launcher in this JVM: nothing starts.
 */
final class TransportOptionUsageTest
{
    @TempDir
    Path workDir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--transport aeron-ipc --endpoint ingest-parse=127.0.0.1:40123|--endpoint applies to --transport aeron-udp",
        "--endpoint parse-rules=127.0.0.1:40123|--endpoint applies to --transport aeron-udp only, not aeron-ipc",
    })
    void shouldRefuseAnOptionOfAnotherTransportBeforeAnyWork(final String arguments, final String expected)
    {
        final List<String> args = new ArrayList<>(List.of(arguments.split(" ")));
        final Path runs = workDir.resolve("runs");
        args.addAll(List.of("--run-dir-base", runs.toString(), "--events", "10"));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        final int exit = SplitPipelineCommand.execute(args.toArray(new String[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        final String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCodes.USAGE, exit, message);
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains(expected), message);
        assertFalse(Files.exists(runs), "a run directory was made before the usage error");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--transport aeron-udp --endpoint ingest-parse=127.0.0.1:40123",
        "--transport aeron-ipc --aeron-dir /dev/shm/nonesuch",
    })
    void shouldAcceptTheOptionsOfTheSelectedTransport(final String arguments)
    {
        final List<String> args = new ArrayList<>(List.of(arguments.split(" ")));
        args.addAll(List.of("--run-dir-base", workDir.resolve("runs").toString(), "--events", "10",
            "--print-commands"));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        final int exit = SplitPipelineCommand.execute(args.toArray(new String[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(ExitCodes.OK, exit, err.toString(StandardCharsets.UTF_8));
    }
}
