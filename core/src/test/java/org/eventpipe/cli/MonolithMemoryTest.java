package org.eventpipe.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eventpipe.monolith.MonolithConfiguration;
import org.eventpipe.testing.ChildProcess;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bounded monolith memory (issue 15, finding 7), checked by what fits rather than by a timing: the monolith runs as a
 * real process with a 64 MiB heap ({@value #HEAP}) over 96 MiB of lines at the maximum line length, at the default
 * maximum (16 KiB) and at {@code --max-line-length 1048576}, on both queues. When each of the 16,384 ring slots grew
 * to the longest line it had held, these inputs needed 96 MiB of slot buffers and both ended in
 * {@code OutOfMemoryError} under this heap (checked on the commit before the bounded slots). Now a slot keeps at most
 * {@value MonolithConfiguration#SLOT_LINE_CAPACITY_DEFAULT} bytes and a long line borrows one of a pool of
 * {@value MonolithConfiguration#LONG_LINE_POOL_BYTES_DEFAULT} bytes of buffers, so both pass with every line counted.
 */
final class MonolithMemoryTest
{
    private static final String HEAP = "-Xmx64m";
    private static final long INPUT_BYTES = 96L << 20;
    private static final long CHILD_DEADLINE_SECONDS = 120;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} queue, lines of {1} bytes")
    @CsvSource({ "disruptor, 16384", "jdk, 16384", "disruptor, 1048576", "jdk, 1048576" })
    @Timeout(CHILD_DEADLINE_SECONDS + 60)
    void shouldRunLinesAtTheMaximumLengthInAHeapSmallerThanTheInput(final String queue, final int maxLineLength)
        throws IOException, InterruptedException
    {
        final int lines = (int)(INPUT_BYTES / maxLineLength);
        final Path input = writeLines(dir.resolve("long-lines.ndjson"), lines, maxLineLength);
        final List<String> command = new ArrayList<>(List.of(ChildProcess.javaCommand(), HEAP, "-cp",
            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
            "Monolith", "--input", input.toString(), "--queue", queue));
        if (MonolithConfiguration.MAX_LINE_LENGTH_DEFAULT != maxLineLength)
        {
            command.addAll(List.of("--max-line-length", Integer.toString(maxLineLength)));
        }
        final Map<String, String> environment = new HashMap<>();
        environment.put("JDK_JAVA_OPTIONS", null);
        environment.put("JAVA_TOOL_OPTIONS", null);
        environment.put("_JAVA_OPTIONS", null);

        try (ChildProcess child = ChildProcess.start(dir, command, environment))
        {
            final int exit = child.awaitExit(CHILD_DEADLINE_SECONDS);
            final String output = child.output();

            assertFalse(output.contains("OutOfMemoryError"), output);
            assertEquals(ExitCodes.OK, exit, output);
            assertTrue(output.contains("lines: read=" + (lines + 2) + " blank=0 accepted=" + (lines + 1) +
                " (kept=" + (lines + 1) + " filtered=0) rejected=1 failed=0"), output);
            assertTrue(output.contains("rejected by reason: LINE_TOO_LONG=1"), output);
            assertTrue(output.contains("checks: OK"), output);
        }
    }

    /**
     * Lines of exactly the maximum length, each with its own value after the padding, then one line over the maximum
     * and a short one.
     */
    private static Path writeLines(final Path file, final int lines, final int maxLineLength) throws IOException
    {
        final byte[] pad = "p".repeat(maxLineLength).getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))
        {
            for (int i = 0; i <= lines; i++)
            {
                final byte[] head = "{\"pad\":\"".getBytes(StandardCharsets.US_ASCII);
                final byte[] tail = ("\",\"userId\":" + i + ",\"type\":\"click\",\"value\":" + i + ",\"ts\":1}\n")
                    .getBytes(StandardCharsets.US_ASCII);
                final int length = i < lines ? maxLineLength : maxLineLength + 1;
                out.write(head);
                out.write(pad, 0, length - head.length - (tail.length - 1));
                out.write(tail);
            }
            out.write("{\"userId\":1,\"type\":\"click\",\"value\":1,\"ts\":1}\n".getBytes(StandardCharsets.US_ASCII));
        }
        return file;
    }
}
