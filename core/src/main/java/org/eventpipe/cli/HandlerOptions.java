package org.eventpipe.cli;

import java.util.List;
import java.util.Set;

import org.eventpipe.model.EventType;
import org.eventpipe.monolith.MonolithConfiguration;
import org.eventpipe.workload.Workload;
import org.eventpipe.workload.Workloads;
import picocli.CommandLine.Option;

/**
 * The handler settings every command shares (picocli mixin): line length limit, latency sampling and dropped types.
 * Each flag defaults to its system property, so the flag and the property mean the same setting.
 */
public final class HandlerOptions
{
    @Option(names = "--workload", paramLabel = "NAME",
        defaultValue = "${sys:eventpipe.workload:-" + Workloads.DEFAULT + "}",
        description = "Workload to run, found on the class path: events (NDJSON events of the seeds), work-items " +
            "(CPU-bound vectors and matrices), or your own (default: ${DEFAULT-VALUE}).")
    String workload;

    @Option(names = "--latency-sample", paramLabel = "N",
        defaultValue = "${sys:" + MonolithConfiguration.LATENCY_SAMPLE_PROP_NAME + ":-" +
            MonolithConfiguration.LATENCY_SAMPLE_DEFAULT + "}",
        description = "Record the latency of one event in N, a power of two; 1 records all " +
            "(default: ${DEFAULT-VALUE}).")
    int latencySample;

    @Option(names = "--max-line-length", paramLabel = "BYTES",
        defaultValue = "${sys:" + MonolithConfiguration.MAX_LINE_LENGTH_PROP_NAME + ":-" +
            MonolithConfiguration.MAX_LINE_LENGTH_DEFAULT + "}",
        description = "Longest line accepted; longer ones are rejected as LINE_TOO_LONG (default: ${DEFAULT-VALUE}).")
    int maxLineLength;

    @Option(names = "--drop-types", paramLabel = "TYPES", split = ",",
        defaultValue = "${sys:" + MonolithConfiguration.DROP_TYPES_PROP_NAME + ":-" +
            MonolithConfiguration.DROP_TYPES_DEFAULT + "}",
        description = "Event types the rules stage filters out, comma separated; 'none' keeps all " +
            "(default: ${DEFAULT-VALUE}).")
    List<String> dropTypes;

    /**
     * The workload named by {@code --workload}.
     *
     * @return the workload.
     * @throws UsageException if no workload on the class path has that name.
     */
    public Workload workload()
    {
        try
        {
            return Workloads.named(workload);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UsageException(ex.getMessage());
        }
    }

    /**
     * Name of the workload, as given.
     *
     * @return the name.
     */
    public String workloadName()
    {
        return workload;
    }

    /**
     * One event in how many has its latency recorded.
     *
     * @return the sample interval.
     */
    public int latencySample()
    {
        return latencySample;
    }

    /**
     * Longest line accepted.
     *
     * @return bytes.
     */
    public int maxLineLength()
    {
        return maxLineLength;
    }

    /**
     * The {@code --drop-types} as given, to pass on to another process.
     *
     * @return the names, e.g. {@code [view]} or {@code [none]}.
     */
    public List<String> dropTypeNames()
    {
        return List.copyOf(dropTypes);
    }

    /**
     * Types the rules drop.
     *
     * @return the types.
     * @throws UsageException naming an unknown type.
     */
    public Set<EventType> droppedTypes()
    {
        return CommandLines.parseDropTypes(dropTypes);
    }
}
