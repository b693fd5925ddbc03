package org.eventpipe.chronicle;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eventpipe.monolith.MonolithConfiguration;
import org.eventpipe.support.JacksonReference;
import org.eventpipe.support.ReferenceOutcome;
import org.eventpipe.workload.EventGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs the real {@code SplitPipeline} launcher from {@code ipc-chronicle.jar} as a child process for the end-to-end
 * tests, and says what an undisturbed run must produce ({@link Reference}).
 */
final class SplitRuns
{
    static final String READY = "eventpipe stage ready: ";
    static final Path JAR = Path.of(System.getProperty("eventpipe.test.jar", "target/ipc-chronicle.jar"));
    private static final Pattern RUN_DIRECTORY = Pattern.compile("run directory (\\S+)");
    private static final Pattern LINES = Pattern.compile("(?m)^lines: (.*)$");

    private SplitRuns()
    {
    }

    /**
     * Write an NDJSON input: generated events with, every 97th line, a line that fails to parse in one of several
     * ways, and every 211th line blank; so that rejects and their pass-through frames travel every edge.
     */
    static Path writeInput(final Path file, final long events) throws IOException
    {
        final String[] bad = {
            "{\"userId\":1,\"type\":\"click\"", "not json at all",
            "{\"userId\":\"x\",\"type\":\"view\",\"value\":1,\"ts\":1}",
            "{\"userId\":7,\"type\":\"teleport\",\"value\":3,\"ts\":1700000000000}", "[]" };
        final EventGenerator generator = new EventGenerator(7, 5_000, events);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))
        {
            long i = 0;
            while (generator.next())
            {
                i++;
                if (i % 97 == 0)
                {
                    out.write(bad[(int)(i / 97 % bad.length)].getBytes(StandardCharsets.US_ASCII));
                    out.write('\n');
                }
                if (i % 211 == 0)
                {
                    out.write('\n');
                }
                out.write(generator.lineBuffer(), generator.lineOffset(), generator.lineLength());
                out.write('\n');
            }
        }
        return file;
    }

    /**
     * An NDJSON input with bad lines of every kind mixed with generated events: malformed JSON, unknown types, wrong
     * field types, lines longer than the default maximum line length, blank and whitespace-only lines, and CRLF line
     * ends (on valid and on blank lines).
     */
    static byte[] hostileInput(final long events) throws IOException
    {
        final String overlong = "{\"userId\":1,\"type\":\"click\",\"value\":1,\"ts\":1,\"pad\":\"" +
            "x".repeat(MonolithConfiguration.MAX_LINE_LENGTH_DEFAULT) + "\"}";
        final String[] bad = {
            "{\"userId\":1,\"type\":\"click\"", "not json at all",
            "{\"userId\":7,\"type\":\"teleport\",\"value\":3,\"ts\":1700000000000}",
            "{\"userId\":\"x\",\"type\":\"view\",\"value\":1,\"ts\":1}", "[]",
            "{\"userId\":1,\"type\":\"click\",\"value\":1,\"ts\":1700000000000,}", "{}", "\"just a string\"",
            "{\"userId\":3,\"type\":\"purchase\",\"value\":1e999999,\"ts\":1700000000000}" };
        final String[] blank = { "", "   \t ", "\r", " \r" };
        final EventGenerator generator = new EventGenerator(11, 2_000, events);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        long i = 0;
        while (generator.next())
        {
            i++;
            if (i % 29 == 0)
            {
                out.write(bad[(int)(i / 29 % bad.length)].getBytes(StandardCharsets.US_ASCII));
                out.write('\n');
            }
            if (i % 1_999 == 0)
            {
                out.write(overlong.getBytes(StandardCharsets.US_ASCII));
                out.write('\n');
            }
            if (i % 43 == 0)
            {
                out.write(blank[(int)(i / 43 % blank.length)].getBytes(StandardCharsets.US_ASCII));
                out.write('\n');
            }
            out.write(generator.lineBuffer(), generator.lineOffset(), generator.lineLength());
            if (i % 7 == 0)
            {
                out.write('\r');
            }
            out.write('\n');
        }
        return out.toByteArray();
    }

    /**
     * The offset just after the first line feed at or after an offset that ends a plain valid line (no CR, not
     * blank, not a bad line): a point to pause a paced input at which every line before it is complete.
     */
    static int lineBoundary(final byte[] input, final int at)
    {
        for (int i = at; i < input.length; i++)
        {
            if ('\n' == input[i] && i > 0 && '}' == input[i - 1] && input.length > i + 1 && '{' == input[i + 1])
            {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no line boundary after " + at);
    }

    /**
     * Lines in the first bytes of an input, as the reader counts them: one per line feed.
     */
    static long lines(final byte[] input, final int length)
    {
        long lines = 0;
        for (int i = 0; i < length; i++)
        {
            if ('\n' == input[i])
            {
                lines++;
            }
        }
        return lines;
    }

    /**
     * What an undisturbed run must produce on an input: results, rejects file and counts, from the Jackson reference
     * ({@link JacksonReference}), which shares no code with the pipeline. The single place that says what "the same
     * as an undisturbed run" means for the fault tests.
     */
    static final class Reference
    {
        private final ReferenceOutcome outcome;

        private Reference(final ReferenceOutcome outcome)
        {
            this.outcome = outcome;
        }

        static Reference of(final Path input) throws IOException
        {
            return new Reference(JacksonReference.defaults().run(input));
        }

        long linesRead()
        {
            return outcome.linesRead();
        }

        long keptAndRejected()
        {
            return outcome.kept() + outcome.rejected();
        }

        /**
         * Events a stage sends downstream after parse: every line that is neither blank nor failed.
         */
        long eventsAfterParse()
        {
            return outcome.kept() + outcome.filtered() + outcome.rejected();
        }

        /**
         * Assert that a split run's results file, rejects file and {@code lines:} summary equal the reference's.
         */
        void assertSameAs(final Path resultsFile, final Path rejectsFile, final String report) throws IOException
        {
            assertEquals(List.of(), outcome.reportMismatches(report), report);
            assertEquals(List.of(), outcome.resultsFileMismatches(read(resultsFile)), report);
            assertEquals(List.of(), outcome.rejectsFileMismatches(Files.readAllBytes(rejectsFile)), report);
        }
    }

    /**
     * Start the launcher.
     */
    static Process start(final Path output, final String... arguments) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(JAR.toAbsolutePath().toString());
        command.add("SplitPipeline");
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    /**
     * Wait for a process, stopping it after a deadline as {@link #stop(Process)} does: a SIGTERM first, so that a
     * launcher stops its stages and removes its run directory (a SIGKILL of the launcher and its stages at once
     * would leave the run directory in {@code /dev/shm}), then SIGKILL to what is left.
     */
    static int await(final Process process, final long seconds) throws InterruptedException
    {
        if (!process.waitFor(seconds, TimeUnit.SECONDS))
        {
            stop(process);
            throw new AssertionError("launcher did not finish within " + seconds + " s");
        }
        return process.exitValue();
    }

    /**
     * The stage process of a name among the launcher's children.
     */
    static Optional<ProcessHandle> stage(final Process launcher, final String stage)
    {
        return launcher.children().filter((child) -> child.info().arguments()
            .map((args) -> String.join(" ", args).contains("--stage " + stage + " ")).orElse(false)).findFirst();
    }

    /**
     * The run directory the launcher printed.
     */
    static Path runDirectory(final Path output, final long timeoutMillis) throws Exception
    {
        final long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline)
        {
            final Matcher matcher = RUN_DIRECTORY.matcher(read(output));
            if (matcher.find())
            {
                return Path.of(matcher.group(1));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no run directory printed: " + read(output));
    }

    /**
     * Wait until a file contains a string.
     */
    static void awaitContains(final Path file, final String text, final long timeoutMillis) throws Exception
    {
        final long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline)
        {
            if (Files.exists(file) && read(file).contains(text))
            {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("'" + text + "' not in " + file + " after " + timeoutMillis + " ms: " +
            (Files.exists(file) ? read(file) : "(missing)"));
    }

    /**
     * Wait until a file holds a given number of lines containing a string, and return the last of them.
     */
    static String awaitLine(final Path file, final String text, final int occurrence, final long timeoutMillis)
        throws Exception
    {
        final long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline)
        {
            if (Files.exists(file))
            {
                int seen = 0;
                for (final String line : read(file).split("\n"))
                {
                    if (line.contains(text) && ++seen == occurrence)
                    {
                        return line;
                    }
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError(occurrence + " line(s) with '" + text + "' not in " + file + " after " +
            timeoutMillis + " ms: " + (Files.exists(file) ? read(file) : "(missing)"));
    }

    /**
     * The {@code lines:} summary of a report.
     */
    static String linesSummary(final String report)
    {
        final Matcher matcher = LINES.matcher(report);
        if (!matcher.find())
        {
            throw new AssertionError("no lines summary in: " + report);
        }
        return matcher.group(1).trim();
    }

    /**
     * Where the launcher puts the queues of a run by default: beside the run directory.
     */
    static Path queueDirectory(final Path runDirectory)
    {
        return Path.of(runDirectory + ChronicleConfiguration.QUEUE_DIR_SUFFIX);
    }

    /**
     * Remove a directory tree if it exists (the queues a failed run keeps).
     */
    static void deleteTree(final Path root) throws IOException
    {
        if (Files.exists(root))
        {
            QueueDirectories.delete(root);
        }
    }

    /**
     * Stop a launcher that a failed test leaves running: SIGTERM, so that it stops its stages and removes its run
     * directory, then SIGKILL to it and every process below it if it is still there after a grace period.
     */
    static void stop(final Process launcher) throws InterruptedException
    {
        if (null == launcher)
        {
            return;
        }
        launcher.destroy();
        if (!launcher.waitFor(10, TimeUnit.SECONDS))
        {
            killTree(launcher);
        }
    }

    /**
     * SIGKILL a launcher and every process below it.
     */
    static void killTree(final Process launcher)
    {
        try (Stream<ProcessHandle> descendants = launcher.descendants())
        {
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
        launcher.destroyForcibly();
    }

    static String read(final Path file) throws IOException
    {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
