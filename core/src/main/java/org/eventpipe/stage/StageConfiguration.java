package org.eventpipe.stage;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/**
 * Settings of a stage process: each a system property name beside its default. The launcher's flags set the same
 * properties on the stage processes it starts.
 */
public final class StageConfiguration
{
    /** Events per frame; 0 selects adaptive batching. */
    public static final String BATCH_PROP_NAME = "eventpipe.stage.batch";

    /**
     * JVM option every stage process starts with: Agrona's buffers skip their bounds checks, as Real Logic runs Aeron
     * in production. {@link org.eventpipe.codec.FrameDecoder} checks every offset of a frame against the frame's end
     * before it reads a byte of it ({@code FrameDecoderFuzzTest} decodes mutated frames, each in a buffer that ends
     * where the frame ends, with the checks on: a read past the frame would fail it), so the buffers' own checks only
     * repeat that work: in the parse stage they cost about a sixth of its samples. A
     * {@code --stage-jvm-option -Dagrona.disable.bounds.checks=false} comes later on the command line and wins.
     */
    public static final String BOUNDS_CHECKS_JVM_OPTION = "-Dagrona.disable.bounds.checks=true";

    /** Default: adaptive batching. */
    public static final int BATCH_DEFAULT = 0;

    /** Largest batch of the adaptive policy, which also sends whenever a stage's input is drained. */
    public static final String ADAPTIVE_MAX_BATCH_PROP_NAME = "eventpipe.stage.adaptive.max.batch";

    /** Default largest adaptive batch: 256 parsed events are about 10 KiB, well inside one IPC MTU. */
    public static final int ADAPTIVE_MAX_BATCH_DEFAULT = 256;

    /** A partial batch is sent at the latest this many microseconds after its first event; 0 disables. */
    public static final String LINGER_US_PROP_NAME = "eventpipe.stage.linger.us";

    /** Default linger: none. */
    public static final long LINGER_US_DEFAULT = 0;

    /** Idle strategy of the stage agent: backoff, yielding, sleeping, busy-spin, no-op. */
    public static final String IDLE_STRATEGY_PROP_NAME = "eventpipe.stage.idle.strategy";

    /**
     * Default idle strategy. Five stages and a media driver share two cores, so an idle stage must give its core
     * away quickly: a few spins, a few yields, then parks from 1 us growing to 100 us.
     */
    public static final String IDLE_STRATEGY_DEFAULT = "backoff";

    /** Most frames a stage takes from its input per duty cycle. */
    public static final String FRAME_LIMIT_PROP_NAME = "eventpipe.stage.frame.limit";

    /** Default frame limit. */
    public static final int FRAME_LIMIT_DEFAULT = 16;

    /** How long a sender waits for its receiver to connect, and a receiver for its sender, in milliseconds. */
    public static final String CONNECT_TIMEOUT_MS_PROP_NAME = "eventpipe.stage.connect.timeout.ms";

    /** Default connect timeout. */
    public static final long CONNECT_TIMEOUT_MS_DEFAULT = 20_000;

    /**
     * JVM options every stage process gets before the user's {@code --stage-jvm-option}s: the serial collector. A stage
     * is one agent thread that allocates nothing per event, so it needs no parallel or concurrent collector, and on a
     * small machine the five stage JVMs would otherwise start G1's worker and refinement threads beside the agents.
     * Dropped when the user names a collector ({@code -XX:+Use...GC}).
     */
    public static final List<String> STAGE_JVM_OPTIONS_DEFAULT = List.of("-XX:+UseSerialGC");

    /** Names of the idle strategies, as accepted by {@link #newIdleStrategy(String)}. */
    public static final String IDLE_STRATEGY_NAMES = "backoff, yielding, sleeping, busy-spin, no-op";

    private StageConfiguration()
    {
    }

    /**
     * Create an idle strategy by name.
     *
     * @param name one of {@link #IDLE_STRATEGY_NAMES}.
     * @return a new idle strategy.
     * @throws IllegalArgumentException if the name is unknown.
     */
    public static IdleStrategy newIdleStrategy(final String name)
    {
        switch (name.toLowerCase(Locale.ROOT))
        {
            case "backoff":
                return new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(1),
                    TimeUnit.MICROSECONDS.toNanos(100));
            case "yielding":
                return new YieldingIdleStrategy();
            case "sleeping":
                return new SleepingMillisIdleStrategy(1);
            case "busy-spin":
                return new BusySpinIdleStrategy();
            case "no-op":
                return new NoOpIdleStrategy();
            default:
                throw new IllegalArgumentException(
                    "unknown idle strategy '" + name + "', expected one of: " + IDLE_STRATEGY_NAMES);
        }
    }
}
