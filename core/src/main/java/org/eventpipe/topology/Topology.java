package org.eventpipe.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.eventpipe.bridge.Edge;
import org.eventpipe.codec.StageId;

/**
 * The split pipeline's shape, declared once: its stages, the edge each receives on and sends on, and the order in
 * which the launcher starts them. The stage mains, the launcher, the sink and the report read it.
 * <pre>
 * ingest --lines--> parse --events--> rules --events--> aggregate --results--> sink
 *                        \--rejects (forwarded by rules and aggregate) ----------->
 *
 * edges:  ingest-parse      parse-rules       rules-aggregate       aggregate-sink
 * every stage ends its edge with its metrics and an end of stream carrying its counts
 * </pre>
 * Stages start from the sink upstream, so that each one's output is joined when it announces itself ready.
 */
public final class Topology
{
    /** One stage: its id on the wire, its name, and its edges. */
    public static final class Stage
    {
        private final StageId id;
        private final String name;
        private final Edge input;
        private final Edge output;
        private Stage upstream;

        private Stage(final StageId id, final Edge input, final Edge output)
        {
            this.id = id;
            this.name = id.name().toLowerCase(Locale.ROOT);
            this.input = input;
            this.output = output;
        }

        /**
         * Id of the stage, as carried in every frame it sends.
         *
         * @return the id.
         */
        public StageId id()
        {
            return id;
        }

        /**
         * Name of the stage, as given to {@code --stage} and used in messages.
         *
         * @return e.g. {@code parse}.
         */
        public String name()
        {
            return name;
        }

        /**
         * The edge the stage receives on.
         *
         * @return the edge, or null for ingest, which reads the input.
         */
        public Edge input()
        {
            return input;
        }

        /**
         * The edge the stage sends on.
         *
         * @return the edge, or null for the sink, which writes the report.
         */
        public Edge output()
        {
            return output;
        }

        /**
         * The stage sending on this one's input edge.
         *
         * @return the upstream stage, or null for ingest.
         */
        public Stage upstream()
        {
            return upstream;
        }

        /**
         * {@inheritDoc}
         */
        public String toString()
        {
            return name;
        }
    }

    private static final List<Stage> STAGES;
    private static final List<Stage> START_ORDER;

    static
    {
        final List<Stage> stages = new ArrayList<>();
        stages.add(new Stage(StageId.INGEST, null, Edge.INGEST_TO_PARSE));
        stages.add(new Stage(StageId.PARSE, Edge.INGEST_TO_PARSE, Edge.PARSE_TO_RULES));
        stages.add(new Stage(StageId.RULES, Edge.PARSE_TO_RULES, Edge.RULES_TO_AGGREGATE));
        stages.add(new Stage(StageId.AGGREGATE, Edge.RULES_TO_AGGREGATE, Edge.AGGREGATE_TO_SINK));
        stages.add(new Stage(StageId.SINK, Edge.AGGREGATE_TO_SINK, null));
        for (int i = 1; i < stages.size(); i++)
        {
            stages.get(i).upstream = stages.get(i - 1);
        }
        STAGES = Collections.unmodifiableList(stages);
        final List<Stage> startOrder = new ArrayList<>(stages);
        Collections.reverse(startOrder);
        START_ORDER = Collections.unmodifiableList(startOrder);
    }

    private Topology()
    {
    }

    /**
     * The stages in pipeline order, ingest first.
     *
     * @return the stages.
     */
    public static List<Stage> stages()
    {
        return STAGES;
    }

    /**
     * The stages in the order the launcher starts them: the sink first, ingest last.
     *
     * @return the stages.
     */
    public static List<Stage> startOrder()
    {
        return START_ORDER;
    }

    /**
     * The names of the stages in pipeline order.
     *
     * @return e.g. {@code [ingest, parse, rules, aggregate, sink]}.
     */
    public static List<String> names()
    {
        final List<String> names = new ArrayList<>();
        for (final Stage stage : STAGES)
        {
            names.add(stage.name);
        }
        return names;
    }

    /**
     * A stage by id.
     *
     * @param id of the stage.
     * @return the stage.
     */
    public static Stage stage(final StageId id)
    {
        for (final Stage stage : STAGES)
        {
            if (stage.id == id)
            {
                return stage;
            }
        }
        throw new IllegalArgumentException("no stage " + id);
    }

    /**
     * A stage by name.
     *
     * @param name as given to {@code --stage}.
     * @return the stage, or null if there is none of that name.
     */
    public static Stage stage(final String name)
    {
        for (final Stage stage : STAGES)
        {
            if (stage.name.equals(name))
            {
                return stage;
            }
        }
        return null;
    }
}
