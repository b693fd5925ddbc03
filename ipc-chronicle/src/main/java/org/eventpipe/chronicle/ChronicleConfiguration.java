package org.eventpipe.chronicle;

import java.util.List;
import java.util.Map;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import org.eventpipe.recovery.StageCheckpoint;

/**
 * Settings of the Chronicle Queue transport: each a system property name beside its default, resolved from the
 * properties a stage process was started with.
 * <p>
 * Choices: one queue per edge, in a directory per run beside the launcher's run directory in {@code /dev/shm}, so that
 * the queues outlive the run directory when they are kept. The roll cycle is {@link SecondlyRollCycle}, a new file
 * per queue every second of writing, and a consuming stage that resumes from its checkpoints deletes the files it has
 * consumed once its output is committed past them ({@link #DELETE_CONSUMED_PROP_NAME}). That is for memory, not
 * tidiness: a page of a queue file in {@code /dev/shm} is new memory, and on a virtual machine whose host reclaims the
 * guest's free memory a page touched for the first time costs 6-8 &micro;s, against 2 &micro;s for a page that was
 * freed a moment ago; an append-only queue that is never trimmed writes only new pages. The block size, Chronicle's
 * unit of mapping and growth, is 16 MiB: an excerpt may take at most a quarter of a block, 4 MiB, above the largest
 * frame the stages send (1 MiB, {@code EdgePublisher.MAX_STAGED_FRAME_LENGTH}). A process keeps a block or two of
 * each queue it reads or writes mapped, and the pages of those it has touched count in its RSS: with 64 MiB blocks a
 * 100 M event soak took parse to 362 MiB RSS (two queues), with 16 MiB blocks it stays near 150 MiB, at about ten
 * remaps a second on the busiest edge. Every excerpt
 * holds a {@link StageCheckpoint} of {@value #CHECKPOINT_LENGTH} bytes followed by the SBE frame.
 */
public final class ChronicleConfiguration
{
    /** Directory holding one queue directory per edge, set by the launcher for every stage. */
    public static final String QUEUE_DIR_PROP_NAME = "eventpipe.chronicle.dir";

    /** {@link SecondlyRollCycle#NAME} or the name of a {@link RollCycles} constant, e.g. {@code FAST_DAILY}. */
    public static final String ROLL_CYCLE_PROP_NAME = "eventpipe.chronicle.roll.cycle";

    /** Default roll cycle: one file per queue per second, up to 2^32 excerpts each. */
    public static final String ROLL_CYCLE_DEFAULT = SecondlyRollCycle.NAME;

    /**
     * Whether a stage deletes the files of its input queue that it has consumed, once the output frames whose
     * checkpoints resume after them are committed: what a restarted stage needs is kept. A stage that replays its
     * input after a restart (the aggregate) deletes nothing. The launcher sets it to false with {@code --keep-queues}.
     */
    public static final String DELETE_CONSUMED_PROP_NAME = "eventpipe.chronicle.delete.consumed";

    /** Default: delete consumed queue files. */
    public static final boolean DELETE_CONSUMED_DEFAULT = true;

    /**
     * Bytes of queue file a sender may be ahead of its receiver before it is back-pressured (0 = unbounded, as
     * Chronicle is by itself): see {@link ConsumerPosition}.
     */
    public static final String MAX_LAG_BYTES_PROP_NAME = "eventpipe.chronicle.max.lag.bytes";

    /**
     * Default window: 16 MiB, about 230,000 raw lines or 500,000 parsed events, a tenth of a second of the fastest
     * edge: slack enough for the scheduler, while a queue holds at most two windows that its receiver has not read.
     */
    public static final long MAX_LAG_BYTES_DEFAULT = 16L * 1024 * 1024;

    /**
     * Bytes of queue file a sender populates ahead of its writes with one system call (see {@link PagePopulator}), 0
     * to let the pages fault in one at a time as they are written.
     */
    public static final String POPULATE_AHEAD_PROP_NAME = "eventpipe.chronicle.populate.ahead";

    /**
     * Default: 1 MiB, 256 pages per system call, about 12,000 raw lines; small beside a block, and it bounds the pause
     * of one call to a fraction of a millisecond.
     */
    public static final long POPULATE_AHEAD_DEFAULT = 1024L * 1024;

    /** Block size of the queues in bytes; an excerpt may take at most a quarter of it. */
    public static final String BLOCK_SIZE_PROP_NAME = "eventpipe.chronicle.block.size";

    /** Default block size: 16 MiB, for excerpts of up to 4 MiB. */
    public static final long BLOCK_SIZE_DEFAULT = 16L * 1024 * 1024;

    /**
     * How long an appender waits for a queue's write lock before taking it over: the lock a stage held when it was
     * killed is recovered by its restarted process after this long.
     */
    public static final String TIMEOUT_MS_PROP_NAME = "eventpipe.chronicle.timeout.ms";

    /**
     * Default write lock timeout: 0.5 s. Every queue has a single writer, so a lock still held when a stage starts is
     * its killed predecessor's; a short timeout makes a restart quick.
     */
    public static final long TIMEOUT_MS_DEFAULT = 500;

    /**
     * Frames each stage appends to and reads from a scratch queue before it announces ready (0 = none), so that the
     * JIT compiles Chronicle's appender and tailer during start-up: see {@link ChronicleWarmUp}.
     */
    public static final String WARM_UP_FRAMES_PROP_NAME = "eventpipe.chronicle.warm.up.frames";

    /**
     * Default warm-up: 100,000 frames, enough for C2 to compile the per-frame paths (Tier 4 compiles after about
     * 15,000 invocations), taking a few hundred milliseconds of start-up.
     */
    public static final int WARM_UP_FRAMES_DEFAULT = 100_000;

    /** Bytes of each warm-up frame: small, so that the warm-up touches few fresh pages. */
    public static final int WARM_UP_FRAME_LENGTH = 256;

    /** Warm-up frames per cycle of the scratch queue's own clock, so that rolling is warmed up too. */
    public static final int WARM_UP_FRAMES_PER_CYCLE = 10_000;

    /** Block size of the scratch queue. */
    public static final long WARM_UP_BLOCK_SIZE = 16L * 1024 * 1024;

    /** Bytes before the SBE frame in every excerpt. */
    public static final int CHECKPOINT_LENGTH = StageCheckpoint.LENGTH;

    /** Room Chronicle keeps in an excerpt besides the payload, below the quarter-block limit. */
    public static final int EXCERPT_SLACK = 1024;

    /** Subdirectory suffix of the run's queue directory, beside the run directory. */
    public static final String QUEUE_DIR_SUFFIX = "-queues";

    /**
     * Queue bytes a line takes on an edge whose files stay to the end, for the space estimate: a parsed event is 33
     * bytes in an entry batch, plus its share of the frame header, the excerpt header and the checkpoint.
     */
    public static final long QUEUE_BYTES_PER_LINE_ESTIMATE = 48;

    /**
     * JVM flags of the stage processes. Chronicle Queue 2026.x on Java 17 needs, for what this transport uses (mapped
     * queue files, appenders, tailers, write lock recovery): {@code --add-opens java.base/sun.nio.ch} (it maps files
     * through {@code FileChannelImpl.map0}), {@code --add-exports java.base/jdk.internal.ref} (it unmaps through the
     * JDK's cleaner) and {@code --add-opens java.base/java.lang.reflect}; each was checked by running without it.
     * Chronicle's longer published list ({@code jdk.compiler}, {@code java.lang}, {@code java.io}, {@code java.util},
     * {@code sun.misc}) serves method writers, runtime compilation and other reflection this transport does not use.
     * Agrona's flags follow. {@code chronicle.analytics.disable} turns Chronicle's usage analytics off (their client
     * is not even on the class path), so that no process ever tries to reach the network; its log goes to standard
     * error at level warn.
     */
    public static final List<String> JVM_FLAGS = List.of(
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "--add-opens", "java.base/java.util.zip=ALL-UNNAMED",
        "--add-opens", "java.base/java.nio=ALL-UNNAMED",
        "-Dchronicle.analytics.disable=true",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");

    private ChronicleConfiguration()
    {
    }

    /**
     * The roll cycle.
     *
     * @param properties of the process.
     * @return the roll cycle named by {@link #ROLL_CYCLE_PROP_NAME}, by default {@link #ROLL_CYCLE_DEFAULT}.
     */
    public static RollCycle rollCycle(final Map<String, String> properties)
    {
        final String name = properties.getOrDefault(ROLL_CYCLE_PROP_NAME, ROLL_CYCLE_DEFAULT).trim();
        return SecondlyRollCycle.NAME.equals(name) ? SecondlyRollCycle.INSTANCE : RollCycles.valueOf(name);
    }

    /**
     * Whether consumed queue files are deleted.
     *
     * @param properties of the process.
     * @return the value of {@link #DELETE_CONSUMED_PROP_NAME}, by default {@link #DELETE_CONSUMED_DEFAULT}.
     */
    public static boolean deleteConsumed(final Map<String, String> properties)
    {
        final String value = properties.get(DELETE_CONSUMED_PROP_NAME);
        return null == value ? DELETE_CONSUMED_DEFAULT : Boolean.parseBoolean(value.trim());
    }

    /**
     * The warm-up.
     *
     * @param properties of the process.
     * @return frames to warm up with, 0 for none.
     */
    public static int warmUpFrames(final Map<String, String> properties)
    {
        final long frames = longProperty(properties, WARM_UP_FRAMES_PROP_NAME, WARM_UP_FRAMES_DEFAULT);
        if (frames < 0 || frames > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException(WARM_UP_FRAMES_PROP_NAME + " must be 0.." + Integer.MAX_VALUE + ": " +
                frames);
        }
        return (int)frames;
    }

    /**
     * The flow control window.
     *
     * @param properties of the process.
     * @return bytes, 0 for none.
     */
    public static long maxLagBytes(final Map<String, String> properties)
    {
        final long bytes = longProperty(properties, MAX_LAG_BYTES_PROP_NAME, MAX_LAG_BYTES_DEFAULT);
        if (bytes < 0)
        {
            throw new IllegalArgumentException(MAX_LAG_BYTES_PROP_NAME + " must be 0 or more: " + bytes);
        }
        return bytes;
    }

    /**
     * How far ahead of its writes a sender populates the queue's pages.
     *
     * @param properties of the process.
     * @return bytes, 0 for not at all.
     */
    public static long populateAheadBytes(final Map<String, String> properties)
    {
        final long bytes = longProperty(properties, POPULATE_AHEAD_PROP_NAME, POPULATE_AHEAD_DEFAULT);
        if (bytes != 0 && bytes < PagePopulator.PAGE_SIZE)
        {
            throw new IllegalArgumentException(POPULATE_AHEAD_PROP_NAME + " must be 0 or at least a page (" +
                PagePopulator.PAGE_SIZE + "): " + bytes);
        }
        return bytes;
    }

    /**
     * The block size.
     *
     * @param properties of the process.
     * @return bytes.
     */
    public static long blockSize(final Map<String, String> properties)
    {
        return longProperty(properties, BLOCK_SIZE_PROP_NAME, BLOCK_SIZE_DEFAULT);
    }

    /**
     * The write lock timeout.
     *
     * @param properties of the process.
     * @return milliseconds.
     */
    public static long timeoutMs(final Map<String, String> properties)
    {
        return longProperty(properties, TIMEOUT_MS_PROP_NAME, TIMEOUT_MS_DEFAULT);
    }

    /**
     * Longest SBE frame an excerpt of a queue with this block size holds.
     *
     * @param blockSize of the queue.
     * @return bytes.
     */
    public static int maxFrameLength(final long blockSize)
    {
        return (int)Math.min(Integer.MAX_VALUE, blockSize / 4 - CHECKPOINT_LENGTH - EXCERPT_SLACK);
    }

    private static long longProperty(final Map<String, String> properties, final String name, final long defaultValue)
    {
        final String value = properties.get(name);
        return null == value ? defaultValue : Long.parseLong(value.trim());
    }
}
