package org.eventpipe.chronicle;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.rollcycles.RollCycleArithmetic;

/**
 * A roll cycle of one second with a sparse index, the default of the Chronicle transport: a new queue file every
 * second of writing, so that the files a stage has consumed can be deleted while the run goes on (see
 * {@link ChronicleConfiguration#DELETE_CONSUMED_PROP_NAME}) and the memory they free is written again within
 * seconds. Chronicle's own one-second cycle ({@code TestRollCycles.TEST_SECONDLY}) indexes every fourth excerpt and
 * is meant for tests; this one indexes every 64th, like the daily cycles, and holds up to 2<sup>32</sup> excerpts per
 * second.
 */
public enum SecondlyRollCycle implements RollCycle
{
    /** The one instance. */
    INSTANCE;

    /** Name of the roll cycle for {@link ChronicleConfiguration#ROLL_CYCLE_PROP_NAME}. */
    public static final String NAME = "SECONDLY";

    private static final String FORMAT = "yyyyMMdd-HHmmss'S'";
    private static final int LENGTH_MS = 1000;
    private static final int INDEX_COUNT = 4096;
    private static final int INDEX_SPACING = 64;
    private static final RollCycleArithmetic ARITHMETIC = RollCycleArithmetic.of(INDEX_COUNT, INDEX_SPACING);

    /**
     * {@inheritDoc}
     */
    public String format()
    {
        return FORMAT;
    }

    /**
     * {@inheritDoc}
     */
    public int lengthInMillis()
    {
        return LENGTH_MS;
    }

    /**
     * {@inheritDoc}
     */
    public int defaultIndexCount()
    {
        return ARITHMETIC.indexCount();
    }

    /**
     * {@inheritDoc}
     */
    public int defaultIndexSpacing()
    {
        return ARITHMETIC.indexSpacing();
    }

    /**
     * {@inheritDoc}
     */
    public long toIndex(final int cycle, final long sequenceNumber)
    {
        return ARITHMETIC.toIndex(cycle, sequenceNumber);
    }

    /**
     * {@inheritDoc}
     */
    public long toSequenceNumber(final long index)
    {
        return ARITHMETIC.toSequenceNumber(index);
    }

    /**
     * {@inheritDoc}
     */
    public int toCycle(final long index)
    {
        return ARITHMETIC.toCycle(index);
    }

    /**
     * {@inheritDoc}
     */
    public long maxMessagesPerCycle()
    {
        return ARITHMETIC.maxMessagesPerCycle();
    }
}
