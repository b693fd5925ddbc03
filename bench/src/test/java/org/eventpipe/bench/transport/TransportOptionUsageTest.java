package org.eventpipe.bench.transport;

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
 * With every transport on the class path (as in {@code bench.jar}), an option of one transport given with another is
 * a usage error: one line, exit 2, before the launcher makes a run directory. Runs the launcher in this JVM.
 */
final class TransportOptionUsageTest
{
    @TempDir
    Path workDir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--transport tcp --endpoint ingest-parse=127.0.0.1:40123|--endpoint applies to --transport aeron-udp only, " +
            "not tcp",
        "--transport chronicle --endpoint ingest-parse=127.0.0.1:40123|--endpoint applies to --transport " +
            "aeron-udp only, not chronicle",
        "--transport grpc --aeron-dir /dev/shm/nonesuch|--aeron-dir applies to the aeron-ipc and aeron-udp " +
            "transports only, not grpc",
        "--transport aeron-ipc --queue-dir /tmp/nonesuch|--queue-dir applies to --transport chronicle only, " +
            "not aeron-ipc",
        "--transport tcp --keep-queues|--keep-queues applies to --transport chronicle only, not tcp",
    })
    void shouldRefuseAnOptionOfAnotherTransportBeforeAnyWork(final String arguments, final String expected)
    {
        final List<String> args = new ArrayList<>(List.of(arguments.split(" ")));
        final Path runs = workDir.resolve("runs");
        args.addAll(List.of("--run-dir-base", runs.toString(), "--events", "10"));
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        final int exit = SplitPipelineCommand.execute(args.toArray(new String[0]),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

        final String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCodes.USAGE, exit, message);
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains(expected), message);
        assertFalse(Files.exists(runs), "a run directory was made before the usage error");
    }
}
