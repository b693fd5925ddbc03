package org.eventpipe.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.HdrHistogram.Histogram;
import org.eventpipe.model.RejectReason;
import org.eventpipe.pacing.PacingOutcome;
import org.eventpipe.workload.WorkloadResults;

/**
 * The machine-readable summary of one run ({@code --summary FILE}), written as JSON by the monolith, the fused loop
 * and the split pipeline's sink, and read by the comparison report: the configuration, the counts, the aggregates,
 * the measured window and its throughput, the latency percentiles, the per-stage time breakdown (split), the paths
 * of the files the run wrote, and the pass/fail of every check. The format is named by {@link #FORMAT}; fields are
 * only ever added to it.
 * <p>
 * Latency percentiles are in microseconds. In a throughput run they are measured under full load (the input is
 * offered as fast as the pipeline takes it), not at a fixed offered rate.
 */
public final class RunSummary
{
    /** Name and version of the format, the value of the {@code format} field. */
    public static final String FORMAT = "eventpipe-run-summary/1";

    /** The end-to-end throughput, as named among the figures not comparable across hosts. */
    public static final String THROUGHPUT_FIGURE = "throughput";

    /** The end-to-end latency, as named among the figures not comparable across hosts. */
    public static final String LATENCY_FIGURE = "latency";

    /** Prefix of an edge's transit among the figures not comparable across hosts: {@code transit ingest->parse}. */
    public static final String TRANSIT_FIGURE_PREFIX = "transit ";

    private static final JsonFactory JSON = new JsonFactory();
    private static final double[] PERCENTILES = { 50.0, 90.0, 99.0, 99.9, 99.99 };
    private static final String[] PERCENTILE_NAMES = { "p50", "p90", "p99", "p99.9", "p99.99" };

    private final String kind;
    private final Map<String, Object> configuration = new LinkedHashMap<>();
    private final Map<String, Path> files = new LinkedHashMap<>();
    private final List<StageShare> stages = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();
    private PipelineCounts counts;
    private WorkloadResults results;
    private long warmupEvents;
    private long measuredEvents;
    private long windowNanos;
    private String window = "";
    private Histogram latency;
    private int latencySampleInterval = 1;
    private PacingOutcome pacing;
    private long negativeLatencySamples;
    private Map<String, Histogram> transit = Map.of();
    private Map<String, String> notComparable = Map.of();

    /**
     * One named check of the run and its outcome.
     *
     * @param name   what is checked, e.g. {@code conservation}.
     * @param passed whether it held.
     * @param detail the numbers when it did not, empty when it did.
     */
    public record Check(String name, boolean passed, String detail)
    {
    }

    /**
     * Where one stage's wall time went, as its metrics report it.
     *
     * @param stage               name of the stage.
     * @param wallNanos           wall time from its first frame to its end.
     * @param processingNanos     handling frames, codecs included.
     * @param sendingNanos        sending, back-pressure retries included.
     * @param waitingNanos        the rest: waiting for input.
     * @param framesIn            frames received.
     * @param eventsIn            events received.
     * @param framesOut           frames sent.
     * @param eventsOut           events sent.
     * @param backPressureRetries retries after back-pressure.
     */
    public record StageShare(
        String stage,
        long wallNanos,
        long processingNanos,
        long sendingNanos,
        long waitingNanos,
        long framesIn,
        long eventsIn,
        long framesOut,
        long eventsOut,
        long backPressureRetries)
    {
    }

    /**
     * Start a summary.
     *
     * @param kind what ran: {@code monolith}, {@code fused} or {@code split}.
     */
    public RunSummary(final String kind)
    {
        this.kind = kind;
    }

    /**
     * Add a configuration entry.
     *
     * @param name  of the setting.
     * @param value a String, a Number or a Boolean.
     * @return this.
     */
    public RunSummary configuration(final String name, final Object value)
    {
        configuration.put(name, value);
        return this;
    }

    /**
     * Set the counts and the aggregates.
     *
     * @param counts  what happened to every line.
     * @param results the aggregates.
     * @return this.
     */
    public RunSummary outcome(final PipelineCounts counts, final WorkloadResults results)
    {
        this.counts = counts;
        this.results = results;
        return this;
    }

    /**
     * Set the measured window.
     *
     * @param description    from what to what it was measured.
     * @param warmupEvents   lines left out before the window, 0 for none.
     * @param measuredEvents events in the window.
     * @param windowNanos    length of the window.
     * @return this.
     */
    public RunSummary window(
        final String description, final long warmupEvents, final long measuredEvents, final long windowNanos)
    {
        this.window = description;
        this.warmupEvents = warmupEvents;
        this.measuredEvents = measuredEvents;
        this.windowNanos = windowNanos;
        return this;
    }

    /**
     * Set the outcome of a paced run (the latency mode): its latency was measured from each event's intended time.
     *
     * @param outcome                of the schedule, or null for a throughput run.
     * @param negativeLatencySamples samples stamped later than the recording clock, recorded as 0.
     * @return this.
     */
    public RunSummary pacing(final PacingOutcome outcome, final long negativeLatencySamples)
    {
        this.pacing = outcome;
        this.negativeLatencySamples = negativeLatencySamples;
        if (null != outcome)
        {
            check("rate", outcome.achieved(), outcome.notAchievedMessage());
        }
        return this;
    }

    /**
     * Set the per-edge transit times of the split pipeline: each frame from its commit to its poll.
     *
     * @param byEdge histogram in nanoseconds per edge name.
     * @return this.
     */
    public RunSummary transit(final Map<String, Histogram> byEdge)
    {
        this.transit = new LinkedHashMap<>(byEdge);
        return this;
    }

    /**
     * Set the figures left out because their two ends were stamped on different clocks (stages on different hosts):
     * each is written as null with the reason, under {@code notComparable}.
     *
     * @param reasons by figure: {@value #THROUGHPUT_FIGURE}, {@value #LATENCY_FIGURE}, or
     *                {@value #TRANSIT_FIGURE_PREFIX} and the edge name.
     * @return this.
     */
    public RunSummary notComparable(final Map<String, String> reasons)
    {
        this.notComparable = new LinkedHashMap<>(reasons);
        return this;
    }

    /**
     * Set the latency histogram.
     *
     * @param histogram      in nanoseconds, or null if none was recorded.
     * @param sampleInterval one event in how many was timed.
     * @return this.
     */
    public RunSummary latency(final Histogram histogram, final int sampleInterval)
    {
        this.latency = histogram;
        this.latencySampleInterval = sampleInterval;
        return this;
    }

    /**
     * Add a stage's time breakdown.
     *
     * @param share of the stage.
     * @return this.
     */
    public RunSummary stage(final StageShare share)
    {
        stages.add(share);
        return this;
    }

    /**
     * Add a file the run wrote.
     *
     * @param name e.g. {@code histogram}.
     * @param file the path, or null to add nothing.
     * @return this.
     */
    public RunSummary file(final String name, final Path file)
    {
        if (null != file)
        {
            files.put(name, file.toAbsolutePath());
        }
        return this;
    }

    /**
     * Add a check.
     *
     * @param name   of the check.
     * @param passed whether it held.
     * @param detail the numbers when it did not.
     * @return this.
     */
    public RunSummary check(final String name, final boolean passed, final String detail)
    {
        checks.add(new Check(name, passed, passed ? "" : detail));
        return this;
    }

    /**
     * Add checks already made.
     *
     * @param made the checks, in order.
     * @return this.
     */
    public RunSummary checks(final List<Check> made)
    {
        checks.addAll(made);
        return this;
    }

    /**
     * Add a check from a list of problems: it passed if there are none.
     *
     * @param name     of the check.
     * @param problems found by it.
     * @return this.
     */
    public RunSummary check(final String name, final List<String> problems)
    {
        return check(name, problems.isEmpty(), String.join("; ", problems));
    }

    /**
     * The checks added so far.
     *
     * @return the checks, in order.
     */
    public List<Check> checks()
    {
        return List.copyOf(checks);
    }

    /**
     * Whether every check passed.
     *
     * @return true if none failed.
     */
    public boolean passed()
    {
        for (final Check check : checks)
        {
            if (!check.passed())
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Events per second in the measured window.
     *
     * @return the throughput, 0 if the window is empty.
     */
    public double eventsPerSecond()
    {
        return windowNanos <= 0 ? 0.0 : measuredEvents * 1e9 / windowNanos;
    }

    /**
     * Write the summary as JSON.
     *
     * @param file to write.
     * @throws IOException if it cannot be written.
     */
    public void write(final Path file) throws IOException
    {
        try (OutputStream stream = Files.newOutputStream(file);
            JsonGenerator json = JSON.createGenerator(stream, JsonEncoding.UTF8))
        {
            json.useDefaultPrettyPrinter();
            writeTo(json);
        }
    }

    private void writeTo(final JsonGenerator json) throws IOException
    {
        json.writeStartObject();
        json.writeStringField("format", FORMAT);
        json.writeStringField("kind", kind);
        json.writeBooleanField("passed", passed());

        json.writeObjectFieldStart("configuration");
        for (final Map.Entry<String, Object> entry : configuration.entrySet())
        {
            writeValue(json, entry.getKey(), entry.getValue());
        }
        json.writeEndObject();

        json.writeObjectFieldStart("window");
        json.writeStringField("measured", window);
        json.writeNumberField("warmupEvents", warmupEvents);
        json.writeNumberField("events", measuredEvents);
        json.writeNumberField("nanos", windowNanos);
        if (notComparable.containsKey(THROUGHPUT_FIGURE))
        {
            json.writeNullField("eventsPerSecond");
            json.writeStringField("notComparable", notComparable.get(THROUGHPUT_FIGURE));
        }
        else
        {
            json.writeNumberField("eventsPerSecond", eventsPerSecond());
        }
        json.writeBooleanField("cold", ColdRun.isCold(warmupEvents));
        json.writeEndObject();

        if (null != counts)
        {
            writeCounts(json);
        }
        if (null != results)
        {
            json.writeFieldName("results");
            results.writeSummary(json);
        }
        writeLatency(json);
        writeTransit(json);
        writeStages(json);

        json.writeObjectFieldStart("files");
        for (final Map.Entry<String, Path> entry : files.entrySet())
        {
            json.writeStringField(entry.getKey(), entry.getValue().toString());
        }
        json.writeEndObject();

        json.writeArrayFieldStart("checks");
        for (final Check check : checks)
        {
            json.writeStartObject();
            json.writeStringField("name", check.name());
            json.writeBooleanField("passed", check.passed());
            json.writeStringField("detail", check.detail());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private void writeCounts(final JsonGenerator json) throws IOException
    {
        json.writeObjectFieldStart("counts");
        json.writeNumberField("linesRead", counts.linesRead());
        json.writeNumberField("blank", counts.blankLines());
        json.writeNumberField("accepted", counts.accepted());
        json.writeNumberField("kept", counts.kept());
        json.writeNumberField("filtered", counts.filtered());
        json.writeNumberField("rejected", counts.rejected());
        json.writeNumberField("failed", counts.failed());
        json.writeObjectFieldStart("rejectedByReason");
        for (final RejectReason reason : RejectReason.values())
        {
            json.writeNumberField(reason.name(), counts.rejected(reason));
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private void writeLatency(final JsonGenerator json) throws IOException
    {
        json.writeObjectFieldStart("latency");
        json.writeStringField("measured", null == pacing ?
            "ingest publish -> aggregate applied, under full load (not at a fixed rate)" :
            "intended send time -> aggregate applied, at a fixed offered rate (corrected for coordinated omission)");
        json.writeNumberField("sampleInterval", latencySampleInterval);
        if (null != pacing)
        {
            json.writeNumberField("offeredRate", pacing.rate());
            json.writeNumberField("burst", pacing.burst());
            json.writeNumberField("achievedRate", pacing.achievedRate());
            json.writeNumberField("lagNanos", pacing.lagNanos());
            json.writeNumberField("allowedLagNanos", pacing.allowedLagNanos());
            json.writeBooleanField("rateAchieved", pacing.achieved());
        }
        json.writeNumberField("negativeSamples", negativeLatencySamples);
        if (notComparable.containsKey(LATENCY_FIGURE))
        {
            json.writeNullField("samples");
            json.writeNullField("micros");
            json.writeStringField("notComparable", notComparable.get(LATENCY_FIGURE));
            json.writeEndObject();
            return;
        }
        final long samples = null == latency ? 0 : latency.getTotalCount();
        json.writeNumberField("samples", samples);
        if (samples > 0)
        {
            json.writeObjectFieldStart("micros");
            for (int i = 0; i < PERCENTILES.length; i++)
            {
                json.writeNumberField(PERCENTILE_NAMES[i], latency.getValueAtPercentile(PERCENTILES[i]) / 1000.0);
            }
            json.writeNumberField("max", latency.getMaxValue() / 1000.0);
            json.writeNumberField("mean", latency.getMean() / 1000.0);
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private void writeTransit(final JsonGenerator json) throws IOException
    {
        json.writeObjectFieldStart("transit");
        for (final Map.Entry<String, Histogram> edge : transit.entrySet())
        {
            final Histogram histogram = edge.getValue();
            json.writeObjectFieldStart(edge.getKey());
            json.writeStringField("measured", "frame committed by the sender -> polled by the receiver, per frame");
            json.writeNumberField("samples", histogram.getTotalCount());
            if (histogram.getTotalCount() > 0)
            {
                json.writeObjectFieldStart("micros");
                json.writeNumberField("p50", histogram.getValueAtPercentile(50.0) / 1000.0);
                json.writeNumberField("p99", histogram.getValueAtPercentile(99.0) / 1000.0);
                json.writeNumberField("p99.9", histogram.getValueAtPercentile(99.9) / 1000.0);
                json.writeNumberField("max", histogram.getMaxValue() / 1000.0);
                json.writeEndObject();
            }
            json.writeEndObject();
        }
        for (final Map.Entry<String, String> figure : notComparable.entrySet())
        {
            if (figure.getKey().startsWith(TRANSIT_FIGURE_PREFIX))
            {
                json.writeObjectFieldStart(figure.getKey().substring(TRANSIT_FIGURE_PREFIX.length()));
                json.writeStringField("measured", "frame committed by the sender -> polled by the receiver, per frame");
                json.writeNullField("samples");
                json.writeNullField("micros");
                json.writeStringField("notComparable", figure.getValue());
                json.writeEndObject();
            }
        }
        json.writeEndObject();
    }

    private void writeStages(final JsonGenerator json) throws IOException
    {
        json.writeArrayFieldStart("stages");
        for (final StageShare stage : stages)
        {
            final double wall = Math.max(1, stage.wallNanos());
            json.writeStartObject();
            json.writeStringField("stage", stage.stage());
            json.writeNumberField("wallNanos", stage.wallNanos());
            json.writeNumberField("processingNanos", stage.processingNanos());
            json.writeNumberField("sendingNanos", stage.sendingNanos());
            json.writeNumberField("waitingNanos", stage.waitingNanos());
            json.writeNumberField("processingPercent", 100.0 * stage.processingNanos() / wall);
            json.writeNumberField("sendingPercent", 100.0 * stage.sendingNanos() / wall);
            json.writeNumberField("waitingPercent", 100.0 * stage.waitingNanos() / wall);
            json.writeNumberField("framesIn", stage.framesIn());
            json.writeNumberField("eventsIn", stage.eventsIn());
            json.writeNumberField("framesOut", stage.framesOut());
            json.writeNumberField("eventsOut", stage.eventsOut());
            json.writeNumberField("backPressureRetries", stage.backPressureRetries());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeValue(final JsonGenerator json, final String name, final Object value)
        throws IOException
    {
        if (value instanceof Number number)
        {
            if (value instanceof Double || value instanceof Float)
            {
                json.writeNumberField(name, number.doubleValue());
            }
            else
            {
                json.writeNumberField(name, number.longValue());
            }
        }
        else if (value instanceof Boolean bool)
        {
            json.writeBooleanField(name, bool);
        }
        else if (null == value)
        {
            json.writeNullField(name);
        }
        else
        {
            json.writeStringField(name, value.toString());
        }
    }
}
