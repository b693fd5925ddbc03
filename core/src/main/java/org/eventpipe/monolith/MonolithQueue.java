package org.eventpipe.monolith;

import java.util.Locale;

/**
 * What joins the monolith's threads: the LMAX Disruptor ring buffer, or the {@code java.util.concurrent} queues a
 * developer without the Disruptor would use (the baseline the Disruptor is measured against).
 */
public enum MonolithQueue
{
    /** One Disruptor ring buffer, the handlers chained on its sequences: {@link DisruptorRing}. */
    DISRUPTOR("disruptor"),

    /** An {@code ArrayBlockingQueue} between each pair of threads and a free list of events: {@link JdkQueueRing}. */
    JDK("jdk");

    /** Names as {@link #of(String)} accepts them. */
    public static final String NAMES = "disruptor, jdk";

    private final String label;

    MonolithQueue(final String label)
    {
        this.label = label;
    }

    /**
     * The queue of a name.
     *
     * @param name {@code disruptor} or {@code jdk}, any case.
     * @return the queue.
     * @throws IllegalArgumentException if the name is unknown.
     */
    public static MonolithQueue of(final String name)
    {
        for (final MonolithQueue queue : values())
        {
            if (queue.label.equals(name.toLowerCase(Locale.ROOT)))
            {
                return queue;
            }
        }
        throw new IllegalArgumentException("unknown queue '" + name + "', expected one of: " + NAMES);
    }

    /**
     * The name as given on the command line and written in summaries.
     *
     * @return {@code disruptor} or {@code jdk}.
     */
    public String label()
    {
        return label;
    }
}
