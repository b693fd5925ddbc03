package org.eventpipe.monolith;

import java.util.concurrent.ArrayBlockingQueue;

import org.eventpipe.model.PipelineEvent;

/**
 * Buffers of the maximum line length that ring slots borrow for lines longer than they keep in their own buffer, so
 * that the ring's memory does not grow with the length of the lines: a slot's own buffer stays at most
 * {@link PipelineSettings#slotLineCapacity()}, and at most {@link PipelineSettings#longLineBuffers()} long lines are in
 * flight at once. The ingest thread borrows ({@link #poll()}, {@link #take()}), allocating a buffer only while fewer
 * than the pool's capacity exist; the aggregate returns it when it is done with the event ({@link #reclaim}). Lines
 * that fit a slot never touch the pool.
 */
final class LongLinePool
{
    private final ArrayBlockingQueue<byte[]> free;
    private final int capacity;
    private final int bufferLength;
    private int created;

    /**
     * Create an empty pool.
     *
     * @param capacity     buffers the pool may hold, at least one.
     * @param bufferLength bytes of each buffer: the maximum line length.
     */
    LongLinePool(final int capacity, final int bufferLength)
    {
        this.free = new ArrayBlockingQueue<>(capacity);
        this.capacity = capacity;
        this.bufferLength = bufferLength;
    }

    /**
     * Borrow a buffer without waiting; called by the ingest thread only.
     *
     * @return a free buffer, a new one while fewer than the capacity exist, or null if every buffer is lent.
     */
    byte[] poll()
    {
        final byte[] buffer = free.poll();
        if (null != buffer || created == capacity)
        {
            return buffer;
        }
        created++;
        return new byte[bufferLength];
    }

    /**
     * Borrow a buffer, waiting until one is returned; called by the ingest thread only, once every event holding a
     * buffer has been published, or the wait never ends.
     *
     * @return the buffer.
     */
    byte[] take()
    {
        final byte[] buffer = poll();
        return null != buffer ? buffer : EventRing.takeUninterruptibly(free);
    }

    /**
     * Give back the buffer an event borrowed, if any; called by the last handler once done with the event.
     *
     * @param event done with.
     * @throws IllegalStateException if the pool would hold more buffers than it lent.
     */
    void reclaim(final PipelineEvent event)
    {
        final byte[] buffer = event.returnBorrowedLine();
        if (null != buffer && !free.offer(buffer))
        {
            throw new IllegalStateException("long-line pool: a buffer came back that was not lent");
        }
    }

    /**
     * Buffers allocated so far.
     *
     * @return at most the capacity.
     */
    int created()
    {
        return created;
    }
}
