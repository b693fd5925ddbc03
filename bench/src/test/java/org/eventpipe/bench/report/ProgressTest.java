package org.eventpipe.bench.report;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class ProgressTest
{
    private static final long SECOND = 1_000_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void shouldEstimateEachRemainingRunFromTheSameRowInAnEarlierRoundElseFromTheMean()
    {
        final Progress progress = new Progress(out, false, List.of("cold|monolith", "cold|chronicle batch 1",
            "cold|monolith", "cold|chronicle batch 1", "steady|monolith"));

        assertEquals(-1, progress.estimateFrom(0));
        progress.finished(0, 2 * SECOND);
        progress.finished(1, 20 * SECOND);

        assertEquals(2 * SECOND + 20 * SECOND + 11 * SECOND, progress.estimateFrom(2));
        assertEquals(20 * SECOND + 11 * SECOND, progress.estimateFrom(3));
    }

    @Test
    void shouldPrintOnePlainLinePerRunWhenNotATerminal()
    {
        final Progress progress = new Progress(out, false, List.of("cold|a", "cold|b"));

        progress.starting(0, "first");
        progress.finished(0, 3 * SECOND);
        progress.starting(1, "second");
        progress.done();

        final List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("run 1/2, 1 left after it") && lines.get(0).endsWith("first"), lines.get(0));
        assertTrue(lines.get(1).contains("about 0m03s left"), lines.get(1));
        assertFalse(bytes.toString(StandardCharsets.UTF_8).contains("\r"));
    }

    @Test
    void shouldRewriteOneLineInPlaceOnATerminal()
    {
        final Progress progress = new Progress(out, true, List.of("cold|a", "cold|b"));

        progress.starting(0, "a much longer first description");
        progress.starting(1, "short");

        final String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(2, text.chars().filter((c) -> '\r' == c).count(), text);
        assertFalse(text.contains("\n"), text);
    }
}
