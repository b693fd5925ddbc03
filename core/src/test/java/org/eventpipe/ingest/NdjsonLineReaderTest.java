package org.eventpipe.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class NdjsonLineReaderTest
{
    private static final int MAX_LINE_LENGTH = 32;

    @Test
    void shouldReassembleLinesSplitAcrossTinyReads() throws IOException
    {
        final StringBuilder input = new StringBuilder();
        final List<String> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++)
        {
            final String line = "{\"n\":" + i + ",\"pad\":\"" + "x".repeat(i % 17) + "\"}";
            expected.add(line);
            input.append(line).append('\n');
        }

        final List<Line> lines = readAll(new TrickleInputStream(bytes(input.toString()), 7), 64);

        assertEquals(expected.size(), lines.size());
        for (int i = 0; i < expected.size(); i++)
        {
            assertEquals(expected.get(i), lines.get(i).text());
            assertEquals(i + 1, lines.get(i).number());
        }
    }

    @Test
    void shouldReturnFinalLineWithoutNewline() throws IOException
    {
        final List<Line> lines = readAll(new TrickleInputStream(bytes("a\nbc"), 1), MAX_LINE_LENGTH);

        assertEquals(List.of(new Line("a", 1, 1), new Line("bc", 2, 2)), lines);
    }

    @Test
    void shouldNotInventLineAfterFinalNewline() throws IOException
    {
        assertEquals(List.of(new Line("a", 1, 1)), readAll(new ByteArrayInputStream(bytes("a\n")), MAX_LINE_LENGTH));
        assertEquals(List.of(), readAll(new ByteArrayInputStream(new byte[0]), MAX_LINE_LENGTH));
    }

    @Test
    void shouldKeepCarriageReturnOfCrlfLineWhichIsBlankSpaceToTheParser() throws IOException
    {
        final List<Line> lines = readAll(new TrickleInputStream(bytes("{}\r\n\r\n[1]\r\n"), 7), MAX_LINE_LENGTH);

        assertEquals(List.of(new Line("{}\r", 3, 1), new Line("\r", 1, 2), new Line("[1]\r", 4, 3)), lines);
        assertTrue(LineSource.isBlank(bytes("\r"), 0, 1));
    }

    @Test
    void shouldReturnEmptyLinesAndCountThem() throws IOException
    {
        final List<Line> lines = readAll(new TrickleInputStream(bytes("\n\na\n\n"), 3), MAX_LINE_LENGTH);

        assertEquals(List.of(new Line("", 0, 1), new Line("", 0, 2), new Line("a", 1, 3), new Line("", 0, 4)), lines);
    }

    @Test
    void shouldReportOverlongLineWithTrueLengthAndKeepNextLineIntact() throws IOException
    {
        final String longLine = "L".repeat(MAX_LINE_LENGTH) + "M".repeat(3 * MAX_LINE_LENGTH + 5);
        final String input = "first\n" + longLine + "\nnext line\n" + longLine + "\nlast";

        for (final int maxRead : new int[]{ 1, 7, 1 << 16 })
        {
            final List<Line> lines = readAll(new TrickleInputStream(bytes(input), maxRead), MAX_LINE_LENGTH);

            assertEquals(5, lines.size(), "max read " + maxRead);
            assertEquals(new Line("first", 5, 1), lines.get(0));
            assertEquals(longLine.length(), lines.get(1).length());
            assertTrue(lines.get(1).text().startsWith("L".repeat(MAX_LINE_LENGTH)));
            assertEquals(new Line("next line", 9, 3), lines.get(2));
            assertEquals(longLine.length(), lines.get(3).length());
            assertEquals(new Line("last", 4, 5), lines.get(4));
        }
    }

    @Test
    void shouldReportOverlongFinalLineWithoutNewline() throws IOException
    {
        final String longLine = "x".repeat(5 * MAX_LINE_LENGTH);

        final List<Line> lines = readAll(new TrickleInputStream(bytes("a\n" + longLine), 5), MAX_LINE_LENGTH);

        assertEquals(2, lines.size());
        assertEquals(longLine.length(), lines.get(1).length());
        assertEquals(2, lines.get(1).number());
    }

    @Test
    void shouldStreamInputLargerThanItsBuffer() throws IOException
    {
        final int count = 200_000;
        final StringBuilder input = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            input.append(i).append('\n');
        }
        final Random random = new Random(1);
        try (NdjsonLineReader reader = new NdjsonLineReader(
            new TrickleInputStream(bytes(input.toString()), 1 << 15, random), "test", MAX_LINE_LENGTH))
        {
            for (int i = 0; i < count; i++)
            {
                assertTrue(reader.next());
                assertEquals(Integer.toString(i), text(reader, MAX_LINE_LENGTH));
            }
            assertFalse(reader.next());
        }
    }

    @Test
    void shouldCloseUnderlyingStream() throws IOException
    {
        final TrickleInputStream input = new TrickleInputStream(bytes("a"), 1);
        final NdjsonLineReader reader = new NdjsonLineReader(input, "test", MAX_LINE_LENGTH);

        reader.close();

        assertTrue(input.closed);
        assertEquals("test", reader.description());
    }

    private record Line(String text, int length, long number)
    {
    }

    private static List<Line> readAll(final InputStream input, final int maxLineLength) throws IOException
    {
        final List<Line> lines = new ArrayList<>();
        try (NdjsonLineReader reader = new NdjsonLineReader(input, "test", maxLineLength))
        {
            while (reader.next())
            {
                lines.add(new Line(text(reader, maxLineLength), reader.lineLength(), reader.lineNumber()));
            }
        }
        return lines;
    }

    private static String text(final LineSource source, final int maxLineLength)
    {
        final int held = Math.min(source.lineLength(), maxLineLength);
        return new String(source.lineBuffer(), source.lineOffset(), held, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Returns between 1 and {@code maxRead} bytes per read, as pipes and sockets do.
     */
    private static final class TrickleInputStream extends InputStream
    {
        private final byte[] data;
        private final int maxRead;
        private final Random random;
        private int position;
        private boolean closed;

        TrickleInputStream(final byte[] data, final int maxRead)
        {
            this(data, maxRead, new Random(maxRead));
        }

        TrickleInputStream(final byte[] data, final int maxRead, final Random random)
        {
            this.data = data;
            this.maxRead = maxRead;
            this.random = random;
        }

        public int read()
        {
            return position < data.length ? data[position++] & 0xFF : -1;
        }

        public int read(final byte[] buffer, final int offset, final int length)
        {
            if (position >= data.length)
            {
                return -1;
            }
            final int count = Math.min(Math.min(length, 1 + random.nextInt(maxRead)), data.length - position);
            System.arraycopy(data, position, buffer, offset, count);
            position += count;
            return count;
        }

        public void close()
        {
            closed = true;
        }
    }
}
