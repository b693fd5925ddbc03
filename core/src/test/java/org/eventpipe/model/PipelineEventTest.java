package org.eventpipe.model;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

final class PipelineEventTest
{
    @Test
    void shouldHoldOnlyMaxLengthBytesOfTruncatedLineEvenWhenBufferIsLarger()
    {
        final PipelineEvent event = new PipelineEvent();
        final byte[] line = "0123456789".repeat(10).getBytes(StandardCharsets.US_ASCII);

        event.setLine(line, 0, line.length, 32, 1);

        assertEquals(100, event.lineLength());
        assertEquals(32, event.storedLineLength());
    }

    @Test
    void shouldHoldWholeLineUpToMaxLengthAndGrowOnDemand()
    {
        final PipelineEvent event = new PipelineEvent();
        final byte[] line = "x".repeat(1000).getBytes(StandardCharsets.US_ASCII);

        event.setLine(line, 0, 10, 4096, 1);
        assertEquals(10, event.storedLineLength());

        event.setLine(line, 0, 1000, 4096, 2);
        assertEquals(1000, event.storedLineLength());
        assertEquals(2, event.lineNumber());

        event.setDecoded(3, 0, 1, EventType.CLICK, 2, 3);
        assertEquals(0, event.storedLineLength());
    }

    @Test
    void shouldHoldALineInABorrowedBufferUntilItIsReturned()
    {
        final PipelineEvent event = new PipelineEvent();
        event.reserveLine(16);
        final byte[] borrowed = new byte[100];
        final byte[] line = "y".repeat(80).getBytes(StandardCharsets.US_ASCII);

        event.borrowLine(borrowed);
        event.setLine(line, 0, line.length, 100, 7);

        assertSame(borrowed, event.line());
        assertEquals(80, event.storedLineLength());
        assertThrows(IllegalStateException.class, () -> event.borrowLine(new byte[100]));
        assertSame(borrowed, event.returnBorrowedLine());
        assertEquals(16, event.line().length);
        assertEquals(0, event.storedLineLength());
        assertNull(event.returnBorrowedLine());
    }
}
