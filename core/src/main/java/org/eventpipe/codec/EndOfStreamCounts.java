package org.eventpipe.codec;

/**
 * The counts an end-of-stream frame carries: mutable and reusable, so that neither the encoder nor the decoder
 * allocates. A stage fills the counts it knows, forwards those of its upstream, and leaves the rest at
 * {@link #UNKNOWN}.
 */
public final class EndOfStreamCounts
{
    /** Value of a count the sending stage does not know. */
    public static final long UNKNOWN = -1;

    private long framesSent = UNKNOWN;
    private long eventsSent = UNKNOWN;
    private long linesRead = UNKNOWN;
    private long blankLines = UNKNOWN;
    private long accepted = UNKNOWN;
    private long rejected = UNKNOWN;
    private long filtered = UNKNOWN;
    private long kept = UNKNOWN;
    private long failed = UNKNOWN;

    /**
     * Set every count to {@link #UNKNOWN}.
     *
     * @return this for a fluent API.
     */
    public EndOfStreamCounts reset()
    {
        framesSent = UNKNOWN;
        eventsSent = UNKNOWN;
        linesRead = UNKNOWN;
        blankLines = UNKNOWN;
        accepted = UNKNOWN;
        rejected = UNKNOWN;
        filtered = UNKNOWN;
        kept = UNKNOWN;
        failed = UNKNOWN;
        return this;
    }

    /**
     * Copy every count of another holder, for instance to forward the counts of the upstream stage.
     *
     * @param other to copy from.
     * @return this for a fluent API.
     */
    public EndOfStreamCounts copyFrom(final EndOfStreamCounts other)
    {
        framesSent = other.framesSent;
        eventsSent = other.eventsSent;
        linesRead = other.linesRead;
        blankLines = other.blankLines;
        accepted = other.accepted;
        rejected = other.rejected;
        filtered = other.filtered;
        kept = other.kept;
        failed = other.failed;
        return this;
    }

    /**
     * Frames sent on this edge, excluding the end-of-stream frame.
     *
     * @return the count, or -1 if unknown.
     */
    public long framesSent()
    {
        return framesSent;
    }

    /**
     * Set: frames sent on this edge, excluding the end-of-stream frame.
     *
     * @param framesSent the count, or -1 if unknown.
     * @return this for a fluent API.
     */
    public EndOfStreamCounts framesSent(final long framesSent)
    {
        this.framesSent = framesSent;
        return this;
    }

    /**
     * Group entries sent on this edge.
     *
     * @return the count, or -1 if unknown.
     */
    public long eventsSent()
    {
        return eventsSent;
    }

    /**
     * Set: group entries sent on this edge.
     *
     * @param eventsSent the count, or -1 if unknown.
     * @return this for a fluent API.
     */
    public EndOfStreamCounts eventsSent(final long eventsSent)
    {
        this.eventsSent = eventsSent;
        return this;
    }

    /**
     * Lines read by ingest.
     *
     * @return the count, or -1 if unknown.
     */
    public long linesRead()
    {
        return linesRead;
    }

    /**
     * Set: lines read by ingest.
     *
     * @param linesRead the count, or -1 if unknown.
     * @return this for a fluent API.
     */
    public EndOfStreamCounts linesRead(final long linesRead)
    {
        this.linesRead = linesRead;
        return this;
    }

    /**
     * Blank lines skipped by ingest.
     *
     * @return the count, or -1 if unknown.
     */
    public long blankLines()
    {
        return blankLines;
    }

    /**
     * Set: blank lines skipped by ingest.
     *
     * @param blankLines the count, or -1 if unknown.
     * @return this for a fluent API.
     */
    public EndOfStreamCounts blankLines(final long blankLines)
    {
        this.blankLines = blankLines;
        return this;
    }

    /**
     * Lines parsed into events.
     *
     * @return the count, or -1 if unknown.
     */
    public long accepted()
    {
        return accepted;
    }

    /**
     * Set: lines parsed into events.
     *
     * @param accepted the count, or -1 if unknown.
     * @return this for a fluent API.
     */
    public EndOfStreamCounts accepted(final long accepted)
    {
        this.accepted = accepted;
        return this;
    }

    /**
     * Lines rejected by parse.
     *
     * @return the count, or -1 if unknown.
     */
    public long rejected()
    {
        return rejected;
    }

    /**
     * Set: lines rejected by parse.
     *
     * @param rejected the count, or -1 if unknown.
     * @return this for a fluent API.
     */
    public EndOfStreamCounts rejected(final long rejected)
    {
        this.rejected = rejected;
        return this;
    }

    /**
     * Events dropped by the rules.
     *
     * @return the count, or -1 if unknown.
     */
    public long filtered()
    {
        return filtered;
    }

    /**
     * Set: events dropped by the rules.
     *
     * @param filtered the count, or -1 if unknown.
     * @return this for a fluent API.
     */
    public EndOfStreamCounts filtered(final long filtered)
    {
        this.filtered = filtered;
        return this;
    }

    /**
     * Events kept by the rules.
     *
     * @return the count, or -1 if unknown.
     */
    public long kept()
    {
        return kept;
    }

    /**
     * Set: events kept by the rules.
     *
     * @param kept the count, or -1 if unknown.
     * @return this for a fluent API.
     */
    public EndOfStreamCounts kept(final long kept)
    {
        this.kept = kept;
        return this;
    }

    /**
     * Events on which a handler threw.
     *
     * @return the count, or -1 if unknown.
     */
    public long failed()
    {
        return failed;
    }

    /**
     * Set: events on which a handler threw.
     *
     * @param failed the count, or -1 if unknown.
     * @return this for a fluent API.
     */
    public EndOfStreamCounts failed(final long failed)
    {
        this.failed = failed;
        return this;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "EndOfStreamCounts{" +
            "framesSent=" + framesSent +
            ", eventsSent=" + eventsSent +
            ", linesRead=" + linesRead +
            ", blankLines=" + blankLines +
            ", accepted=" + accepted +
            ", rejected=" + rejected +
            ", filtered=" + filtered +
            ", kept=" + kept +
            ", failed=" + failed +
            '}';
    }
}
