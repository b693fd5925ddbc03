package org.eventpipe.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.eventpipe.model.RejectReason;
import org.eventpipe.workload.items.WorkItemGenerator;
import org.eventpipe.workload.items.WorkItemResults;

/**
 * A hostile work-items input for the end-to-end tests, and the checks of a run's files against
 * {@link WorkItemReference}. The input is the production generator's items with, every {@value #BAD_EVERY} items, one
 * bad or odd line in turn: malformed JSON, a non-object, a missing field, a repeated field, wrong types, an id out of
 * range, vectors and matrices of 63 and 65 elements, NaN literals, an infinite element, zero, negative zero,
 * overflowing and subnormal vectors, invalid UTF-8, lines longer than the default maximum line length (valid JSON
 * padded, and garbage), valid lines padded to the maximum line length and one byte over (with and without a CR),
 * blank and whitespace-only lines, a bad line ending in CR; every fifth item ends in CRLF, and the last line has no
 * newline.
 */
public final class HostileWorkItems
{
    /** Items between two inserted lines. */
    public static final int BAD_EVERY = 23;

    /** The default {@code --max-line-length} of the monolith and the split stages. */
    public static final int MAX_LINE_LENGTH = 16_384;

    private static final int LENGTH = JacksonWorkItemOracle.ARRAY_LENGTH;

    private HostileWorkItems()
    {
    }

    /**
     * The hostile input.
     *
     * @param seed  of the generator.
     * @param items generated items, besides the inserted lines.
     * @return the bytes of the whole input.
     */
    public static byte[] input(final long seed, final int items)
    {
        final List<byte[]> odd = oddLines();
        final WorkItemGenerator generator = new WorkItemGenerator(seed, items);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        int next = 0;
        while (generator.next())
        {
            out.write(generator.lineBuffer(), generator.lineOffset(), generator.lineLength());
            if (generator.lineNumber() % 5 == 0)
            {
                out.write('\r');
            }
            out.write('\n');
            if (generator.lineNumber() % BAD_EVERY == 0)
            {
                out.writeBytes(odd.get(next++ % odd.size()));
                out.write('\n');
            }
        }
        out.writeBytes(line("99", counting(3), counting(4)).getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /**
     * What differs between a run's output files and summary counts and the reference's outcome; also checks that
     * every line is accounted for ({@code read = blank + accepted + rejected}, {@code accepted = kept + filtered},
     * none failed, one rejects record per rejected line).
     *
     * @param expected     the reference's outcome of the input.
     * @param resultsFile  bytes of the run's {@code --results} file.
     * @param rejectsFile  bytes of the run's {@code --rejects} file.
     * @param summaryCount the {@code counts} object of the run's {@code --summary} file.
     * @return one line per difference; empty if none.
     */
    public static List<String> mismatches(
        final WorkItemReference.Outcome expected,
        final byte[] resultsFile,
        final byte[] rejectsFile,
        final JsonNode summaryCount)
    {
        final List<String> mismatches = new ArrayList<>();
        final String results = new String(resultsFile, StandardCharsets.UTF_8);
        if (!results.endsWith("\n") || results.indexOf('\n') != results.length() - 1)
        {
            mismatches.add("results file is not one line: " + results);
        }
        else
        {
            mismatches.addAll(expected.mismatches(WorkItemResults.fromText(results.trim())));
        }

        mismatches.addAll(rejectsMismatches(expected, rejectsFile));

        compare(mismatches, summaryCount, "linesRead", expected.lines());
        compare(mismatches, summaryCount, "blank", expected.blank());
        compare(mismatches, summaryCount, "accepted", expected.accepted());
        compare(mismatches, summaryCount, "kept", expected.kept());
        compare(mismatches, summaryCount, "filtered", expected.filtered());
        compare(mismatches, summaryCount, "rejected", expected.rejected());
        compare(mismatches, summaryCount, "failed", 0);
        for (final RejectReason reason : RejectReason.values())
        {
            final JsonNode count = summaryCount.path("rejectedByReason").path(reason.name());
            if (count.asLong(0) != expected.rejected(reason))
            {
                mismatches.add("counts.rejectedByReason." + reason + ": expected " + expected.rejected(reason) +
                    ", was " + count);
            }
        }
        final long read = summaryCount.path("linesRead").asLong(-1);
        final long accounted = summaryCount.path("blank").asLong() + summaryCount.path("accepted").asLong() +
            summaryCount.path("rejected").asLong() + summaryCount.path("failed").asLong();
        if (read != accounted)
        {
            mismatches.add("lines not accounted for: read " + read + " != blank + accepted + rejected + failed " +
                accounted);
        }
        if (summaryCount.path("accepted").asLong() !=
            summaryCount.path("kept").asLong() + summaryCount.path("filtered").asLong())
        {
            mismatches.add("accepted != kept + filtered: " + summaryCount);
        }
        return mismatches;
    }

    /**
     * Lines in an input as the reader counts them: one per line feed, and one more for a last line without one.
     *
     * @param input bytes.
     * @return the lines.
     */
    public static long lines(final byte[] input)
    {
        long lines = 0;
        for (final byte b : input)
        {
            if ('\n' == b)
            {
                lines++;
            }
        }
        return input.length > 0 && '\n' != input[input.length - 1] ? lines + 1 : lines;
    }

    private static List<String> rejectsMismatches(final WorkItemReference.Outcome expected, final byte[] rejectsFile)
    {
        final List<String> mismatches = new ArrayList<>();
        final String text = new String(rejectsFile, StandardCharsets.ISO_8859_1);
        if (!text.isEmpty() && !text.endsWith("\n"))
        {
            mismatches.add("rejects file does not end in a newline");
        }
        final List<WorkItemReference.Reject> actual = new ArrayList<>();
        int start = 0;
        while (start < text.length())
        {
            final int newline = text.indexOf('\n', start);
            final int end = newline < 0 ? text.length() : newline;
            final String record = text.substring(start, end);
            final int firstTab = record.indexOf('\t');
            final int secondTab = firstTab < 0 ? -1 : record.indexOf('\t', firstTab + 1);
            try
            {
                actual.add(new WorkItemReference.Reject(Long.parseLong(record.substring(0, firstTab)),
                    RejectReason.valueOf(record.substring(firstTab + 1, secondTab)), record.substring(secondTab + 1)));
            }
            catch (final RuntimeException ex)
            {
                mismatches.add("rejects record " + (actual.size() + 1) + " is not 'number<TAB>REASON<TAB>line': " +
                    record.substring(0, Math.min(record.length(), 100)));
                return mismatches;
            }
            start = end + 1;
        }
        final List<WorkItemReference.Reject> wanted = expected.rejects();
        if (wanted.size() != actual.size())
        {
            mismatches.add("rejects records: expected " + wanted.size() + ", were " + actual.size());
        }
        for (int i = 0; i < Math.min(wanted.size(), actual.size()); i++)
        {
            if (!wanted.get(i).equals(actual.get(i)))
            {
                mismatches.add("rejects record " + (i + 1) + ": expected " + abbreviate(wanted.get(i)) + ", was " +
                    abbreviate(actual.get(i)));
                break;
            }
        }
        return mismatches;
    }

    private static String abbreviate(final WorkItemReference.Reject reject)
    {
        final String excerpt = reject.excerpt();
        return reject.lineNumber() + " " + reject.reason() + " " +
            (excerpt.length() > 80 ? excerpt.substring(0, 80) + "...(" + excerpt.length() + ")" : excerpt);
    }

    private static void compare(
        final List<String> mismatches, final JsonNode counts, final String name, final long expected)
    {
        final JsonNode actual = counts.path(name);
        if (!actual.isIntegralNumber() || actual.asLong() != expected)
        {
            mismatches.add("counts." + name + ": expected " + expected + ", was " + actual);
        }
    }

    private static List<byte[]> oddLines()
    {
        final String valid = line("7", counting(1), counting(100));
        final List<String> text = List.of(
            "{\"id\":1,",
            "not json at all",
            "[1,2,3]",
            "{\"id\":2,\"vector\":" + array(counting(0)) + "}",
            line("3", repeat("NaN"), counting(0)),
            line("4", counting(0), repeat("-NaN")),
            line("5", repeat("0"), counting(0)),
            "",
            line("6", repeat("-0.0"), counting(0)),
            line("7", repeat("1e999"), counting(0)),
            line("8", counting(0), Arrays.copyOf(counting(0), LENGTH - 1)),
            "   \t ",
            line("9", counting(0, LENGTH + 1), counting(0)),
            line("10", repeat("1.7976931348623157e308"), counting(0)),
            line("11", repeat("4.9e-324"), counting(5)),
            "{\"id\":12,\"id\":13,\"vector\":" + array(counting(0)) + ",\"matrix\":" + array(counting(0)) + "}",
            "\r",
            line("\"14\"", counting(0), counting(0)),
            line("-15", counting(0), counting(0)),
            line("16", with(counting(0), 17, "\"x\""), counting(0)),
            valid + " ".repeat(MAX_LINE_LENGTH),
            "#".repeat(MAX_LINE_LENGTH + 1),
            "{\"id\":17,\r",
            line("18", with(repeat("0"), 63, "-1e-300"), with(counting(0), 9, "-7.25e2")),
            "{}",
            padded(line("20", counting(2), counting(3)), MAX_LINE_LENGTH),
            padded(line("21", counting(2), counting(3)), MAX_LINE_LENGTH + 1),
            padded(line("22", counting(2), counting(3)), MAX_LINE_LENGTH - 1) + "\r",
            padded(line("23", counting(2), counting(3)), MAX_LINE_LENGTH) + "\r");
        final List<byte[]> lines = new ArrayList<>();
        for (final String line : text)
        {
            lines.add(line.getBytes(StandardCharsets.US_ASCII));
        }
        final byte[] invalidUtf8 = line("19", counting(0), counting(0)).getBytes(StandardCharsets.US_ASCII);
        invalidUtf8[invalidUtf8.length - 1] = (byte)0xFF;
        lines.add(invalidUtf8);
        return lines;
    }

    private static String padded(final String line, final int length)
    {
        return line + " ".repeat(length - line.length());
    }

    private static String[] repeat(final String number)
    {
        final String[] numbers = new String[LENGTH];
        Arrays.fill(numbers, number);
        return numbers;
    }

    private static String[] counting(final int first)
    {
        return counting(first, LENGTH);
    }

    private static String[] counting(final int first, final int length)
    {
        final String[] numbers = new String[length];
        for (int i = 0; i < length; i++)
        {
            numbers[i] = Integer.toString(first + i);
        }
        return numbers;
    }

    private static String[] with(final String[] numbers, final int index, final String number)
    {
        numbers[index] = number;
        return numbers;
    }

    private static String array(final String... elements)
    {
        return "[" + String.join(",", elements) + "]";
    }

    private static String line(final String id, final String[] vector, final String[] matrix)
    {
        return "{\"id\":" + id + ",\"vector\":" + array(vector) + ",\"matrix\":" + array(matrix) + "}";
    }
}
