package org.eventpipe.monolith;

import java.util.EnumSet;
import java.util.Set;

import org.eventpipe.model.EventType;
import org.eventpipe.workload.Workload;

/**
 * Settings of a monolith or fused run.
 *
 * @param waitStrategy          Disruptor wait strategy name, see {@link MonolithConfiguration#newWaitStrategy}.
 * @param ringSize              ring buffer slots, a power of two.
 * @param ingestBatch           lines published together by the ingest thread.
 * @param maxLineLength         longest line accepted in bytes.
 * @param latencySampleInterval one event in this many has its latency recorded, a power of two.
 * @param droppedTypes          event types the rules drop.
 */
public record PipelineSettings(
    String waitStrategy,
    int ringSize,
    int ingestBatch,
    int maxLineLength,
    int latencySampleInterval,
    Set<EventType> droppedTypes)
{
    /**
     * Validate the settings.
     *
     * @throws IllegalArgumentException naming the first bad setting.
     */
    public PipelineSettings
    {
        MonolithConfiguration.newWaitStrategy(waitStrategy);
        if (ringSize < 64 || Integer.bitCount(ringSize) != 1)
        {
            throw new IllegalArgumentException("ring size must be a power of two of at least 64: " + ringSize);
        }
        if (ingestBatch < 1 || ingestBatch > ringSize / 4)
        {
            throw new IllegalArgumentException("ingest batch must be in [1, ring size / 4]: " + ingestBatch);
        }
        if (maxLineLength < 16)
        {
            throw new IllegalArgumentException("max line length must be at least 16: " + maxLineLength);
        }
        if (latencySampleInterval < 1 || Integer.bitCount(latencySampleInterval) != 1)
        {
            throw new IllegalArgumentException(
                "latency sample interval must be a power of two: " + latencySampleInterval);
        }
        droppedTypes = droppedTypes.isEmpty() ? EnumSet.noneOf(EventType.class) : EnumSet.copyOf(droppedTypes);
    }

    /**
     * The defaults, as documented in {@link MonolithConfiguration}.
     *
     * @return default settings.
     */
    public static PipelineSettings defaults()
    {
        return new PipelineSettings(
            MonolithConfiguration.WAIT_STRATEGY_DEFAULT,
            MonolithConfiguration.RING_SIZE_DEFAULT,
            MonolithConfiguration.INGEST_BATCH_DEFAULT,
            MonolithConfiguration.MAX_LINE_LENGTH_DEFAULT,
            MonolithConfiguration.LATENCY_SAMPLE_DEFAULT,
            EnumSet.of(EventType.VIEW));
    }

    /**
     * The settings a workload's handlers take.
     *
     * @return the line limit and the dropped types.
     */
    public Workload.Settings workloadSettings()
    {
        return new Workload.Settings(maxLineLength, droppedTypes);
    }
}
