package org.eventpipe.monolith;

import java.util.concurrent.locks.LockSupport;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

/**
 * A wait strategy for more handler threads than cores, shaped like Agrona's {@code BackoffIdleStrategy}: spin a
 * little, yield a little, then park for a time that doubles from {@code minParkNanos} up to {@code maxParkNanos}.
 * A handler with nothing to do gives its core away quickly and for longer and longer, and when it wakes it finds a
 * large batch waiting: on two cores the cheap stages (rules, aggregate) then cost little, leaving the cores to ingest
 * and parse. The first handler, which waits on the producer rather than on another handler, has its own, shorter
 * limit, so that the bottleneck stage wakes quickly when ingest refills the ring. Latency grows by up to
 * {@code maxParkNanos}; the producer never blocks on a lock.
 */
public final class BackoffWaitStrategy implements WaitStrategy
{
    private final int spins;
    private final int yields;
    private final long minParkNanos;
    private final long maxParkNanos;
    private final long headMaxParkNanos;

    /**
     * Create a strategy.
     *
     * @param spins        busy spins before yielding.
     * @param yields       yields before parking.
     * @param minParkNanos first park time.
     * @param maxParkNanos longest park time.
     * @param headMaxParkNanos longest park time of the first handler, the one that waits on the producer.
     */
    public BackoffWaitStrategy(
        final int spins,
        final int yields,
        final long minParkNanos,
        final long maxParkNanos,
        final long headMaxParkNanos)
    {
        this.spins = spins;
        this.yields = yields;
        this.minParkNanos = minParkNanos;
        this.maxParkNanos = maxParkNanos;
        this.headMaxParkNanos = headMaxParkNanos;
    }

    /**
     * {@inheritDoc}
     */
    public long waitFor(
        final long sequence, final Sequence cursor, final Sequence dependentSequence, final SequenceBarrier barrier)
        throws AlertException
    {
        long availableSequence;
        int counter = 0;
        long parkNanos = minParkNanos;
        final long maxPark = dependentSequence == cursor ? headMaxParkNanos : maxParkNanos;
        while ((availableSequence = dependentSequence.get()) < sequence)
        {
            barrier.checkAlert();
            if (counter < spins)
            {
                counter++;
                Thread.onSpinWait();
            }
            else if (counter < spins + yields)
            {
                counter++;
                Thread.yield();
            }
            else
            {
                LockSupport.parkNanos(parkNanos);
                parkNanos = Math.min(parkNanos << 1, maxPark);
            }
        }
        return availableSequence;
    }

    /**
     * {@inheritDoc}
     */
    public void signalAllWhenBlocking()
    {
    }
}
