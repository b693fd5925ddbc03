package org.eventpipe.counters;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.eventpipe.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code EventpipeStat} prints every stage's counters found in a run directory, in pipeline order, and says so in
 * one line when there are none or the directory does not exist.
 */
final class StatCommandTest
{
    @TempDir
    Path runDirectory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void shouldPrintTheCountersOfEveryStageInPipelineOrder()
    {
        try (StageCounters parse = StageCounters.mapped(StageCountersFile.path(runDirectory, "parse"));
            StageCounters ingest = StageCounters.mapped(StageCountersFile.path(runDirectory, "ingest")))
        {
            ingest.get(PipelineCounter.LINES_READ).setRelease(123_456);
            parse.get(PipelineCounter.REJECTED).setRelease(789);
            parse.get(PipelineCounter.HEARTBEAT).setRelease(System.currentTimeMillis());

            assertEquals(ExitCodes.OK, run(runDirectory.toString()));
        }

        final String printed = out.toString(StandardCharsets.UTF_8);
        final String header = line(printed, "counter ");
        assertTrue(header.indexOf("ingest") < header.indexOf("parse"), header);
        assertTrue(line(printed, "lines read").matches("lines read\\s+123456\\s+0"), printed);
        assertTrue(line(printed, "lines rejected").matches("lines rejected\\s+0\\s+789"), printed);
        assertTrue(line(printed, "heartbeat age (ms)").matches("heartbeat age \\(ms\\)\\s+-\\s+\\d+"), printed);
        assertTrue(line(printed, "pid").contains(Long.toString(ProcessHandle.current().pid())), printed);
    }

    @Test
    void shouldSaySoWhenTheDirectoryHoldsNoCounters()
    {
        assertEquals(ExitCodes.FAILED, run(runDirectory.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("no stage counters in " + runDirectory));
    }

    @Test
    void shouldRejectMissingDirectoryInOneLine()
    {
        assertEquals(ExitCodes.USAGE, run(runDirectory.resolve("absent").toString()));
        final String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains("does not exist"), message);
    }

    private int run(final String... args)
    {
        return StatCommand.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String line(final String text, final String prefix)
    {
        return text.lines().filter((line) -> line.startsWith(prefix)).findFirst()
            .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + text)).trim();
    }
}
