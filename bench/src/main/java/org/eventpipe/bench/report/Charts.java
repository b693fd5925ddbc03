package org.eventpipe.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's PNG charts, drawn headless with XChart: throughput against batch size per transport (with the
 * monolith and the fused loop as flat lines), the latency percentile distribution per row on HdrHistogram's
 * {@code 1/(1-p)} log axis, and the per-stage time breakdown as stacked bars.
 */
public final class Charts
{
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 560;

    private final Path dir;

    /**
     * Charts into a folder.
     *
     * @param dir created if missing.
     */
    public Charts(final Path dir)
    {
        this.dir = dir;
    }

    /**
     * Draw every chart of a session.
     *
     * @param plan   what was run.
     * @param groups every row's rounds.
     * @return the files written, in the order the report shows them.
     * @throws IOException if a file cannot be written.
     */
    public List<Path> write(final ReportCommand.Plan plan, final Map<String, Group> groups) throws IOException
    {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        final List<Path> written = new ArrayList<>();
        for (final String source : plan.sources())
        {
            for (final ReportCommand.Regime regime : plan.regimes())
            {
                final String name = source + "-" + regime.name();
                final List<Group> selected = new ArrayList<>();
                for (final Group group : groups.values())
                {
                    if (group.source().equals(source) && group.regime().equals(regime.name()))
                    {
                        selected.add(group);
                    }
                }
                written.add(throughput(name, selected, plan.unit()));
                written.add(latency(name, selected));
                final Path stages = stages(name, selected);
                if (null != stages)
                {
                    written.add(stages);
                }
            }
        }
        return written;
    }

    private Path throughput(final String name, final List<Group> groups, final ThroughputUnit unit)
        throws IOException
    {
        final CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
            .title("Throughput against batch size (" + name + ", median of the rounds)")
            .xAxisTitle(unit.counted() + " per frame").yAxisTitle(unit.label()).build();
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisMin(0.0);
        final List<String> batches = new ArrayList<>();
        for (final Group group : groups)
        {
            if (group.row().batch() >= 0 && !batches.contains(group.row().batchName()))
            {
                batches.add(group.row().batchName());
            }
        }
        batches.sort((a, b) -> Integer.compare(order(a), order(b)));
        if (batches.isEmpty())
        {
            batches.add("-");
        }
        if (1 == batches.size())
        {
            // a line needs two points: one batch size is drawn as bars
            chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Bar);
        }
        final List<String> transports = new ArrayList<>();
        for (final Group group : groups)
        {
            if (!group.row().transport().isEmpty() && !transports.contains(group.row().transport()))
            {
                transports.add(group.row().transport());
            }
        }
        boolean any = false;
        for (final String transport : transports)
        {
            final List<Double> values = new ArrayList<>();
            for (final String batch : batches)
            {
                double value = Double.NaN;
                for (final Group group : groups)
                {
                    if (transport.equals(group.row().transport()) && batch.equals(group.row().batchName()))
                    {
                        value = unit.shown(group.medianThroughput());
                    }
                }
                values.add(Double.isFinite(value) ? value : 0.0);
            }
            chart.addSeries(transport, batches, values);
            any = true;
        }
        for (final Group group : groups)
        {
            if (group.row().batch() < 0 && Double.isFinite(group.medianThroughput()))
            {
                final List<Double> flat = new ArrayList<>();
                for (int i = 0; i < batches.size(); i++)
                {
                    flat.add(unit.shown(group.medianThroughput()));
                }
                chart.addSeries(group.row().label(), batches, flat).setMarker(SeriesMarkers.NONE);
                any = true;
            }
        }
        if (!any)
        {
            chart.addSeries("no run succeeded", batches, zeros(batches.size()));
        }
        return save(chart, "throughput-" + name);
    }

    private Path latency(final String name, final List<Group> groups) throws IOException
    {
        final XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
            .title("Latency percentile distribution under full load (" + name + ", median round)")
            .xAxisTitle("percentile, as 1/(1-p): 10 = p90, 100 = p99, 1000 = p99.9")
            .yAxisTitle("latency (us)").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(0);
        boolean any = false;
        for (final Group group : groups)
        {
            final Path hgrm = group.representative().histogramFile();
            final List<double[]> points = Files.isRegularFile(hgrm) ? hgrmPoints(hgrm) : List.of();
            if (points.size() < 2)
            {
                continue;
            }
            final double[] x = new double[points.size()];
            final double[] y = new double[points.size()];
            for (int i = 0; i < points.size(); i++)
            {
                x[i] = points.get(i)[0];
                y[i] = points.get(i)[1];
            }
            chart.addSeries(group.row().label(), x, y).setMarker(SeriesMarkers.NONE);
            any = true;
        }
        if (!any)
        {
            chart.addSeries("no latency recorded", new double[]{ 1, 10 }, new double[]{ 1, 1 });
        }
        return save(chart, "latency-" + name);
    }

    private Path stages(final String name, final List<Group> groups) throws IOException
    {
        final List<String> categories = new ArrayList<>();
        final List<Double> processing = new ArrayList<>();
        final List<Double> sending = new ArrayList<>();
        final List<Double> waiting = new ArrayList<>();
        for (final Group group : groups)
        {
            if (!"split".equals(group.row().kind()) || (group.row().batch() != 100 && group.row().batch() != 0))
            {
                continue;
            }
            for (final String stage : new String[]{ "ingest", "parse", "rules", "aggregate" })
            {
                final double share = group.medianStagePercent(stage, "processing");
                if (Double.isFinite(share))
                {
                    categories.add(group.row().label() + ": " + stage);
                    processing.add(share);
                    sending.add(group.medianStagePercent(stage, "sending"));
                    waiting.add(group.medianStagePercent(stage, "waiting"));
                }
            }
        }
        if (categories.isEmpty())
        {
            return null;
        }
        final CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT + 140)
            .title("Where each stage's wall time goes (" + name + ", batch 100 and adaptive, median of the rounds)")
            .xAxisTitle("row: stage").yAxisTitle("% of the stage's wall time").build();
        chart.getStyler().setStacked(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.getStyler().setYAxisMin(0.0);
        chart.addSeries("processing", categories, processing);
        chart.addSeries("sending", categories, sending);
        chart.addSeries("waiting", categories, waiting);
        return save(chart, "stages-" + name);
    }

    /**
     * Read the points of an HdrHistogram percentile file: 1/(1-p) and the value, for every finite row.
     *
     * @param hgrm the file.
     * @return x (1/(1-p)) and y (the value) pairs.
     * @throws IOException if it cannot be read.
     */
    static List<double[]> hgrmPoints(final Path hgrm) throws IOException
    {
        final List<double[]> points = new ArrayList<>();
        for (final String line : Files.readAllLines(hgrm, StandardCharsets.UTF_8))
        {
            final String[] fields = line.trim().split("\\s+");
            if (4 != fields.length)
            {
                continue;
            }
            try
            {
                final double value = Double.parseDouble(fields[0]);
                final double inverse = Double.parseDouble(fields[3]);
                if (Double.isFinite(inverse) && value > 0 && inverse >= 1)
                {
                    points.add(new double[]{ inverse, value });
                }
            }
            catch (final NumberFormatException ex)
            {
                // the header line
            }
        }
        return points;
    }

    private Path save(final org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, final String stem)
        throws IOException
    {
        final Path file = dir.resolve(stem + ".png");
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }

    private static int order(final String batch)
    {
        return "adaptive".equals(batch) ? Integer.MAX_VALUE : Integer.parseInt(batch);
    }

    private static List<Double> zeros(final int count)
    {
        final List<Double> zeros = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            zeros.add(0.0);
        }
        return zeros;
    }
}
