package org.eventpipe.counters;

/**
 * Every count of the split pipeline, described once: what it counts and which stage increments it. Each stage
 * process keeps its counters in Agrona's {@code CountersManager} ({@link StageCounters}), in a file of the run
 * directory when it has one, so that they can be read while the run goes on ({@code EventpipeStat}, the launcher's
 * progress line and liveness check). The end of stream each stage sends and the sink's report are filled from the
 * same counters.
 * <p>
 * The type id of each counter is its {@link #id()}, so that a reader finds a counter by what it is, not by its label.
 */
public enum PipelineCounter
{
    /** Epoch milliseconds of the stage's last duty cycle: stands still when the stage hangs. */
    HEARTBEAT(1, "heartbeat (epoch ms)",
        "every stage, each duty cycle and each retry of a back-pressured send; ingest sets 0 while it waits on input"),
    /** Lines read from the input, blank ones included. */
    LINES_READ(2, "lines read", "ingest"),
    /** Blank lines skipped. */
    BLANK_LINES(3, "blank lines", "ingest"),
    /** Frames received on the input edge, end of stream excluded. */
    FRAMES_IN(4, "frames received", "every stage with an input: its input adapter"),
    /** Entries carried by the frames received. */
    EVENTS_IN(5, "entries received", "every stage with an input: its input adapter"),
    /** Frames sent on the output edge. */
    FRAMES_OUT(6, "frames sent", "every stage with an output: its edge publisher"),
    /** Entries carried by the frames sent. */
    EVENTS_OUT(7, "entries sent", "every stage with an output: its edge publisher"),
    /** Sends retried because the receiver was behind or the transport did administrative work. */
    SEND_RETRIES(8, "send retries (back pressure)", "every stage with an output: its edge publisher"),
    /** Lines parsed into events. */
    ACCEPTED(9, "lines accepted", "parse"),
    /** Lines rejected, with a reason. */
    REJECTED(10, "lines rejected", "parse"),
    /** Events kept by the rules. */
    KEPT(11, "events kept", "rules"),
    /** Events filtered out by the rules. */
    FILTERED(12, "events filtered", "rules"),
    /** Events folded into the aggregates. */
    APPLIED(13, "events applied", "aggregate"),
    /** Events a handler threw on, counted where it threw. */
    FAILED(14, "events failed in a handler", "parse, rules, aggregate"),
    /** Nanoseconds spent processing input (decode, handler, batching). */
    PROCESSING_NANOS(15, "processing time (ns)", "every stage"),
    /** Nanoseconds spent sending, retries included. */
    SENDING_NANOS(16, "sending time (ns)", "every stage with an output");

    private static final PipelineCounter[] BY_ID;

    static
    {
        int maxId = 0;
        for (final PipelineCounter counter : values())
        {
            maxId = Math.max(maxId, counter.id);
        }
        BY_ID = new PipelineCounter[maxId + 1];
        for (final PipelineCounter counter : values())
        {
            BY_ID[counter.id] = counter;
        }
    }

    private final int id;
    private final String label;
    private final String incrementedBy;

    PipelineCounter(final int id, final String label, final String incrementedBy)
    {
        this.id = id;
        this.label = label;
        this.incrementedBy = incrementedBy;
    }

    /**
     * Type id of the counter in the counters file.
     *
     * @return the id, stable across versions.
     */
    public int id()
    {
        return id;
    }

    /**
     * What the counter counts.
     *
     * @return a short label.
     */
    public String label()
    {
        return label;
    }

    /**
     * Which stage, or which part of a stage, increments it.
     *
     * @return a short description.
     */
    public String incrementedBy()
    {
        return incrementedBy;
    }

    /**
     * Counter by type id.
     *
     * @param id as returned by {@link #id()}.
     * @return the counter, or null if unknown.
     */
    public static PipelineCounter fromId(final int id)
    {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
