package org.eventpipe.bridge;

/**
 * The edges of the split pipeline; each transport maps an edge to what carries it (an Aeron stream, a Chronicle
 * queue) in its own configuration. Which stage sends and receives on each is declared in
 * {@link org.eventpipe.topology.Topology}.
 * <pre>
 * ingest --INGEST_TO_PARSE--> parse --PARSE_TO_RULES--> rules --RULES_TO_AGGREGATE--> aggregate
 *        --AGGREGATE_TO_SINK--> sink
 * </pre>
 */
public enum Edge
{
    /** Raw line batches. */
    INGEST_TO_PARSE("ingest-parse"),
    /** Parsed event batches, rejects, metrics. */
    PARSE_TO_RULES("parse-rules"),
    /** Kept event batches, rejects, metrics. */
    RULES_TO_AGGREGATE("rules-aggregate"),
    /** Results, rejects, metrics, end of stream. */
    AGGREGATE_TO_SINK("aggregate-sink");

    private final String edgeName;

    Edge(final String edgeName)
    {
        this.edgeName = edgeName;
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
