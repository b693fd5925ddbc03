package org.eventpipe.bench.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eventpipe.workload.Workloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code bench.jar} flag with a value it cannot use is refused with one line on stderr and exit 2, before any
 * input is generated or any folder made, with no stack trace; and the first line of a report says where its input
 * files go and about how large they are.
 */
final class ReportUsageTest
{
    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--transports foo|--transports: no transport 'foo', expected one of aeron-ipc, aeron-udp, chronicle, tcp, grpc",
        "--transports aeron-ipc,nonesuch|no transport 'nonesuch'",
        "--batches 70000|--batches: 70000 is not in [0, 65534]",
        "--batches abc|--batches",
        "--regimes warm|--regimes: expected cold or steady",
        "--sources disk|--sources: expected file or generated",
        "--rows nonesuch|--rows: no standard row 'nonesuch'",
        "--row nolabel|--row: expected LABEL=COMMAND TEMPLATE",
        "--rounds 0|must be at least 1",
        "--cold-events 0|must be at least 1",
        "--run-timeout-s 0|--run-timeout-s must be at least 1",
        "--rates -5|--rates must be positive",
        "--rates 1000 --rate-seconds 0|--rate-seconds at least 1",
        "--quick --full|--quick and --full exclude each other",
        "--workload nonesuch|unknown workload 'nonesuch'",
        "--input-dir /proc/eventpipe-input|--input-dir: '/proc/eventpipe-input' is not a writable directory",
        "--compare /nonexistent-results|holds no",
        "--against /nonexistent-results|--against needs --compare",
        "--repo /nonexistent-repo|no /nonexistent-repo/core/target/core.jar",
        "--bogus|--bogus",
    })
    void shouldRefuseABadValueWithOneLineAndExit2BeforeAnyWork(final String arguments, final String expected)
        throws IOException
    {
        final Path out = dir.resolve("results");
        Files.createDirectories(out);
        final List<String> args = new ArrayList<>(List.of(arguments.split(" ")));
        args.addAll(List.of("--out", out.toString()));

        final PrintStream stdout = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        final PrintStream stderr = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        final int exit = ReportCommand.execute(args.toArray(new String[0]), stdout, stderr);

        final String err = errBytes.toString(StandardCharsets.UTF_8);
        assertEquals(2, exit, err + outBytes.toString(StandardCharsets.UTF_8));
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains(expected), err);
        assertFalse(err.contains("\tat ") || err.contains("Exception"), err);
        assertEquals("", outBytes.toString(StandardCharsets.UTF_8));
        try (Stream<Path> made = Files.list(out))
        {
            assertEquals(0, made.count(), "a folder was made before the usage error");
        }
    }

    @Test
    void shouldRefuseAnOutThatCannotBeMade()
    {
        final int exit = ReportCommand.execute(new String[]{ "--out", "/proc/eventpipe-results" },
            new PrintStream(outBytes, true, StandardCharsets.UTF_8),
            new PrintStream(errBytes, true, StandardCharsets.UTF_8));

        final String err = errBytes.toString(StandardCharsets.UTF_8);
        assertEquals(2, exit, err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains("--out: '/proc/eventpipe-results' is not a writable directory"), err);
    }

    @Test
    void shouldSayWhereTheInputFilesGoAndAboutHowLarge() throws IOException
    {
        final ReportCommand command = new ReportCommand();
        new CommandLine(command).parseArgs("--regimes", "cold,steady", "--cold-events", "1000000",
            "--warmup-events", "500000", "--steady-events", "500000");
        final ReportCommand.Plan plan = command.plan(Workloads.events());

        final String note = command.inputNote(plan, dir);

        final Matcher matcher = Pattern.compile("; input files: about (\\d+) MB in (.+), removed at the end " +
            "\\(--input-dir DIR keeps them\\)").matcher(note);
        assertTrue(matcher.matches(), note);
        assertEquals(dir.toString(), matcher.group(2));
        // one file of 1 M lines serves both regimes; a generated line is 60 to 70 bytes
        final long megabytes = Long.parseLong(matcher.group(1));
        assertTrue(megabytes >= 55 && megabytes <= 75, note);
    }
}
