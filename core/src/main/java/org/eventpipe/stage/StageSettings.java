package org.eventpipe.stage;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.eventpipe.model.EventType;
import org.eventpipe.workload.Workload;

/**
 * Settings shared by every stage of one split run.
 *
 * @param batch                 events per frame; 0 selects adaptive batching.
 * @param adaptiveMaxBatch      largest batch of the adaptive policy.
 * @param lingerMicros          longest wait of a partial batch, 0 for none.
 * @param idleStrategy          name of the agent's idle strategy.
 * @param frameLimit            frames polled per duty cycle.
 * @param connectTimeoutMs      how long a stage waits for its peers to connect.
 * @param maxLineLength         longest line accepted.
 * @param latencySampleInterval one event in this many has its latency recorded.
 * @param droppedTypes          types the rules drop.
 */
public record StageSettings(
    int batch,
    int adaptiveMaxBatch,
    long lingerMicros,
    String idleStrategy,
    int frameLimit,
    long connectTimeoutMs,
    int maxLineLength,
    int latencySampleInterval,
    Set<EventType> droppedTypes)
{
    /**
     * Validate the settings.
     *
     * @throws IllegalArgumentException naming the first bad setting.
     */
    public StageSettings
    {
        if (batch < 0 || batch > org.eventpipe.codec.FrameEncoder.MAX_EVENTS_PER_FRAME)
        {
            throw new IllegalArgumentException("--batch must be in [0, " +
                org.eventpipe.codec.FrameEncoder.MAX_EVENTS_PER_FRAME + "] (0 = adaptive): " + batch);
        }
        if (adaptiveMaxBatch < 1 || adaptiveMaxBatch > org.eventpipe.codec.FrameEncoder.MAX_EVENTS_PER_FRAME)
        {
            throw new IllegalArgumentException("adaptive max batch out of range: " + adaptiveMaxBatch);
        }
        if (lingerMicros < 0)
        {
            throw new IllegalArgumentException("--linger-us must not be negative: " + lingerMicros);
        }
        StageConfiguration.newIdleStrategy(idleStrategy);
        if (frameLimit < 1)
        {
            throw new IllegalArgumentException("frame limit must be at least 1: " + frameLimit);
        }
        if (latencySampleInterval < 1 || Integer.bitCount(latencySampleInterval) != 1)
        {
            throw new IllegalArgumentException("latency sample must be a power of two: " + latencySampleInterval);
        }
        droppedTypes = droppedTypes.isEmpty() ? EnumSet.noneOf(EventType.class) : EnumSet.copyOf(droppedTypes);
    }

    /**
     * Whether batching is adaptive: send when full or when the input is drained.
     *
     * @return true for the adaptive policy.
     */
    public boolean adaptive()
    {
        return 0 == batch;
    }

    /**
     * Events per frame at most.
     *
     * @return the batch limit.
     */
    public int maxEventsPerFrame()
    {
        return adaptive() ? adaptiveMaxBatch : batch;
    }

    /**
     * Linger in nanoseconds.
     *
     * @return the linger, 0 for none.
     */
    public long lingerNanos()
    {
        return TimeUnit.MICROSECONDS.toNanos(lingerMicros);
    }

    /**
     * A short description of the batching policy.
     *
     * @return e.g. {@code batch=100 linger=none}.
     */
    public String batchingDescription()
    {
        return (adaptive() ? "batch=adaptive(max " + adaptiveMaxBatch + ")" : "batch=" + batch) +
            (lingerMicros > 0 ? " linger=" + lingerMicros + "us" : "");
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
