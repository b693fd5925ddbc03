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
    /** Disruptor wait strategy of the handler threads: yielding, sleeping, blocking, lite-blocking, busy-spin. */
    public static final String WAIT_STRATEGY_PROP_NAME = "eventpipe.monolith.wait.strategy";

    /**
     * Default wait strategy. Yielding spins briefly then yields the core, which lets four threads (ingest and three
     * handlers) share two cores; busy-spin starves the producer when threads outnumber cores.
     */
    public static final String WAIT_STRATEGY_DEFAULT = "yielding";

    /** Ring buffer size in slots, a power of two. */
    public static final String RING_SIZE_PROP_NAME = "eventpipe.monolith.ring.size";

    /** Default ring size: 16,384 slots of about 300 bytes each stay well inside the L2+L3 caches. */
    public static final int RING_SIZE_DEFAULT = 16_384;

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

    /** Names of the wait strategies, as accepted by {@link #newWaitStrategy(String)}. */
    public static final String WAIT_STRATEGY_NAMES =
        "yielding, backoff, sleeping, phased, blocking, lite-blocking, busy-spin";

    private static final int BACKOFF_SPINS = 100;
    private static final int BACKOFF_YIELDS = 10;
    private static final long BACKOFF_MIN_PARK_NANOS = 1_000;
    private static final long BACKOFF_MAX_PARK_NANOS = 200_000;
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
                return new BackoffWaitStrategy(BACKOFF_SPINS, BACKOFF_YIELDS, BACKOFF_MIN_PARK_NANOS,
                    BACKOFF_MAX_PARK_NANOS);
            case "phased":
                return PhasedBackoffWaitStrategy.withSleep(
                    PHASED_SPIN_MICROS, PHASED_YIELD_MICROS, TimeUnit.MICROSECONDS);
            default:
                throw new IllegalArgumentException(
                    "unknown wait strategy '" + name + "', expected one of: " + WAIT_STRATEGY_NAMES);
        }
    }
}
