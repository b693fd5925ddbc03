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
 * @param queue                 what joins the threads.
 * @param slotLineCapacity      bytes of line a slot keeps in its own buffer, see
 *                              {@link MonolithConfiguration#SLOT_LINE_CAPACITY_PROP_NAME}.
 * @param longLinePoolBytes     bytes of the long-line buffers slots borrow, see
 *                              {@link MonolithConfiguration#LONG_LINE_POOL_BYTES_PROP_NAME}.
 */
public record PipelineSettings(
    String waitStrategy,
    int ringSize,
    int ingestBatch,
    int maxLineLength,
    int latencySampleInterval,
    Set<EventType> droppedTypes,
    MonolithQueue queue,
    int slotLineCapacity,
    int longLinePoolBytes)
{
    /**
     * Validate the settings.
     *
     * @throws IllegalArgumentException naming the first bad setting.
     */
    public PipelineSettings
    {
        MonolithConfiguration.newWaitStrategy(waitStrategy);
        if (null == queue)
        {
            throw new IllegalArgumentException("no queue given, expected one of: " + MonolithQueue.NAMES);
        }
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
        if (slotLineCapacity < MonolithConfiguration.SLOT_LINE_CAPACITY_MIN)
        {
            throw new IllegalArgumentException("slot line capacity must be at least " +
                MonolithConfiguration.SLOT_LINE_CAPACITY_MIN + ": " + slotLineCapacity);
        }
        if (longLinePoolBytes < 0)
        {
            throw new IllegalArgumentException("long-line pool bytes must not be negative: " + longLinePoolBytes);
        }
        droppedTypes = droppedTypes.isEmpty() ? EnumSet.noneOf(EventType.class) : EnumSet.copyOf(droppedTypes);
    }

    /**
     * Settings on the Disruptor with the default line memory.
     *
     * @param waitStrategy          Disruptor wait strategy name.
     * @param ringSize              ring buffer slots, a power of two.
     * @param ingestBatch           lines published together by the ingest thread.
     * @param maxLineLength         longest line accepted in bytes.
     * @param latencySampleInterval one event in this many has its latency recorded, a power of two.
     * @param droppedTypes          event types the rules drop.
     */
    public PipelineSettings(
        final String waitStrategy,
        final int ringSize,
        final int ingestBatch,
        final int maxLineLength,
        final int latencySampleInterval,
        final Set<EventType> droppedTypes)
    {
        this(waitStrategy, ringSize, ingestBatch, maxLineLength, latencySampleInterval, droppedTypes,
            MonolithQueue.DISRUPTOR, MonolithConfiguration.SLOT_LINE_CAPACITY_DEFAULT,
            MonolithConfiguration.LONG_LINE_POOL_BYTES_DEFAULT);
    }

    /**
     * The same settings on another queue.
     *
     * @param queue to join the threads.
     * @return the settings.
     */
    public PipelineSettings withQueue(final MonolithQueue queue)
    {
        return new PipelineSettings(waitStrategy, ringSize, ingestBatch, maxLineLength, latencySampleInterval,
            droppedTypes, queue, slotLineCapacity, longLinePoolBytes);
    }

    /**
     * The same settings with other line memory.
     *
     * @param slotLineCapacity  bytes of line a slot keeps in its own buffer.
     * @param longLinePoolBytes bytes of the long-line buffers slots borrow.
     * @return the settings.
     */
    public PipelineSettings withLineMemory(final int slotLineCapacity, final int longLinePoolBytes)
    {
        return new PipelineSettings(waitStrategy, ringSize, ingestBatch, maxLineLength, latencySampleInterval,
            droppedTypes, queue, slotLineCapacity, longLinePoolBytes);
    }

    /**
     * Long-line buffers of the pool: {@link #longLinePoolBytes()} / {@link #maxLineLength()}, at least one and at most
     * one per slot.
     *
     * @return buffers the slots may borrow at once.
     */
    public int longLineBuffers()
    {
        return (int)Math.max(1, Math.min(ringSize, (long)longLinePoolBytes / maxLineLength));
    }

    /**
     * Bytes a slot keeps of a line in its own buffer: the slot line capacity, or the maximum line length if smaller.
     *
     * @return bytes.
     */
    public int slotLineLimit()
    {
        return Math.min(slotLineCapacity, maxLineLength);
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
            EnumSet.of(EventType.VIEW),
            MonolithQueue.of(MonolithConfiguration.QUEUE_DEFAULT),
            MonolithConfiguration.SLOT_LINE_CAPACITY_DEFAULT,
            MonolithConfiguration.LONG_LINE_POOL_BYTES_DEFAULT);
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
