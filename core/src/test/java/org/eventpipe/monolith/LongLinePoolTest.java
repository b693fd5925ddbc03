package org.eventpipe.monolith;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eventpipe.model.PipelineEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

final class LongLinePoolTest
{
    @Test
    void shouldLendAtMostItsCapacityAndLendAReturnedBufferAgain()
    {
        final LongLinePool pool = new LongLinePool(2, 64);
        final byte[] first = pool.poll();
        final byte[] second = pool.poll();
        final PipelineEvent event = new PipelineEvent();
        event.reserveLine(16);

        assertNotNull(first);
        assertNotSame(first, second);
        assertEquals(64, second.length);
        assertNull(pool.poll());
        event.borrowLine(first);
        pool.reclaim(event);
        assertSame(first, pool.poll());
        assertEquals(2, pool.created());
        assertEquals(16, event.line().length);
    }

    @Test
    void shouldReclaimNothingFromAnEventThatBorrowedNothing()
    {
        final LongLinePool pool = new LongLinePool(1, 64);
        final byte[] lent = pool.poll();

        pool.reclaim(new PipelineEvent());

        assertNotNull(lent);
        assertNull(pool.poll());
    }

    @Test
    @Timeout(30)
    void shouldWaitInTakeUntilABufferIsReturned() throws Exception
    {
        final LongLinePool pool = new LongLinePool(1, 64);
        final byte[] lent = pool.poll();
        final PipelineEvent event = new PipelineEvent();
        event.borrowLine(lent);

        final CompletableFuture<byte[]> taken = CompletableFuture.supplyAsync(pool::take);
        Thread.sleep(100);
        assertFalse(taken.isDone());
        pool.reclaim(event);

        assertSame(lent, taken.get(20, TimeUnit.SECONDS));
        assertEquals(1, pool.created());
    }

    @Test
    void shouldRefuseMoreBuffersThanItHolds()
    {
        final LongLinePool pool = new LongLinePool(1, 64);
        final PipelineEvent event = new PipelineEvent();
        event.borrowLine(new byte[64]);
        pool.reclaim(event);
        event.borrowLine(new byte[64]);

        assertThrows(IllegalStateException.class, () -> pool.reclaim(event));
    }
}
