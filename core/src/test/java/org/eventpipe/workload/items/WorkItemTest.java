package org.eventpipe.workload.items;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

final class WorkItemTest
{
    @Test
    void shouldCopyEveryFieldIntoItsOwnArrays()
    {
        final WorkItem source = new WorkItem();
        source.id(3);
        source.lineNumber(4);
        source.ingestNanos(5);
        source.vector()[63] = -0.0;
        source.matrix()[9] = 7.5;
        final WorkItem copy = WorkItem.FACTORY.newInstance();
        final double[] vector = copy.vector();

        copy.copyFrom(source);

        assertSame(vector, copy.vector());
        assertNotSame(source.vector(), copy.vector());
        assertEquals(3, copy.id());
        assertEquals(4, copy.lineNumber());
        assertEquals(5, copy.ingestNanos());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(copy.vector()[63]));
        assertArrayEquals(source.matrix(), copy.matrix());
    }

    @Test
    void shouldClearEveryField()
    {
        final WorkItem item = new WorkItem();
        item.id(1);
        item.lineNumber(2);
        item.ingestNanos(3);
        item.vector()[0] = 4;
        item.matrix()[63] = 5;

        item.clear();

        assertEquals(0, item.id() + item.lineNumber() + item.ingestNanos());
        assertArrayEquals(new double[WorkItem.VECTOR_LENGTH], item.vector());
        assertArrayEquals(new double[WorkItem.MATRIX_LENGTH], item.matrix());
    }
}
