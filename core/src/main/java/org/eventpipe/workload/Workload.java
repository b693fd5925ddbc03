package org.eventpipe.workload;

import java.util.Set;

import org.agrona.DirectBuffer;
import org.eventpipe.ingest.LineSource;
import org.eventpipe.model.EventType;

/**
 * Everything that differs between two pipelines: the input it generates, its three handlers, the codec of the entries
 * on its edges, and its results. The monolith, the fused loop, the split stages and the bench all run a workload
 * through the same machinery (ring, ingest, batching, transports, counts, rejects, latency), found by name with
 * {@link Workloads#named(String)}: a workload is a {@link java.util.ServiceLoader} service, listed in
 * {@code META-INF/services/org.eventpipe.workload.Workload} of the jar that holds it.
 * <p>
 * Every workload reads NDJSON lines. A line the parser accepts becomes the workload's entry, held in the
 * {@link org.eventpipe.model.PipelineEvent} that carries the line (its own fields, or the object
 * {@link #newEntry()} attaches to it); a line it rejects is counted and written to the rejects with a reason, by the
 * machinery, whatever the workload.
 * <p>
 * Handlers are single threaded and keep state: each pipeline asks for its own.
 */
public interface Workload
{
    /** Ring slots of a workload that does not choose its own: 16,384 slots of about 300 bytes stay in L2+L3. */
    int DEFAULT_RING_SIZE = 16_384;

    /**
     * Name given to {@code --workload}.
     *
     * @return the name, lower case, e.g. {@code events}.
     */
    String name();

    /**
     * One line for {@code --help} and the report.
     *
     * @return what the workload does.
     */
    String description();

    /**
     * The deterministic generator of this workload's input.
     *
     * @param seed  of the generator.
     * @param lines to generate.
     * @return a source of that many lines, the same for the same arguments.
     */
    LineSource generator(long seed, long lines);

    /**
     * Ring slots the monolith uses when {@code --ring-size} is not given. Every slot holds a preallocated entry
     * (see {@link #newEntry()}) and a line buffer, so a workload with large entries asks for fewer slots to keep the
     * monolith's memory bounded.
     *
     * @return a power of two of at least 64; {@value #DEFAULT_RING_SIZE} unless the workload says otherwise.
     */
    default int defaultRingSize()
    {
        return DEFAULT_RING_SIZE;
    }

    /**
     * The object each pipeline event carries for this workload's entry (see
     * {@link org.eventpipe.model.PipelineEvent#entry()}), created once per slot and reused.
     *
     * @return a new entry, or null if the event's own fields hold the entry.
     */
    Object newEntry();

    /**
     * A new parser.
     *
     * @param settings of the handlers.
     * @return the parser.
     */
    WorkloadParser newParser(Settings settings);

    /**
     * A new rules handler.
     *
     * @param settings of the handlers.
     * @return the rules.
     */
    WorkloadRules newRules(Settings settings);

    /**
     * A new aggregator.
     *
     * @param settings of the handlers.
     * @return the aggregator.
     */
    WorkloadAggregator newAggregator(Settings settings);

    /**
     * The codec of the entries on the parse-to-rules and rules-to-aggregate edges.
     *
     * @return the codec, stateless and shared.
     */
    EntryCodec entryCodec();

    /**
     * Decode the results an aggregator encoded with {@link WorkloadResults#encode}.
     *
     * @param buffer holding them.
     * @param offset of the first byte.
     * @param length of the encoding.
     * @return the results.
     * @throws IllegalArgumentException if the bytes are not such an encoding.
     */
    WorkloadResults decodeResults(DirectBuffer buffer, int offset, int length);

    /**
     * Settings of a workload's handlers.
     *
     * @param maxLineLength longest line accepted, in bytes; longer lines are rejected as too long.
     * @param droppedTypes  event types the events workload's rules drop; other workloads ignore it.
     */
    record Settings(int maxLineLength, Set<EventType> droppedTypes)
    {
    }
}
