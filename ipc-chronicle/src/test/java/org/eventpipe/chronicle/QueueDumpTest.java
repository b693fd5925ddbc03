package org.eventpipe.chronicle;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eventpipe.cli.ExitCodes;
import org.eventpipe.testing.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code QueueDump} on the queues a real chronicle run kept, started as a user starts it ({@code java -cp
 * ipc-chronicle.jar QueueDump DIR}, without Chronicle's JVM flags, so that its re-start with them is part of the
 * test): every line, entry and reject the run's summary counts is printed on the edge that carried it, in order, and
 * bad arguments are one line and exit 2.
 */
@Timeout(180)
final class QueueDumpTest
{
    private static final Pattern KEPT = Pattern.compile("chronicle queues kept in (/[^\\s:]+)");
    private static final Pattern QUEUE = Pattern.compile("(?m)^queue \\S+ \\(edge (\\S+)\\)$");
    private static final Pattern BATCH = Pattern.compile("([A-Z_]+) sender=\\S+ seq=(\\d+) events=(\\d+)");

    @TempDir
    Path workDir;

    @Test
    void shouldPrintEveryLineEntryAndRejectEachEdgeCarried() throws Exception
    {
        final Path input = Files.write(workDir.resolve("hostile.ndjson"), SplitRuns.hostileInput(3_000));
        final Path summaryFile = workDir.resolve("summary.json");
        final Path output = workDir.resolve("split.out");
        // no --transport: the one transport on ipc-chronicle.jar's class path
        final Process launcher = SplitRuns.start(output, "--batch", "100",
            "--input", input.toString(), "--summary", summaryFile.toString(), "--keep-queues",
            "--queue-dir", workDir.toString(), "--timeout-s", "120",
            "--stage-jvm-option=-D" + ChronicleConfiguration.WARM_UP_FRAMES_PROP_NAME + "=0");
        try
        {
            assertEquals(ExitCodes.OK, SplitRuns.await(launcher, 150), SplitRuns.read(output));
        }
        finally
        {
            SplitRuns.stop(launcher);
        }
        final Matcher kept = KEPT.matcher(SplitRuns.read(output));
        assertTrue(kept.find(), SplitRuns.read(output));
        final JsonNode counts = new ObjectMapper().readTree(summaryFile.toFile()).get("counts");

        final Process dump = new ProcessBuilder(ChildProcess.javaCommand(), "-cp", SplitRuns.JAR.toAbsolutePath()
            .toString(), "QueueDump", kept.group(1), "--entries", "--max-line-length", "16384")
            .redirectErrorStream(true).start();
        final byte[] printed = dump.getInputStream().readAllBytes();
        assertTrue(dump.waitFor(60, TimeUnit.SECONDS));
        final String text = new String(printed, StandardCharsets.UTF_8);
        assertEquals(ExitCodes.OK, dump.exitValue(), text);
        assertFalse(text.contains("CORRUPT"), text);

        final List<String> edges = new ArrayList<>();
        final Matcher queue = QUEUE.matcher(text);
        while (queue.find())
        {
            edges.add(queue.group(1));
        }
        assertEquals(List.of("ingest-parse", "parse-rules", "rules-aggregate", "aggregate-sink"), edges);

        final long linesSent = counts.get("linesRead").asLong() - counts.get("blank").asLong();
        assertEquals(linesSent, batchEvents(section(text, "ingest-parse"), "RAW_LINE_BATCH"));
        assertEquals(linesSent, printedLines(section(text, "ingest-parse"), "      line "));
        assertEquals(counts.get("accepted").asLong(), batchEvents(section(text, "parse-rules"), "ENTRY_BATCH"));
        assertEquals(counts.get("accepted").asLong(), printedLines(section(text, "parse-rules"), "      entry line "));
        assertEquals(counts.get("kept").asLong(), batchEvents(section(text, "rules-aggregate"), "ENTRY_BATCH"));
        assertEquals(counts.get("rejected").asLong(),
            printedLines(section(text, "aggregate-sink"), "      reject line "));
        assertTrue(counts.get("rejected").asLong() > 0, counts.toString());
    }

    @Test
    void shouldRefuseAMissingDirectoryWithOneLine()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exit = QueueDumpCommand.execute(new String[]{ workDir.resolve("absent").toString() },
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(ExitCodes.USAGE, exit);
        final String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains("does not exist"), message);
    }

    @Test
    void shouldRefuseADirectoryWithoutQueues() throws Exception
    {
        Files.createDirectories(workDir.resolve("empty"));
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exit = QueueDumpCommand.execute(new String[]{ workDir.resolve("empty").toString() },
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(ExitCodes.USAGE, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no chronicle queue in"), err.toString());
    }

    private static String section(final String text, final String edge)
    {
        final int start = text.indexOf("(edge " + edge + ")");
        final int next = text.indexOf("\nqueue ", start);
        return text.substring(start, next < 0 ? text.length() : next);
    }

    private static long batchEvents(final String section, final String type)
    {
        long events = 0;
        long expectedSequence = 0;
        final Matcher batch = BATCH.matcher(section);
        while (batch.find())
        {
            assertEquals(expectedSequence++, Long.parseLong(batch.group(2)), "sequence of " + batch.group());
            if (type.equals(batch.group(1)))
            {
                events += Long.parseLong(batch.group(3));
            }
        }
        return events;
    }

    private static long printedLines(final String section, final String prefix)
    {
        return section.lines().filter((line) -> line.startsWith(prefix)).count();
    }
}
