package org.eventpipe.support;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.eventpipe.handler.AggregateResults;
import org.eventpipe.metrics.PipelineCounts;
import org.eventpipe.metrics.RunResult;
import org.eventpipe.model.EventType;
import org.eventpipe.model.RejectReason;
import org.eventpipe.testing.RecordingRejectSink;
import org.eventpipe.workload.WorkloadResults;

/**
 * What {@link JacksonReference} says a run must produce for an input, and the comparisons of a run's outputs with
 * it. Each comparison returns the mismatches it found, described for a failure message, empty when the output is
 * right; the outputs are read with Jackson and plain string handling, never with the production writers.
 */
public final class ReferenceOutcome
{
    private static final int MAX_LISTED = 10;
    private static final Pattern AVERAGE = Pattern.compile("-?[0-9]+\\.[0-9]{6}");
    private static final BigDecimal HALF_UNIT_OF_SIXTH_DECIMAL = new BigDecimal("0.0000005");
    private static final Pattern LINES = Pattern.compile(
        "(?m)^lines: read=(\\d+) blank=(\\d+) accepted=(\\d+) \\(kept=(\\d+) filtered=(\\d+)\\) rejected=(\\d+) " +
        "failed=(\\d+)$");
    private static final Pattern BY_REASON = Pattern.compile("(?m)^rejected by reason: (.*)$");
    private static final JsonFactory JSON = new JsonFactory();

    private final long linesRead;
    private final long blankLines;
    private final long kept;
    private final long filtered;
    private final long[] rejectedByReason;
    private final long[] countByType;
    private final long[] sumByType;
    private final List<Reject> rejects;

    /**
     * One rejected line.
     *
     * @param lineNumber of the line, from 1.
     * @param reason     of the rejection.
     * @param line       the first bytes of the line as written, one char per byte (ISO-8859-1).
     */
    public record Reject(long lineNumber, RejectReason reason, String line)
    {
        /**
         * The record as a line of the rejects file, without its newline.
         *
         * @return {@code lineNumber<TAB>REASON<TAB>line}.
         */
        public String toFileRecord()
        {
            return lineNumber + "\t" + reason.name() + "\t" + line;
        }
    }

    ReferenceOutcome(
        final long linesRead,
        final long blankLines,
        final long kept,
        final long filtered,
        final long[] rejectedByReason,
        final long[] countByType,
        final long[] sumByType,
        final List<Reject> rejects)
    {
        this.linesRead = linesRead;
        this.blankLines = blankLines;
        this.kept = kept;
        this.filtered = filtered;
        this.rejectedByReason = rejectedByReason.clone();
        this.countByType = countByType.clone();
        this.sumByType = sumByType.clone();
        this.rejects = List.copyOf(rejects);
    }

    /**
     * Lines read, blank ones included.
     *
     * @return the count.
     */
    public long linesRead()
    {
        return linesRead;
    }

    /**
     * Blank lines.
     *
     * @return the count.
     */
    public long blankLines()
    {
        return blankLines;
    }

    /**
     * Events kept by the rules.
     *
     * @return the count.
     */
    public long kept()
    {
        return kept;
    }

    /**
     * Events filtered by the rules.
     *
     * @return the count.
     */
    public long filtered()
    {
        return filtered;
    }

    /**
     * Lines rejected, all reasons.
     *
     * @return the count.
     */
    public long rejected()
    {
        return Arrays.stream(rejectedByReason).sum();
    }

    /**
     * Lines rejected for one reason.
     *
     * @param reason of rejection.
     * @return the count.
     */
    public long rejected(final RejectReason reason)
    {
        return rejectedByReason[reason.ordinal()];
    }

    /**
     * Kept events of one type.
     *
     * @param type of event.
     * @return the count.
     */
    public long count(final EventType type)
    {
        return countByType[type.ordinal()];
    }

    /**
     * Sum of the values of the kept events of one type.
     *
     * @param type of event.
     * @return the sum.
     */
    public long sum(final EventType type)
    {
        return sumByType[type.ordinal()];
    }

    /**
     * The rejected lines in input order.
     *
     * @return the rejects.
     */
    public List<Reject> rejects()
    {
        return rejects;
    }

    /**
     * The expected counts, for failure messages.
     *
     * @return e.g. {@code read=10 blank=1 kept=5 filtered=3 rejected=1 {MALFORMED_JSON=1}}.
     */
    public String toString()
    {
        return "read=" + linesRead + " blank=" + blankLines + " kept=" + kept + " filtered=" + filtered +
            " rejected=" + rejected() + " " + reasons(rejectedByReason);
    }

    /**
     * Compare an in-JVM run (monolith or fused loop): its aggregates, its counts, its rejects as its reject sink
     * received them, and that it reports no problem.
     *
     * @param result  of the run.
     * @param rejects received by the run's reject sink.
     * @return the mismatches, empty if none.
     */
    public List<String> mismatches(final RunResult result, final List<RecordingRejectSink.Reject> rejects)
    {
        final List<String> mismatches = new ArrayList<>();
        mismatches.addAll(aggregateMismatches(result.results()));
        mismatches.addAll(countMismatches(result.counts()));
        mismatches.addAll(rejectMismatches(rejects));
        if (!result.problems().isEmpty())
        {
            mismatches.add("the run reports problems: " + result.problems());
        }
        return mismatches;
    }

    /**
     * Compare aggregates held in memory.
     *
     * @param results of a run.
     * @return the mismatches, empty if none.
     */
    public List<String> aggregateMismatches(final WorkloadResults workloadResults)
    {
        if (!(workloadResults instanceof AggregateResults results))
        {
            return List.of("not the events workload's results: " + workloadResults);
        }
        final List<String> mismatches = new ArrayList<>();
        for (final EventType type : EventType.values())
        {
            if (results.count(type) != count(type) || results.sum(type) != sum(type))
            {
                mismatches.add("aggregate " + type.jsonName() + ": expected count=" + count(type) + " sum=" +
                    sum(type) + " but was count=" + results.count(type) + " sum=" + results.sum(type));
            }
        }
        return mismatches;
    }

    /**
     * Compare counts held in memory: every count, every reason, and no failed event.
     *
     * @param counts of a run.
     * @return the mismatches, empty if none.
     */
    public List<String> countMismatches(final PipelineCounts counts)
    {
        final List<String> mismatches = new ArrayList<>();
        compare(mismatches, "read", linesRead, counts.linesRead());
        compare(mismatches, "blank", blankLines, counts.blankLines());
        compare(mismatches, "kept", kept, counts.kept());
        compare(mismatches, "filtered", filtered, counts.filtered());
        compare(mismatches, "accepted", kept + filtered, counts.accepted());
        compare(mismatches, "rejected", rejected(), counts.rejected());
        compare(mismatches, "failed", 0, counts.failed());
        for (final RejectReason reason : RejectReason.values())
        {
            compare(mismatches, "rejected " + reason.name(), rejected(reason), counts.rejected(reason));
        }
        return mismatches;
    }

    /**
     * Compare the counts a report prints: its {@code lines: read=.. blank=.. accepted=.. (kept=.. filtered=..)
     * rejected=.. failed=..} line, and its {@code rejected by reason: REASON=N ...} line, which must be there exactly
     * when something was rejected.
     *
     * @param report printed by the monolith or the split launcher.
     * @return the mismatches, empty if none.
     */
    public List<String> reportMismatches(final String report)
    {
        final List<String> mismatches = new ArrayList<>();
        final Matcher lines = LINES.matcher(report);
        if (!lines.find())
        {
            mismatches.add("no 'lines:' line in the report");
            return mismatches;
        }
        final long[] expected = { linesRead, blankLines, kept + filtered, kept, filtered, rejected(), 0 };
        final String[] names = { "read", "blank", "accepted", "kept", "filtered", "rejected", "failed" };
        for (int i = 0; i < names.length; i++)
        {
            compare(mismatches, "reported " + names[i], expected[i], Long.parseLong(lines.group(i + 1)));
        }

        final Matcher byReason = BY_REASON.matcher(report);
        if (byReason.find())
        {
            final long[] reported = new long[rejectedByReason.length];
            for (final String entry : byReason.group(1).trim().split(" "))
            {
                final String[] nameAndCount = entry.split("=");
                reported[RejectReason.valueOf(nameAndCount[0]).ordinal()] += Long.parseLong(nameAndCount[1]);
            }
            if (!Arrays.equals(rejectedByReason, reported))
            {
                mismatches.add("rejected by reason: expected " + reasons(rejectedByReason) + " but the report says " +
                    reasons(reported));
            }
        }
        else if (rejected() > 0)
        {
            mismatches.add("no 'rejected by reason:' line in the report although " + rejected() + " were rejected");
        }
        return mismatches;
    }

    /**
     * Compare the rejects a reject sink received.
     *
     * @param actual received, in order.
     * @return the mismatches, empty if none.
     */
    public List<String> rejectMismatches(final List<RecordingRejectSink.Reject> actual)
    {
        final List<Reject> converted = new ArrayList<>(actual.size());
        for (final RecordingRejectSink.Reject reject : actual)
        {
            converted.add(new Reject(reject.lineNumber(), reject.reason(), reject.line()));
        }
        return listMismatches("reject", rejects, converted);
    }

    /**
     * Compare a rejects file: one record per rejected line, in input order, each
     * {@code lineNumber<TAB>REASON<TAB>line} ending in a newline.
     *
     * @param content of the file.
     * @return the mismatches, empty if none.
     */
    public List<String> rejectsFileMismatches(final byte[] content)
    {
        final List<String> mismatches = new ArrayList<>();
        final String text = new String(content, StandardCharsets.ISO_8859_1);
        if (!text.isEmpty() && !text.endsWith("\n"))
        {
            mismatches.add("rejects file does not end in a newline");
        }
        final List<Reject> actual = new ArrayList<>();
        int start = 0;
        while (start < text.length())
        {
            final int end = text.indexOf('\n', start) < 0 ? text.length() : text.indexOf('\n', start);
            final String record = text.substring(start, end);
            final int firstTab = record.indexOf('\t');
            final int secondTab = firstTab < 0 ? -1 : record.indexOf('\t', firstTab + 1);
            try
            {
                actual.add(new Reject(Long.parseLong(record.substring(0, firstTab)),
                    RejectReason.valueOf(record.substring(firstTab + 1, secondTab)), record.substring(secondTab + 1)));
            }
            catch (final RuntimeException ex)
            {
                mismatches.add("rejects file record " + (actual.size() + 1) + " is not 'number<TAB>REASON<TAB>line': " +
                    abbreviate(record));
                return mismatches;
            }
            start = end + 1;
        }
        mismatches.addAll(listMismatches("rejects file record", rejects, actual));
        return mismatches;
    }

    /**
     * Compare a results file: one JSON object per type with kept events, sorted by key, each
     * {@code {"key":K,"count":N,"sum":S,"avg":A}} on its own line; the average with six decimals, within half a
     * unit of the sixth decimal of the exact {@code sum / count}.
     *
     * @param content of the file.
     * @return the mismatches, empty if none.
     */
    public List<String> resultsFileMismatches(final String content)
    {
        final List<String> mismatches = new ArrayList<>();
        final List<EventType> expectedKeys = new ArrayList<>();
        for (final EventType type : EventType.values())
        {
            if (count(type) > 0)
            {
                expectedKeys.add(type);
            }
        }
        expectedKeys.sort(Comparator.comparing(EventType::jsonName));

        if (!content.isEmpty() && !content.endsWith("\n"))
        {
            mismatches.add("results file does not end in a newline");
        }
        final String[] lines = content.isEmpty() ? new String[0] : content.split("\n", -1);
        final int lineCount = content.endsWith("\n") ? lines.length - 1 : lines.length;
        if (lineCount != expectedKeys.size())
        {
            mismatches.add("results file: expected " + expectedKeys.size() + " lines but has " + lineCount);
        }
        for (int i = 0; i < Math.min(lineCount, expectedKeys.size()); i++)
        {
            resultLineMismatches(mismatches, expectedKeys.get(i), lines[i]);
        }
        return mismatches;
    }

    private void resultLineMismatches(final List<String> mismatches, final EventType type, final String line)
    {
        final Map<String, String> fields = new LinkedHashMap<>();
        final Map<String, JsonToken> tokens = new HashMap<>();
        try (JsonParser parser = JSON.createParser(line))
        {
            if (parser.nextToken() != JsonToken.START_OBJECT)
            {
                mismatches.add("results line is not an object: " + line);
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME)
            {
                final String name = parser.currentName();
                final JsonToken token = parser.nextToken();
                if (token.isStructStart())
                {
                    parser.skipChildren();
                }
                tokens.put(name, token);
                fields.put(name, parser.getText());
            }
            if (null != parser.nextToken())
            {
                mismatches.add("results line has trailing content: " + line);
            }
        }
        catch (final IOException ex)
        {
            mismatches.add("results line is not JSON (" + ex.getMessage().lines().findFirst().orElse("") + "): " +
                line);
            return;
        }

        if (!List.of("key", "count", "sum", "avg").equals(new ArrayList<>(fields.keySet())))
        {
            mismatches.add("results line fields are " + fields.keySet() + ", not [key, count, sum, avg]: " + line);
            return;
        }
        final String context = " in results line " + line;
        if (tokens.get("key") != JsonToken.VALUE_STRING || !type.jsonName().equals(fields.get("key")))
        {
            mismatches.add("expected key " + type.jsonName() + context);
            return;
        }
        if (tokens.get("count") != JsonToken.VALUE_NUMBER_INT ||
            !Long.toString(count(type)).equals(fields.get("count")))
        {
            mismatches.add("expected count " + count(type) + context);
        }
        if (tokens.get("sum") != JsonToken.VALUE_NUMBER_INT || !Long.toString(sum(type)).equals(fields.get("sum")))
        {
            mismatches.add("expected sum " + sum(type) + context);
        }
        final String average = fields.get("avg");
        if (tokens.get("avg") != JsonToken.VALUE_NUMBER_FLOAT || !AVERAGE.matcher(average).matches())
        {
            mismatches.add("avg is not a number with six decimals" + context);
            return;
        }
        final BigDecimal exact = new BigDecimal(sum(type)).divide(new BigDecimal(count(type)), MathContext.DECIMAL128);
        if (new BigDecimal(average).subtract(exact).abs().compareTo(HALF_UNIT_OF_SIXTH_DECIMAL) > 0)
        {
            mismatches.add("expected avg " + exact.setScale(6, RoundingMode.HALF_EVEN) + " (" + sum(type) +
                " / " + count(type) + ")" + context);
        }
    }

    private static <T> List<String> listMismatches(final String what, final List<T> expected, final List<T> actual)
    {
        final List<String> mismatches = new ArrayList<>();
        if (expected.size() != actual.size())
        {
            mismatches.add(what + "s: expected " + expected.size() + " but got " + actual.size());
        }
        for (int i = 0; i < Math.max(expected.size(), actual.size()) && mismatches.size() < MAX_LISTED; i++)
        {
            final T wanted = i < expected.size() ? expected.get(i) : null;
            final T got = i < actual.size() ? actual.get(i) : null;
            if (null == wanted || !wanted.equals(got))
            {
                mismatches.add(what + " " + (i + 1) + ": expected " + describe(wanted) + " but got " + describe(got));
            }
        }
        return mismatches;
    }

    private static void compare(final List<String> mismatches, final String name, final long expected, final long got)
    {
        if (expected != got)
        {
            mismatches.add(name + ": expected " + expected + " but was " + got);
        }
    }

    private static String reasons(final long[] byReason)
    {
        final Map<RejectReason, Long> map = new EnumMap<>(RejectReason.class);
        for (final RejectReason reason : RejectReason.values())
        {
            if (byReason[reason.ordinal()] != 0)
            {
                map.put(reason, byReason[reason.ordinal()]);
            }
        }
        return map.toString();
    }

    private static String describe(final Object value)
    {
        if (value instanceof Reject)
        {
            return abbreviate(((Reject)value).toFileRecord());
        }
        return String.valueOf(value);
    }

    private static String abbreviate(final String text)
    {
        final String shown = text.length() > 120 ? text.substring(0, 120) + "...(" + text.length() + " chars)" : text;
        return shown.replace("\r", "\\r").replace("\t", "\\t");
    }
}
