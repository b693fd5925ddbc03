package org.eventpipe.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eventpipe.testing.ChildProcess;
import org.eventpipe.workload.EventGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class MonolithCommandTest
{
    private static final long CHILD_DEADLINE_SECONDS = 60;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "--bogus",
        "--events abc",
        "--events -5",
        "--users 0",
        "--ring-size 1000",
        "--ring-size 32",
        "--ingest-batch 0",
        "--latency-sample 3",
        "--max-line-length 8",
        "--wait-strategy nope",
        "--queue nope",
        "--queue jdk --wait-strategy yielding",
        "--queue jdk --fused",
        "--drop-types bogus",
        "--drop-types view,bogus",
        "--input /nonexistent/events.ndjson" })
    void shouldExitWithUsageStatusAndOneLineOnStderr(final String arguments)
    {
        final int status = run(arguments.split(" "));

        assertUsageError(status);
    }

    @Test
    void shouldRejectDirectoryAsInput()
    {
        assertUsageError(run("--input", dir.toString()));
        assertTrue(err().contains("is a directory"), err());
    }

    @Test
    void shouldRejectOutputInMissingDirectoryBeforeRunning()
    {
        final Path missing = dir.resolve("missing").resolve("results.jsonl");

        assertUsageError(run("--events", "10", "--results", missing.toString()));
        assertTrue(err().contains("does not exist"), err());
        assertEquals("", out());
    }

    @Test
    void shouldRejectOutputUnderAFileOrADirectoryAsOutput() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("plain"), "x");

        assertUsageError(run("--events", "10", "--histogram", file.resolve("h.hgrm").toString()));
        resetStreams();
        assertUsageError(run("--events", "10", "--rejects", dir.toString()));
        resetStreams();
        assertUsageError(run("--events", "10", "--write-input", dir.toString()));
    }

    @Test
    void shouldRejectOutputInReadOnlyDirectoryWhenNotRoot() throws IOException
    {
        final Path readOnly = Files.createDirectory(dir.resolve("ro"));
        assertTrue(readOnly.toFile().setWritable(false, false));
        try
        {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(readOnly), "running as root");

            assertUsageError(run("--events", "10", "--results", readOnly.resolve("r.jsonl").toString()));
            assertTrue(err().contains("cannot be written: permission denied"), err());
        }
        finally
        {
            readOnly.toFile().setWritable(true, false);
        }
    }

    @Test
    void shouldRejectOutputsTheFileSystemRefusesBeforeAnyWork()
    {
        for (final String option : new String[]{ "--results", "--rejects", "--histogram", "--summary",
            "--write-input" })
        {
            resetStreams();
            assertUsageError(run("--events", "10", option, "/proc/eventpipe-no-such-file"));
            assertTrue(err().contains(option + ": '/proc/eventpipe-no-such-file' cannot be written"), err());
            assertEquals(1, err().lines().count(), err());
            assertFalse(err().contains("Exception"), err());
            assertFalse(out().contains("lines:"), "the run started: " + out());
        }
    }

    @Test
    void shouldLeaveAnExistingOutputAsItIsWhenCheckingIt() throws IOException
    {
        final Path existing = Files.writeString(dir.resolve("kept.txt"), "before");
        CommandLines.checkWritable(existing, "--results");
        assertEquals("before", Files.readString(existing));
        CommandLines.checkWritable(dir.resolve("absent.jsonl"), "--results");
        assertFalse(Files.exists(dir.resolve("absent.jsonl")), "the check left its probe behind");
    }

    @Test
    void shouldPrintHelpListingOptions()
    {
        assertEquals(ExitCodes.OK, run("--help"));

        final String help = out();
        for (final String option : new String[]{ "--events", "--seed", "--users", "--input", "--write-input",
            "--results", "--histogram", "--rejects", "--wait-strategy", "--ring-size", "--ingest-batch",
            "--latency-sample", "--max-line-length", "--drop-types", "--queue", "--fused", "--help" })
        {
            assertTrue(help.contains(option), option);
        }
        assertEquals("", err());
    }

    @Test
    void shouldWriteGeneratedInputAndExit() throws IOException
    {
        final Path file = dir.resolve("events.ndjson");

        assertEquals(ExitCodes.OK, run("--write-input", file.toString(), "--events", "500", "--seed", "9",
            "--users", "20"));

        final ByteArrayOutputStream expected = new ByteArrayOutputStream();
        new EventGenerator(9, 20, 500).writeTo(expected);
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file));
        assertTrue(out().startsWith("wrote 500 lines to "), out());
        assertFalse(out().contains("results:"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "disruptor", "jdk" })
    void shouldRunGeneratedWorkloadAndReport(final String queue)
    {
        assertEquals(ExitCodes.OK, run("--events", "5000", "--ring-size", "1024", "--queue", queue));

        final String report = out();
        assertTrue(report.contains("jdk".equals(queue) ? "monolith (JDK queues, ArrayBlockingQueue of 1024)" :
            "monolith (Disruptor, wait=backoff, ring=1024)"), report);
        assertTrue(report.contains("lines: read=5000 blank=0 accepted=5000"), report);
        assertTrue(report.contains("rejected=0 failed=0"), report);
        assertTrue(report.contains("handler errors: 0"), report);
        assertFalse(report.contains("  view "), report);
        assertEquals("", err());
    }

    @Test
    void shouldSayOnOneLineThatAShortRunWithoutWarmUpIsColdAndSoInTheSummary() throws IOException
    {
        final Path coldSummary = dir.resolve("cold.json");
        assertEquals(ExitCodes.OK, run("--events", "5000", "--summary", coldSummary.toString()));
        final List<String> coldNotes = out().lines().filter((line) -> line.startsWith("note: cold run")).toList();
        assertEquals(1, coldNotes.size(), out());
        assertTrue(coldNotes.get(0).contains("--warmup-events"), out());
        assertTrue(Files.readString(coldSummary).replaceAll("\\s", "").contains("\"cold\":true"),
            Files.readString(coldSummary));

        resetStreams();
        final Path steadySummary = dir.resolve("steady.json");
        assertEquals(ExitCodes.OK, run("--events", "5000", "--warmup-events", "1000", "--summary",
            steadySummary.toString()));
        assertFalse(out().contains("note: cold run"), out());
        assertTrue(Files.readString(steadySummary).replaceAll("\\s", "").contains("\"cold\":false"),
            Files.readString(steadySummary));
    }

    @Test
    void shouldWriteResultsHistogramAndRejectsInDocumentedFormats() throws IOException
    {
        final Path input = dir.resolve("in.ndjson");
        Files.writeString(input,
            "{\"userId\":1,\"type\":\"click\",\"value\":10,\"ts\":1}\n" +
            "{\"userId\":2,\"type\":\"purchase\",\"value\":5,\"ts\":2}\r\n" +
            "\n" +
            "{\"userId\":2,\"type\":\"view\",\"value\":5,\"ts\":3}\n" +
            "not json\n" +
            "{\"userId\":3,\"type\":\"hover\",\"value\":1,\"ts\":4}\n" +
            "{\"userId\":1,\"type\":\"click\",\"value\":3,\"ts\":5}", StandardCharsets.US_ASCII);
        final Path results = dir.resolve("results.jsonl");
        final Path histogram = dir.resolve("latency.hgrm");
        final Path rejects = dir.resolve("rejects.tsv");

        for (final String mode : new String[]{ "--ring-size=64", "--queue=jdk", "--fused" })
        {
            resetStreams();
            assertEquals(ExitCodes.OK, run("--input", input.toString(), mode, "--ingest-batch", "4",
                "--latency-sample", "1", "--results", results.toString(), "--histogram", histogram.toString(),
                "--rejects", rejects.toString()), mode + ": " + out() + err());

            assertEquals(
                "{\"key\":\"click\",\"count\":2,\"sum\":13,\"avg\":6.500000}\n" +
                "{\"key\":\"purchase\",\"count\":1,\"sum\":5,\"avg\":5.000000}\n",
                Files.readString(results));
            assertEquals("5\tMALFORMED_JSON\tnot json\n" +
                "6\tUNKNOWN_TYPE\t{\"userId\":3,\"type\":\"hover\",\"value\":1,\"ts\":4}\n",
                Files.readString(rejects));
            final String hgrm = Files.readString(histogram);
            assertTrue(hgrm.contains("Value     Percentile TotalCount 1/(1-Percentile)"), hgrm);
            assertTrue(hgrm.matches("(?s).*Total count +=  +" + ("--fused".equals(mode) ? "0" : "3") + "]\\R.*"), hgrm);
            assertTrue(out().contains("lines: read=7 blank=1 accepted=4 (kept=3 filtered=1) rejected=2 failed=0"),
                out());
            assertTrue(out().contains("rejected by reason: MALFORMED_JSON=1 UNKNOWN_TYPE=1"), out());
        }
    }

    /**
     * Runs the real entry point in a fresh JVM with no {@code --add-opens} flag (the surefire JVM has them): proof that
     * the monolith path touches none of Agrona's unsafe classes. The classes come from the build output and the
     * dependency class path, since the shaded jar is only built in the package phase, after the tests.
     */
    @Test
    @Timeout(CHILD_DEADLINE_SECONDS + 30)
    void shouldRunEntryPointInPlainJvmWithoutAddOpens() throws IOException, InterruptedException
    {
        final String java = ProcessHandle.current().info().command().orElse(
            Path.of(System.getProperty("java.home"), "bin", "java").toString());
        final String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        final Map<String, String> environment = new HashMap<>();
        environment.put("JDK_JAVA_OPTIONS", null);
        environment.put("JAVA_TOOL_OPTIONS", null);
        environment.put("_JAVA_OPTIONS", null);

        final String report;
        try (ChildProcess child = ChildProcess.start(dir, List.of(java, "-cp", classPath, "Monolith", "--events",
            "20000"), environment))
        {
            final int exit = child.awaitExit(CHILD_DEADLINE_SECONDS);
            report = child.stdout();
            assertEquals(0, exit, child.output());
            assertEquals("", child.stderr());
        }
        final List<String> lines = report.lines().toList();
        assertTrue(lines.get(0).startsWith("eventpipe monolith (Disruptor, wait=backoff, ring=16384), " +
            "workload events, over generated (seed 42, 10000 users, 20000 events)"), report);
        assertTrue(lines.contains("results:"), report);
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("  click     count=")), report);
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("  purchase  count=")), report);
        assertTrue(lines.contains("lines: read=20000 blank=0 accepted=20000 (kept=11933 filtered=8067) rejected=0 " +
            "failed=0"), report);
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("latency (ingest publish -> aggregate applied")),
            report);
        assertTrue(lines.contains("handler errors: 0"), report);
    }

    private void assertUsageError(final int status)
    {
        assertEquals(ExitCodes.USAGE, status, out() + err());
        final List<String> errLines = new ArrayList<>(err().lines().toList());
        assertEquals(1, errLines.size(), err());
        assertTrue(errLines.get(0).startsWith("Monolith: error: "), err());
        assertFalse(err().contains("\tat "), err());
        assertFalse(err().contains("Exception"), err());
    }

    private int run(final String... args)
    {
        final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        return MonolithCommand.execute(args, out, err);
    }

    private void resetStreams()
    {
        outBytes.reset();
        errBytes.reset();
    }

    private String out()
    {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err()
    {
        return errBytes.toString(StandardCharsets.UTF_8);
    }
}
