package org.eventpipe.workload.items;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.eventpipe.support.WorkItemReference;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class WorkItemRulesTest
{
    private final WorkItemRules rules = new WorkItemRules();
    private final WorkItem item = new WorkItem();

    @Test
    void shouldNormaliseToUnitLengthAndTransposeInPlace()
    {
        final double[] vector = item.vector();
        final double[] matrix = item.matrix();
        vector[10] = 3.0;
        vector[20] = -4.0;
        for (int i = 0; i < WorkItem.MATRIX_LENGTH; i++)
        {
            matrix[i] = i;
        }

        assertTrue(rules.apply(item));

        assertSame(vector, item.vector());
        assertEquals(0.6, vector[10]);
        assertEquals(-0.8, vector[20]);
        assertEquals(62, count(vector, 0.0));
        for (int r = 0; r < WorkItem.MATRIX_SIZE; r++)
        {
            for (int c = 0; c < WorkItem.MATRIX_SIZE; c++)
            {
                assertEquals(c * WorkItem.MATRIX_SIZE + r, matrix[r * WorkItem.MATRIX_SIZE + c]);
            }
        }
        assertEquals(1, rules.kept());
        assertEquals(0, rules.filtered());
    }

    @Test
    void shouldFilterZeroVectorAndLeaveItUnchanged()
    {
        item.vector()[7] = -0.0;
        item.matrix()[1] = 5.0;

        assertFalse(rules.apply(item));

        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(item.vector()[7]));
        assertEquals(5.0, item.matrix()[1]);
        assertEquals(0.0, item.matrix()[8]);
        assertEquals(1, rules.filtered());
        assertEquals(0, rules.kept());
    }

    @Test
    void shouldFilterVectorHoldingNaNOrInfinityWhichOnlyADecodedFrameCouldCarry()
    {
        final double[] poisons = { Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY };
        for (final double poison : poisons)
        {
            Arrays.fill(item.vector(), 1.0);
            item.vector()[63] = poison;
            final double[] before = item.vector().clone();

            assertFalse(rules.apply(item), Double.toString(poison));
            assertArrayEquals(before, item.vector());
        }
        Arrays.fill(item.vector(), 1.0);
        item.vector()[0] = Double.NaN;
        assertFalse(rules.apply(item), "NaN first, where a max() that ignores NaN would miss it");
        assertEquals(4, rules.filtered());
    }

    @Test
    void shouldKeepHugeVectorWhoseSumOfSquaresOverflows()
    {
        Arrays.fill(item.vector(), 1e300);
        item.vector()[1] = -1e300;

        assertTrue(rules.apply(item));

        assertEquals(0.125, item.vector()[0]);
        assertEquals(-0.125, item.vector()[1]);
        assertEquals(63, count(item.vector(), 0.125) + count(item.vector(), -0.125) - 1);
    }

    @Test
    void shouldKeepTinyVectorWhoseSquaresUnderflow()
    {
        Arrays.fill(item.vector(), Double.MIN_VALUE);

        assertTrue(rules.apply(item));

        assertEquals(64, count(item.vector(), 0.125));
    }

    @Test
    void shouldFilterVectorWhoseNormExceedsTheLargestDouble()
    {
        Arrays.fill(item.vector(), -Double.MAX_VALUE);

        assertFalse(rules.apply(item));
        assertEquals(-Double.MAX_VALUE, item.vector()[0]);
    }

    @Test
    void shouldMatchTheReferenceBitForBitOnVectorsOfEveryScale()
    {
        final SplittableRandom random = new SplittableRandom(11);
        int kept = 0;
        for (int n = 0; n < 20_000; n++)
        {
            final double[] vector = item.vector();
            final int exponent = random.nextInt(-1074, 1024);
            final int spread = random.nextInt(0, 60);
            for (int i = 0; i < vector.length; i++)
            {
                final double value = Math.scalb(random.nextDouble(), exponent - random.nextInt(0, spread + 1));
                vector[i] = random.nextInt(20) == 0 ? 0.0 : random.nextBoolean() ? value : -value;
            }
            for (int i = 0; i < WorkItem.MATRIX_LENGTH; i++)
            {
                item.matrix()[i] = random.nextDouble();
            }
            final double[] expectedVector = WorkItemReference.normalised(vector);
            final double[][] expectedMatrix = WorkItemReference.transposed(item.matrix());

            final boolean isKept = rules.apply(item);

            assertEquals(null != expectedVector, isKept);
            if (isKept)
            {
                kept++;
                assertArrayEquals(bits(expectedVector), bits(vector));
                for (int r = 0; r < WorkItem.MATRIX_SIZE; r++)
                {
                    assertArrayEquals(bits(expectedMatrix[r]),
                        bits(Arrays.copyOfRange(item.matrix(), r * 8, r * 8 + 8)));
                }
                double sumOfSquares = 0.0;
                for (final double element : vector)
                {
                    sumOfSquares += element * element;
                }
                assertEquals(1.0, sumOfSquares, 1e-13);
            }
        }
        assertTrue(kept > 19_000, "most random vectors have a finite, non-zero norm: " + kept);
        assertTrue(kept < 20_000, "some random vectors overflow: " + kept);
    }

    @Test
    void shouldAgreeWithReferenceOnWhatItFilters()
    {
        assertNull(WorkItemReference.normalised(new double[64]));
        final double[] max = new double[64];
        Arrays.fill(max, Double.MAX_VALUE);
        assertNull(WorkItemReference.normalised(max));
        assertFalse(WorkItemRules.normalise(max));
    }

    private static int count(final double[] values, final double value)
    {
        int count = 0;
        for (final double v : values)
        {
            if (Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(value))
            {
                count++;
            }
        }
        return count;
    }

    private static long[] bits(final double[] values)
    {
        final long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++)
        {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }
}
