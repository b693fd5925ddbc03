package org.eventpipe.chronicle;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
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

import org.eventpipe.ingest.NdjsonLineReader;
import org.eventpipe.metrics.RejectSink;
import org.eventpipe.metrics.RunResult;
import org.eventpipe.monolith.MonolithConfiguration;
import org.eventpipe.monolith.MonolithPipeline;
import org.eventpipe.monolith.PipelineSettings;
import org.eventpipe.workload.EventGenerator;

/**
 * Runs the real {@code SplitPipeline} launcher from {@code ipc-chronicle.jar} as a child process, and the monolith
 * in-process on the same input, for the end-to-end tests.
 */
final class SplitRuns
{
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
     * The monolith's results on a file.
     */
    static RunResult monolith(final Path input) throws IOException
    {
        try (InputStream in = Files.newInputStream(input))
        {
            return new MonolithPipeline(PipelineSettings.defaults(), RejectSink.NONE).run(
                new NdjsonLineReader(in, input.toString(), MonolithConfiguration.MAX_LINE_LENGTH_DEFAULT));
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
     * Wait for a process, killing it (and its children) after a deadline.
     */
    static int await(final Process process, final long seconds) throws InterruptedException
    {
        if (!process.waitFor(seconds, TimeUnit.SECONDS))
        {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
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

    static String read(final Path file) throws IOException
    {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
