package org.eventpipe.monolith;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.LiteBlockingWaitStrategy;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * Settings of the monolith: each a system property name beside its default. The command-line flags default to the
 * system properties, so {@code -Deventpipe.monolith.ring.size=4096} and {@code --ring-size 4096} mean the same.
 */
public final class MonolithConfiguration
{
    /** Disruptor wait strategy of the handler threads, one of {@link #WAIT_STRATEGY_NAMES}. */
    public static final String WAIT_STRATEGY_PROP_NAME = "eventpipe.monolith.wait.strategy";

    /**
     * Default wait strategy: {@link BackoffWaitStrategy}. Four threads (ingest and three handlers) share two cores:
     * busy-spin starves the producer, and yielding keeps idle handlers runnable so they still take time slices from
     * ingest and parse. Backoff parks an idle handler for up to 200 us, after which it drains a large batch at once.
     * On a machine with a core per thread, {@code busy-spin} or {@code yielding} give lower latency.
     */
    public static final String WAIT_STRATEGY_DEFAULT = "backoff";

    /** Ring buffer size in slots, a power of two. */
    public static final String RING_SIZE_PROP_NAME = "eventpipe.monolith.ring.size";

    /**
     * Default ring size when the workload does not choose its own: 16,384 slots of about 300 bytes each stay well
     * inside the L2+L3 caches (see {@link org.eventpipe.workload.Workload#defaultRingSize()}).
     */
    public static final int RING_SIZE_DEFAULT = org.eventpipe.workload.Workload.DEFAULT_RING_SIZE;

    /** Lines the ingest thread claims before publishing them together, with one timestamp. */
    public static final String INGEST_BATCH_PROP_NAME = "eventpipe.monolith.ingest.batch";

    /** Default ingest batch. */
    public static final int INGEST_BATCH_DEFAULT = 64;

    /** Longest line accepted in bytes; longer lines are rejected as LINE_TOO_LONG. */
    public static final String MAX_LINE_LENGTH_PROP_NAME = "eventpipe.max.line.length";

    /** Default longest line. */
    public static final int MAX_LINE_LENGTH_DEFAULT = 16_384;

    /** One event in this many has its end-to-end latency recorded (a power of two). */
    public static final String LATENCY_SAMPLE_PROP_NAME = "eventpipe.latency.sample";

    /** Default latency sample interval. */
    public static final int LATENCY_SAMPLE_DEFAULT = 16;

    /** Event types the rules stage drops, comma separated. */
    public static final String DROP_TYPES_PROP_NAME = "eventpipe.rules.drop";

    /** Default dropped types. */
    public static final String DROP_TYPES_DEFAULT = "view";

    /** What joins the threads, one of {@link MonolithQueue#NAMES}. */
    public static final String QUEUE_PROP_NAME = "eventpipe.monolith.queue";

    /** Default queue: the Disruptor. */
    public static final String QUEUE_DEFAULT = "disruptor";

    /**
     * Bytes of line a ring slot keeps in its own buffer, at least {@link #SLOT_LINE_CAPACITY_MIN}. A slot's buffer
     * starts at {@link org.eventpipe.model.PipelineEvent#DEFAULT_LINE_CAPACITY} and grows on demand up to this; a
     * longer line borrows a buffer of the long-line pool. Of a line longer than the maximum, which is rejected unread,
     * a slot keeps only this much (the reject file keeps 512 bytes).
     */
    public static final String SLOT_LINE_CAPACITY_PROP_NAME = "eventpipe.monolith.slot.line.capacity";

    /**
     * Default slot line capacity: 2 KiB holds the events workload's lines (about 70 bytes) and the work items' (about
     * 1.5 KB) with room to spare, and 16,384 slots of it are 32 MiB at most.
     */
    public static final int SLOT_LINE_CAPACITY_DEFAULT = 2048;

    /** Smallest slot line capacity: the bytes of a rejected line the reject file keeps. */
    public static final int SLOT_LINE_CAPACITY_MIN = 512;

    /**
     * Bytes of the pool of long-line buffers, each of the maximum line length, that slots borrow for lines longer
     * than they keep: {@code bytes / max line length} buffers, at least one and at most one per slot, allocated when
     * first needed. When every buffer is lent, ingest publishes what it has claimed and waits for the aggregate to
     * return one.
     */
    public static final String LONG_LINE_POOL_BYTES_PROP_NAME = "eventpipe.monolith.long.line.pool.bytes";

    /** Default long-line pool: 16 MiB, 1,024 buffers of 16 KiB at the default maximum line length, 16 of 1 MiB. */
    public static final int LONG_LINE_POOL_BYTES_DEFAULT = 16 << 20;

    /** Busy spins of the backoff wait strategy before it yields. */
    public static final String BACKOFF_SPINS_PROP_NAME = "eventpipe.monolith.backoff.spins";

    /** Default backoff spins. */
    public static final int BACKOFF_SPINS_DEFAULT = 100;

    /** Yields of the backoff wait strategy before it parks. */
    public static final String BACKOFF_YIELDS_PROP_NAME = "eventpipe.monolith.backoff.yields";

    /** Default backoff yields. */
    public static final int BACKOFF_YIELDS_DEFAULT = 10;

    /** First park of the backoff wait strategy, in nanoseconds; each park doubles up to the maximum. */
    public static final String BACKOFF_MIN_PARK_NS_PROP_NAME = "eventpipe.monolith.backoff.min.park.ns";

    /** Default first park. */
    public static final long BACKOFF_MIN_PARK_NS_DEFAULT = 1_000;

    /** Longest park of the backoff wait strategy, in nanoseconds. */
    public static final String BACKOFF_MAX_PARK_NS_PROP_NAME = "eventpipe.monolith.backoff.max.park.ns";

    /** Default longest park. */
    public static final long BACKOFF_MAX_PARK_NS_DEFAULT = 200_000;

    /** Longest park of the first handler (parse), which waits on the producer, in nanoseconds. */
    public static final String BACKOFF_HEAD_MAX_PARK_NS_PROP_NAME = "eventpipe.monolith.backoff.head.max.park.ns";

    /**
     * Default longest park of the first handler: 10 us. Parse is the bottleneck; when it catches up with ingest it
     * must not sleep long while ingest refills the ring (15 runs of 10 M events: median 12.8 M events/s against 11.8
     * with 200 us).
     */
    public static final long BACKOFF_HEAD_MAX_PARK_NS_DEFAULT = 10_000;

    /** Names of the wait strategies, as accepted by {@link #newWaitStrategy(String)}. */
    public static final String WAIT_STRATEGY_NAMES =
        "yielding, backoff, sleeping, phased, blocking, lite-blocking, busy-spin";

    private static final long PHASED_SPIN_MICROS = 10;
    private static final long PHASED_YIELD_MICROS = 50;

    private MonolithConfiguration()
    {
    }

    /**
     * Create a wait strategy by name.
     *
     * @param name one of {@link #WAIT_STRATEGY_NAMES}.
     * @return a new wait strategy.
     * @throws IllegalArgumentException if the name is unknown.
     */
    public static WaitStrategy newWaitStrategy(final String name)
    {
        switch (name.toLowerCase(Locale.ROOT))
        {
            case "yielding":
                return new YieldingWaitStrategy();
            case "sleeping":
                return new SleepingWaitStrategy();
            case "blocking":
                return new BlockingWaitStrategy();
            case "lite-blocking":
                return new LiteBlockingWaitStrategy();
            case "busy-spin":
                return new BusySpinWaitStrategy();
            case "backoff":
                return new BackoffWaitStrategy(
                    Integer.getInteger(BACKOFF_SPINS_PROP_NAME, BACKOFF_SPINS_DEFAULT),
                    Integer.getInteger(BACKOFF_YIELDS_PROP_NAME, BACKOFF_YIELDS_DEFAULT),
                    Long.getLong(BACKOFF_MIN_PARK_NS_PROP_NAME, BACKOFF_MIN_PARK_NS_DEFAULT),
                    Long.getLong(BACKOFF_MAX_PARK_NS_PROP_NAME, BACKOFF_MAX_PARK_NS_DEFAULT),
                    Long.getLong(BACKOFF_HEAD_MAX_PARK_NS_PROP_NAME, BACKOFF_HEAD_MAX_PARK_NS_DEFAULT));
            case "phased":
                return PhasedBackoffWaitStrategy.withSleep(
                    PHASED_SPIN_MICROS, PHASED_YIELD_MICROS, TimeUnit.MICROSECONDS);
            default:
                throw new IllegalArgumentException(
                    "unknown wait strategy '" + name + "', expected one of: " + WAIT_STRATEGY_NAMES);
        }
    }
}
