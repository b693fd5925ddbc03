package org.eventpipe.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monolith's latency mode from its command line: flags checked up front, the rate check and its exit status,
 * the report and summary figures, and the two histogram files read back with HdrHistogram's own readers.
 */
@Timeout(60)
final class LatencyModeCommandTest
{
    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "--rate -5",
        "--rate abc",
        "--rate 1000 --burst 0",
        "--rate 10 --burst 11",
        "--rate 1000 --fused",
        "--rate 1000 --histogram-log /nonexistent/dir/latency.hlog",
        "--rate 1000 --events 100 --warmup-events 100",
        "--warmup-events -2" })
    void shouldRejectBadLatencyFlagsWithOneLineBeforeRunning(final String arguments)
    {
        final int status = run(arguments.split(" "));

        assertEquals(ExitCodes.USAGE, status, out() + err());
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().startsWith("Monolith: error: "), err());
        assertEquals("", out());
    }

    @Test
    void shouldReportARateFarAboveWhatTheMachineSustainsAsNotAchievedAndStillWriteTheFigures() throws IOException
    {
        final Path summary = dir.resolve("summary.json");

        final int status = run("--events", "1000000", "--rate", "1000000000", "--warmup-events", "0",
            "--summary", summary.toString());

        assertEquals(ExitCodes.RATE_NOT_ACHIEVED, status, out() + err());
        assertTrue(out().contains("target rate not achieved: offered 1000000000, achieved "), out());
        assertTrue(out().contains("checks: OK"), out());
        final String json = Files.readString(summary);
        assertTrue(json.contains("\"rateAchieved\" : false"), json);
        assertTrue(json.contains("\"passed\" : false"), json);
        assertTrue(json.contains("\"samples\" : " + kept()), json);
    }

    @Test
    void shouldWriteAPercentileFileAndAnIntervalLogThatHdrHistogramReadsBack() throws IOException
    {
        final Path hgrm = dir.resolve("latency.hgrm");
        final Path log = dir.resolve("latency.hlog");
        final Path summary = dir.resolve("summary.json");
        final long events = 30_000;

        final int status = run("--events", Long.toString(events), "--rate", "20000", "--warmup-events", "0",
            "--histogram", hgrm.toString(), "--histogram-log", log.toString(), "--summary", summary.toString());

        // whether a loaded machine keeps to 20,000 events/s is not for this test: the files are written either way
        assertTrue(ExitCodes.OK == status || ExitCodes.RATE_NOT_ACHIEVED == status, out() + err());
        final long kept = kept();
        assertTrue(out().contains("latency (intended send time -> aggregate applied, every event past the " +
            "warm-up): samples=" + kept + " "), out());
        assertTrue(out().contains("rate: offered 20000 events/s (burst 1), achieved "), out());
        assertEquals(ExitCodes.OK == status, out().contains(": PASS"), out());
        assertEquals(kept, lastTotalCountOfPercentileFile(hgrm));

        long logged = 0;
        int intervals = 0;
        final HistogramLogReader reader = new HistogramLogReader(log.toFile());
        EncodableHistogram interval;
        while (null != (interval = reader.nextIntervalHistogram()))
        {
            logged += ((org.HdrHistogram.Histogram)interval).getTotalCount();
            intervals++;
        }
        assertEquals(kept, logged);
        assertTrue(intervals >= 2, "a 1.5 s run spans at least two one-second intervals: " + intervals);

        final String json = Files.readString(summary);
        assertTrue(json.contains("\"offeredRate\" : 20000"), json);
        assertTrue(json.contains("\"rateAchieved\" : " + (ExitCodes.OK == status)), json);
        assertTrue(json.contains("\"p99.99\" : "), json);
        assertTrue(json.contains("\"histogramLog\" : "), json);
    }

    /**
     * Reads HdrHistogram's percentile format the way its plotter does: rows of value, percentile, total count and
     * 1/(1-percentile) under a header, then a footer; returns the total count of the last row.
     */
    private static long lastTotalCountOfPercentileFile(final Path file) throws IOException
    {
        final List<String> rows = new ArrayList<>();
        boolean header = false;
        for (final String line : Files.readAllLines(file))
        {
            if (line.trim().startsWith("Value"))
            {
                header = true;
            }
            else if (header && !line.isBlank() && !line.startsWith("#"))
            {
                rows.add(line.trim());
            }
        }
        assertFalse(rows.isEmpty(), "no percentile rows");
        double previousValue = -1;
        for (final String row : rows)
        {
            final String[] columns = row.split("\\s+");
            // the last row, at percentile 1, has no finite 1/(1-percentile)
            assertTrue(columns.length == 4 || columns.length == 3, row);
            final double value = Double.parseDouble(columns[0]);
            assertTrue(value >= previousValue, "values rise with the percentile: " + row);
            previousValue = value;
        }
        final String[] last = rows.get(rows.size() - 1).split("\\s+");
        assertEquals(1.0, Double.parseDouble(last[1]), 1e-9);
        return Long.parseLong(last[2]);
    }

    /**
     * Every event the rules keep reaches the aggregate, which records one sample for each.
     */
    private long kept()
    {
        final Matcher matcher = Pattern.compile("\\(kept=(\\d+) ").matcher(out());
        assertTrue(matcher.find(), out());
        return Long.parseLong(matcher.group(1));
    }

    private int run(final String... args)
    {
        final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        return MonolithCommand.execute(args, out, err);
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
