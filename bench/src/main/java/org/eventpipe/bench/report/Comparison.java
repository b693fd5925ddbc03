package org.eventpipe.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --compare OLD_RESULTS_DIR}: row by row, how far each median throughput and each ratio to the monolith
 * moved between two results folders (read from their {@code results.csv}), which moves exceed the ±15 % a re-run on
 * the same machine should stay within, and whether the ranking of the rows held.
 */
public final class Comparison
{
    /** A re-run on the same machine should keep each ratio within this fraction. */
    public static final double TOLERANCE = 0.15;

    private final String text;
    private final int beyondTolerance;
    private final boolean rankingKept;

    private Comparison(final String text, final int beyondTolerance, final boolean rankingKept)
    {
        this.text = text;
        this.beyondTolerance = beyondTolerance;
        this.rankingKept = rankingKept;
    }

    /**
     * Compare two results folders.
     *
     * @param oldDir the earlier folder.
     * @param newDir the later folder.
     * @return the comparison.
     * @throws IOException if a CSV cannot be read.
     */
    public static Comparison of(final Path oldDir, final Path newDir) throws IOException
    {
        final Map<String, List<Double>> before = medians(oldDir.resolve(ReportWriter.CSV_NAME));
        final Map<String, List<Double>> after = medians(newDir.resolve(ReportWriter.CSV_NAME));
        final String workload = workload(newDir);
        final ThroughputUnit unit = ThroughputUnit.of(workload);
        final String perSecond = (1e3 == unit.scale() ? "k" : "M") + "/s";
        final StringBuilder out = new StringBuilder();
        out.append("compared: ").append(oldDir).append(" -> ").append(newDir).append(" (").append(workload)
            .append(" workload, ").append(unit.label()).append(")\n");
        out.append(String.format(Locale.ROOT, "%-10s %-7s %-24s %9s %9s %8s %9s %9s %8s%n", "source", "regime", "row",
            "old " + perSecond, "new " + perSecond, "moved", "old x mono", "new x mono", "moved"));
        int beyond = 0;
        final Map<String, List<String>> oldOrder = new LinkedHashMap<>();
        final Map<String, List<String>> newOrder = new LinkedHashMap<>();
        for (final Map.Entry<String, List<Double>> entry : after.entrySet())
        {
            final String[] key = entry.getKey().split("\\|", 3);
            final List<Double> previous = before.get(entry.getKey());
            final double newMedian = entry.getValue().get(0);
            final double newRatio = entry.getValue().get(1);
            final double oldMedian = null == previous ? Double.NaN : previous.get(0);
            final double oldRatio = null == previous ? Double.NaN : previous.get(1);
            final double moved = newMedian / oldMedian - 1;
            final double ratioMoved = newRatio / oldRatio - 1;
            final boolean flagged = Double.isFinite(ratioMoved) && Math.abs(ratioMoved) > TOLERANCE;
            beyond += flagged ? 1 : 0;
            out.append(String.format(Locale.ROOT, "%-10s %-7s %-24s %9s %9s %8s %9s %9s %8s%s%n", key[0], key[1],
                key[2], number(unit.shown(oldMedian)), number(unit.shown(newMedian)), percent(moved),
                number(oldRatio), number(newRatio), percent(ratioMoved), flagged ? "  beyond 15 %" : ""));
            if (Double.isFinite(oldMedian) && Double.isFinite(newMedian))
            {
                oldOrder.computeIfAbsent(key[0] + " " + key[1], (k) -> new ArrayList<>()).add(key[2] + "=" + oldMedian);
                newOrder.computeIfAbsent(key[0] + " " + key[1], (k) -> new ArrayList<>()).add(key[2] + "=" + newMedian);
            }
        }
        boolean kept = true;
        for (final Map.Entry<String, List<String>> entry : oldOrder.entrySet())
        {
            final List<String> oldRanking = ranking(entry.getValue());
            final List<String> newRanking = ranking(newOrder.get(entry.getKey()));
            final boolean same = oldRanking.equals(newRanking);
            kept &= same;
            out.append(entry.getKey()).append(": ranking ").append(same ? "kept" : "changed").append('\n');
            if (!same)
            {
                out.append("  old: ").append(String.join(" > ", oldRanking)).append('\n');
                out.append("  new: ").append(String.join(" > ", newRanking)).append('\n');
            }
        }
        out.append(beyond).append(" ratio(s) to the monolith moved by more than 15 %\n");
        return new Comparison(out.toString(), beyond, kept);
    }

    /**
     * The comparison as printed.
     *
     * @return the text.
     */
    public String text()
    {
        return text;
    }

    /**
     * How many ratios moved by more than {@link #TOLERANCE}.
     *
     * @return the count.
     */
    public int beyondTolerance()
    {
        return beyondTolerance;
    }

    /**
     * Whether every source and regime ranked its rows in the same order.
     *
     * @return true if the ranking held.
     */
    public boolean rankingKept()
    {
        return rankingKept;
    }

    /**
     * The workload of a results folder, from the {@code workload} column of its CSV.
     *
     * @param dir the results folder.
     * @return the workload's name; {@code events} for a folder written before the bench took {@code --workload}.
     * @throws IOException if the CSV cannot be read.
     */
    public static String workload(final Path dir) throws IOException
    {
        final List<List<String>> rows = parse(Files.readString(dir.resolve(ReportWriter.CSV_NAME),
            StandardCharsets.UTF_8));
        final int column = rows.isEmpty() ? -1 : rows.get(0).indexOf("workload");
        return column < 0 || rows.size() < 2 || rows.get(1).size() <= column ? "events" : rows.get(1).get(column);
    }

    private static List<String> ranking(final List<String> rowsAndValues)
    {
        final List<String> sorted = new ArrayList<>(rowsAndValues);
        sorted.sort((a, b) -> Double.compare(value(b), value(a)));
        final List<String> names = new ArrayList<>();
        for (final String entry : sorted)
        {
            names.add(entry.substring(0, entry.lastIndexOf('=')));
        }
        return names;
    }

    private static double value(final String rowAndValue)
    {
        return Double.parseDouble(rowAndValue.substring(rowAndValue.lastIndexOf('=') + 1));
    }

    /**
     * Median throughput and ratio to the monolith's median per source, regime and row, from successful runs.
     */
    private static Map<String, List<Double>> medians(final Path csv) throws IOException
    {
        final List<List<String>> rows = parse(Files.readString(csv, StandardCharsets.UTF_8));
        final List<String> header = rows.get(0);
        final int source = header.indexOf("source");
        final int regime = header.indexOf("regime");
        final int row = header.indexOf("row");
        final int exit = header.indexOf("exit_status");
        final int throughput = header.indexOf("throughput_meps");
        final Map<String, List<Double>> values = new LinkedHashMap<>();
        for (final List<String> cells : rows.subList(1, rows.size()))
        {
            final String key = cells.get(source) + "|" + cells.get(regime) + "|" + cells.get(row);
            final List<Double> list = values.computeIfAbsent(key, (k) -> new ArrayList<>());
            if ("0".equals(cells.get(exit)) && !cells.get(throughput).isEmpty())
            {
                list.add(Double.parseDouble(cells.get(throughput)));
            }
        }
        final Map<String, List<Double>> medians = new LinkedHashMap<>();
        for (final Map.Entry<String, List<Double>> entry : values.entrySet())
        {
            final String[] key = entry.getKey().split("\\|", 3);
            final List<Double> monolith = values.get(key[0] + "|" + key[1] + "|" + Row.MONOLITH);
            final double median = Stats.median(entry.getValue());
            final double ratio = null == monolith ? Double.NaN : median / Stats.median(monolith);
            medians.put(entry.getKey(), List.of(median, ratio));
        }
        return medians;
    }

    /**
     * Parse CSV as {@link ReportWriter} writes it: commas, cells with commas or quotes in double quotes.
     *
     * @param text the file.
     * @return rows of cells.
     */
    static List<List<String>> parse(final String text)
    {
        final List<List<String>> rows = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        final StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (quoted)
            {
                if ('"' == c && i + 1 < text.length() && '"' == text.charAt(i + 1))
                {
                    cell.append('"');
                    i++;
                }
                else if ('"' == c)
                {
                    quoted = false;
                }
                else
                {
                    cell.append(c);
                }
            }
            else if ('"' == c)
            {
                quoted = true;
            }
            else if (',' == c)
            {
                cells.add(cell.toString());
                cell.setLength(0);
            }
            else if ('\n' == c)
            {
                cells.add(cell.toString());
                cell.setLength(0);
                rows.add(cells);
                cells = new ArrayList<>();
            }
            else
            {
                cell.append(c);
            }
        }
        if (cell.length() > 0 || !cells.isEmpty())
        {
            cells.add(cell.toString());
            rows.add(cells);
        }
        return rows;
    }

    private static String number(final double value)
    {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.2f", value) : "-";
    }

    private static String percent(final double value)
    {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%+.1f%%", 100 * value) : "-";
    }
}
