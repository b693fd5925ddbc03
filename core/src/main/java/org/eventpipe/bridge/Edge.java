package org.eventpipe.bridge;

/**
 * The edges of the split pipeline, each one stream (Aeron) or queue (Chronicle):
 * <pre>
 * ingest --INGEST_TO_PARSE--> parse --PARSE_TO_RULES--> rules --RULES_TO_AGGREGATE--> aggregate
 *        --AGGREGATE_TO_SINK--> sink
 * </pre>
 */
public enum Edge
{
    /** Raw line batches. */
    INGEST_TO_PARSE("ingest-parse", 1001),
    /** Parsed event batches, rejects, metrics. */
    PARSE_TO_RULES("parse-rules", 1002),
    /** Kept event batches, rejects, metrics. */
    RULES_TO_AGGREGATE("rules-aggregate", 1003),
    /** Results, rejects, metrics, end of stream. */
    AGGREGATE_TO_SINK("aggregate-sink", 1004);

    private final String edgeName;
    private final int streamId;

    Edge(final String edgeName, final int streamId)
    {
        this.edgeName = edgeName;
        this.streamId = streamId;
    }

    /**
     * Name of the edge as used in options and file names.
     *
     * @return e.g. {@code parse-rules}.
     */
    public String edgeName()
    {
        return edgeName;
    }

    /**
     * Stream id of the edge.
     *
     * @return the stream id.
     */
    public int streamId()
    {
        return streamId;
    }

    /**
     * Edge by name.
     *
     * @param name as returned by {@link #edgeName()}.
     * @return the edge, or null if unknown.
     */
    public static Edge fromName(final String name)
    {
        for (final Edge edge : values())
        {
            if (edge.edgeName.equals(name))
            {
                return edge;
            }
        }
        return null;
    }
}
