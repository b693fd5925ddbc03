package org.eventpipe.workload.items;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class WorkItemGeneratorTest
{
    /**
     * SHA-256 of the first 5,001 lines (each ending in a newline, edge cases 1,000 to 5,000 included) for seed 42,
     * computed by an independent Python implementation written from the {@link WorkItemGenerator} Javadoc alone: a
     * change of the algorithm or the line format changes every work-items run, so it must be deliberate.
     */
    private static final String GOLDEN_SHA256_SEED_42_FIRST_5001 =
        "a9c4df06162e7aa7225a11436abc8c214ebd602d58cc216dc4d17bd37a78175f";

    @Test
    void shouldMatchPinnedDigestOfAnImplementationWrittenFromTheJavadoc() throws IOException, NoSuchAlgorithmException
    {
        final byte[] digest = MessageDigest.getInstance("SHA-256").digest(generate(42, 5_001));

        assertEquals(GOLDEN_SHA256_SEED_42_FIRST_5001, HexFormat.of().formatHex(digest));
    }

    @Test
    void shouldGenerateByteIdenticalOutputForSameSeedAndDifferentForAnother() throws IOException
    {
        assertArrayEquals(generate(42, 3_000), generate(42, 3_000));
        assertFalse(Arrays.equals(generate(42, 100), generate(43, 100)));
    }

    @Test
    void shouldWriteTheLinesThatNextReturnsEachEndingInANewline() throws IOException
    {
        final ByteArrayOutputStream lines = new ByteArrayOutputStream();
        final WorkItemGenerator generator = new WorkItemGenerator(5, 500);
        long count = 0;
        while (generator.next())
        {
            count++;
            assertEquals(count, generator.lineNumber());
            assertEquals(count < 500, generator.hasBufferedInput());
            lines.write(generator.lineBuffer(), generator.lineOffset(), generator.lineLength());
            lines.write('\n');
        }

        assertEquals(500, count);
        assertFalse(generator.next());
        assertArrayEquals(lines.toByteArray(), generate(5, 500));
    }

    @Test
    void shouldGenerateEachEdgeCaseAtItsDocumentedIndex()
    {
        final WorkItemGenerator generator = new WorkItemGenerator(42, 2 * WorkItemGenerator.EDGE_PERIOD);
        final WorkItem item = new WorkItem();
        int edges = 0;
        while (generator.next())
        {
            generator.copyItemTo(item);
            final double[] vector = item.vector();
            switch ((int)((generator.lineNumber() - 1) % WorkItemGenerator.EDGE_PERIOD))
            {
                case WorkItemGenerator.ZERO_VECTOR_AT:
                    assertEquals(64, count(vector, 0.0, 0.0));
                    edges++;
                    break;
                case WorkItemGenerator.ONE_HUGE_AT:
                    assertEquals(1, count(vector, 1e299, Double.MAX_VALUE));
                    assertEquals(63, count(vector, 0.0, 1000.0));
                    edges++;
                    break;
                case WorkItemGenerator.ALL_HUGE_AT:
                    assertEquals(64, count(vector, 1e299, 1e307));
                    edges++;
                    break;
                case WorkItemGenerator.ALL_TINY_AT:
                    assertEquals(64, count(vector, Double.MIN_VALUE, 1e-299));
                    assertTrue(count(vector, Double.MIN_VALUE, Double.MIN_NORMAL / 2) > 0, "subnormals");
                    edges++;
                    break;
                case WorkItemGenerator.ALL_MAX_AT:
                    assertEquals(64, count(vector, Double.MAX_VALUE, Double.MAX_VALUE));
                    edges++;
                    break;
                default:
                    assertEquals(64, count(vector, 0.0, 1000.0));
                    assertTrue(count(vector, 1e-6, 1000.0) > 60, "ordinary elements are rarely zero");
                    break;
            }
            assertEquals(64, count(item.matrix(), 0.0, 1000.0));
        }
        assertEquals(10, edges);
    }

    @Test
    void shouldGenerateNothingForZeroItemsAndRefuseANegativeCount()
    {
        final WorkItemGenerator generator = new WorkItemGenerator(1, 0);

        assertFalse(generator.hasBufferedInput());
        assertFalse(generator.next());
        assertEquals("generated work items (seed 1, 0 items)", generator.description());
        assertThrows(IllegalArgumentException.class, () -> new WorkItemGenerator(1, -1));
    }

    private static int count(final double[] values, final double minMagnitude, final double maxMagnitude)
    {
        int count = 0;
        for (final double value : values)
        {
            final double magnitude = Math.abs(value);
            if (magnitude >= minMagnitude && magnitude <= maxMagnitude)
            {
                count++;
            }
        }
        return count;
    }

    private static byte[] generate(final long seed, final long items) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(items, new WorkItemGenerator(seed, items).writeTo(out));
        return out.toByteArray();
    }
}
