package org.eventpipe.workload.items;

import java.nio.charset.StandardCharsets;

import org.eventpipe.ingest.LineSource;

/**
 * Deterministic generator of the work-items workload. The same seed and count give byte-identical output on every
 * machine and JVM: the random stream is SplitMix64 (Steele, Lea and Flood, 2014) computed here, as in the events
 * generator. Each line is {@code {"id":I,"vector":[v0,...,v63],"matrix":[m0,...,m63]}} with no whitespace, the
 * matrix row-major.
 * <p>
 * Item {@code i} (0-based) draws, in this order, from one stream seeded with {@code seed}:
 * <ol>
 *     <li>{@code id = next() >>> 1}: uniform in {@code [0, 2^63-1]};</li>
 *     <li>for each of the 64 vector elements, then each of the 64 matrix elements, {@code m = bounded(2 * 10^9 + 1)
 *     - 10^9}: the element is written as {@code m} with six decimals ({@code -1234.567890}, {@code 0.000042},
 *     {@code 0.000000}), so its double is {@code m / 10^6} (one correctly rounded division, which is what parsing
 *     the text gives);</li>
 *     <li>only for an edge case below, its own draws after those.</li>
 * </ol>
 * where {@code bounded(n) = (int)(((next() >>> 32) * n) >>> 32)} and {@code next()} is the SplitMix64 output.
 * <p>
 * Edge cases replace the written vector of every item {@code i} whose {@code i mod 10,000} is:
 * <ul>
 *     <li>{@value #ZERO_VECTOR_AT}: a zero vector, every element {@code 0.0}: the rules filter it;</li>
 *     <li>{@value #ONE_HUGE_AT}: the element at {@code bounded(64)} becomes a huge literal (see below), signed by
 *     {@code bounded(2)}: the sum of squares overflows, the scaled norm does not;</li>
 *     <li>{@value #ALL_HUGE_AT}: every element a huge literal, each drawn as {@code bounded(HUGE.length)} then its
 *     sign {@code bounded(2)};</li>
 *     <li>{@value #ALL_TINY_AT}: every element a tiny literal (subnormals among them), drawn the same way: the sum of
 *     squares underflows to zero, the scaled norm does not;</li>
 *     <li>{@value #ALL_MAX_AT}: every element {@code 1.7976931348623157e308} ({@code Double.MAX_VALUE}), signed by
 *     {@code bounded(2)}: the norm, 8 times the largest double, is infinite and the rules filter it.</li>
 * </ul>
 * A sign draw of 1 is negative. The double of an edge literal is {@link Double#parseDouble} of it, the correctly
 * rounded value of the decimal text, computed once when this class loads. So every number written parses back,
 * with any correct decimal-to-double conversion, to exactly the double {@link #copyItemTo(WorkItem)} gives.
 */
public final class WorkItemGenerator implements LineSource
{
    /** Period of the edge cases: each occurs once in this many items. */
    public static final int EDGE_PERIOD = 10_000;

    /** {@code i mod EDGE_PERIOD} of an item with a zero vector. */
    public static final int ZERO_VECTOR_AT = 1_000;

    /** {@code i mod EDGE_PERIOD} of an item with one huge vector element. */
    public static final int ONE_HUGE_AT = 2_000;

    /** {@code i mod EDGE_PERIOD} of an item whose vector elements are all huge. */
    public static final int ALL_HUGE_AT = 3_000;

    /** {@code i mod EDGE_PERIOD} of an item whose vector elements are all tiny. */
    public static final int ALL_TINY_AT = 4_000;

    /** {@code i mod EDGE_PERIOD} of an item whose vector elements are all {@code ±Double.MAX_VALUE}. */
    public static final int ALL_MAX_AT = 5_000;

    /** Decimals of an ordinary element: its double is {@code m / 10^DECIMALS}. */
    public static final int DECIMALS = 6;

    private static final long MANTISSA_BOUND = 1_000_000_000L;
    private static final double SCALE = 1e6;

    private static final String[] HUGE_TEXT = {
        "1e300", "2.5e301", "3.14159e305", "1.2345678901234567E306", "7E+299", "9.87654321e302", "4.4e304",
        "1.0e306" };
    private static final String[] TINY_TEXT = {
        "4.9e-324", "1e-320", "2.2250738585072014e-308", "1.5e-310", "3e-300", "7.1E-315", "5e-324",
        "1.0000000000000001e-307" };
    private static final String MAX_TEXT = "1.7976931348623157e308";

    private static final byte[][] HUGE = bytes(HUGE_TEXT);
    private static final double[] HUGE_VALUES = values(HUGE_TEXT);
    private static final byte[][] TINY = bytes(TINY_TEXT);
    private static final double[] TINY_VALUES = values(TINY_TEXT);
    private static final byte[] MAX = MAX_TEXT.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZERO = "0.0".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] ID_PREFIX = "{\"id\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VECTOR_PREFIX = ",\"vector\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MATRIX_PREFIX = "],\"matrix\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUFFIX = "]}".getBytes(StandardCharsets.US_ASCII);

    private static final int MAX_ELEMENT_TEXT = 24;
    private static final int LINE_CAPACITY = 64 + (WorkItem.VECTOR_LENGTH + WorkItem.MATRIX_LENGTH) * MAX_ELEMENT_TEXT;

    private final long seed;
    private final long items;
    private final byte[] line = new byte[LINE_CAPACITY];
    private final byte[] digits = new byte[20];
    private final long[] vectorMantissas = new long[WorkItem.VECTOR_LENGTH];
    private final long[] matrixMantissas = new long[WorkItem.MATRIX_LENGTH];
    private final WorkItem current = new WorkItem();

    private long state;
    private long generated;
    private int lineLength;

    /**
     * Create a generator.
     *
     * @param seed  of the random stream.
     * @param items number of items to generate.
     */
    public WorkItemGenerator(final long seed, final long items)
    {
        if (items < 0)
        {
            throw new IllegalArgumentException("items must not be negative: " + items);
        }
        this.seed = seed;
        this.items = items;
        this.state = seed;
    }

    /**
     * {@inheritDoc}
     */
    public boolean next()
    {
        if (generated >= items)
        {
            return false;
        }
        final long index = generated++;

        final long id = nextLong() >>> 1;
        for (int i = 0; i < WorkItem.VECTOR_LENGTH; i++)
        {
            vectorMantissas[i] = bounded(2 * MANTISSA_BOUND + 1) - MANTISSA_BOUND;
        }
        for (int i = 0; i < WorkItem.MATRIX_LENGTH; i++)
        {
            matrixMantissas[i] = bounded(2 * MANTISSA_BOUND + 1) - MANTISSA_BOUND;
        }

        final WorkItem item = current;
        item.id(id);
        item.lineNumber(generated);
        final double[] vector = item.vector();
        final double[] matrix = item.matrix();

        int p = put(ID_PREFIX, 0);
        p = putNumber(id, p);
        p = put(VECTOR_PREFIX, p);
        final int edge = (int)(index % EDGE_PERIOD);
        switch (edge)
        {
            case ZERO_VECTOR_AT:
                for (int i = 0; i < WorkItem.VECTOR_LENGTH; i++)
                {
                    p = putSeparator(i, p);
                    p = put(ZERO, p);
                    vector[i] = 0.0;
                }
                break;

            case ONE_HUGE_AT:
            {
                final int hugeAt = (int)bounded(WorkItem.VECTOR_LENGTH);
                final int literal = (int)bounded(HUGE.length);
                final boolean negative = bounded(2) == 1;
                for (int i = 0; i < WorkItem.VECTOR_LENGTH; i++)
                {
                    p = putSeparator(i, p);
                    if (i == hugeAt)
                    {
                        p = putLiteral(HUGE[literal], negative, p);
                        vector[i] = negative ? -HUGE_VALUES[literal] : HUGE_VALUES[literal];
                    }
                    else
                    {
                        p = putFixed(vectorMantissas[i], p);
                        vector[i] = vectorMantissas[i] / SCALE;
                    }
                }
                break;
            }

            case ALL_HUGE_AT:
            case ALL_TINY_AT:
            {
                final byte[][] literals = ALL_HUGE_AT == edge ? HUGE : TINY;
                final double[] values = ALL_HUGE_AT == edge ? HUGE_VALUES : TINY_VALUES;
                for (int i = 0; i < WorkItem.VECTOR_LENGTH; i++)
                {
                    final int literal = (int)bounded(literals.length);
                    final boolean negative = bounded(2) == 1;
                    p = putSeparator(i, p);
                    p = putLiteral(literals[literal], negative, p);
                    vector[i] = negative ? -values[literal] : values[literal];
                }
                break;
            }

            case ALL_MAX_AT:
                for (int i = 0; i < WorkItem.VECTOR_LENGTH; i++)
                {
                    final boolean negative = bounded(2) == 1;
                    p = putSeparator(i, p);
                    p = putLiteral(MAX, negative, p);
                    vector[i] = negative ? -Double.MAX_VALUE : Double.MAX_VALUE;
                }
                break;

            default:
                for (int i = 0; i < WorkItem.VECTOR_LENGTH; i++)
                {
                    p = putSeparator(i, p);
                    p = putFixed(vectorMantissas[i], p);
                    vector[i] = vectorMantissas[i] / SCALE;
                }
                break;
        }

        p = put(MATRIX_PREFIX, p);
        for (int i = 0; i < WorkItem.MATRIX_LENGTH; i++)
        {
            p = putSeparator(i, p);
            p = putFixed(matrixMantissas[i], p);
            matrix[i] = matrixMantissas[i] / SCALE;
        }
        p = put(SUFFIX, p);
        lineLength = p;
        return true;
    }

    /**
     * Copy the current item, as generated (before any parsing), into another: the id, the vector, the matrix and the
     * line number.
     *
     * @param item to fill.
     */
    public void copyItemTo(final WorkItem item)
    {
        item.copyFrom(current);
    }

    /**
     * {@inheritDoc}
     */
    public byte[] lineBuffer()
    {
        return line;
    }

    /**
     * {@inheritDoc}
     */
    public int lineOffset()
    {
        return 0;
    }

    /**
     * {@inheritDoc}
     */
    public int lineLength()
    {
        return lineLength;
    }

    /**
     * {@inheritDoc}
     */
    public long lineNumber()
    {
        return generated;
    }

    /**
     * {@inheritDoc}
     */
    public boolean hasBufferedInput()
    {
        return generated < items;
    }

    /**
     * {@inheritDoc}
     */
    public String description()
    {
        return "generated work items (seed " + seed + ", " + items + " items)";
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
    }

    private long nextLong()
    {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private long bounded(final long bound)
    {
        return ((nextLong() >>> 32) * bound) >>> 32;
    }

    private int put(final byte[] source, final int at)
    {
        System.arraycopy(source, 0, line, at, source.length);
        return at + source.length;
    }

    private int putSeparator(final int index, final int at)
    {
        if (index == 0)
        {
            return at;
        }
        line[at] = ',';
        return at + 1;
    }

    private int putLiteral(final byte[] literal, final boolean negative, final int at)
    {
        int p = at;
        if (negative)
        {
            line[p++] = '-';
        }
        return put(literal, p);
    }

    /**
     * Write {@code mantissa / 10^6} with exactly six decimals.
     */
    private int putFixed(final long mantissa, final int at)
    {
        int p = at;
        long remaining = mantissa;
        if (remaining < 0)
        {
            line[p++] = '-';
            remaining = -remaining;
        }
        int count = 0;
        do
        {
            digits[count++] = (byte)('0' + (remaining % 10));
            remaining /= 10;
        }
        while (remaining != 0 || count <= DECIMALS);

        while (count > DECIMALS)
        {
            line[p++] = digits[--count];
        }
        line[p++] = '.';
        while (count > 0)
        {
            line[p++] = digits[--count];
        }
        return p;
    }

    private int putNumber(final long number, final int at)
    {
        long remaining = number;
        int count = 0;
        do
        {
            digits[count++] = (byte)('0' + (remaining % 10));
            remaining /= 10;
        }
        while (remaining != 0);

        int p = at;
        while (count > 0)
        {
            line[p++] = digits[--count];
        }
        return p;
    }

    private static byte[][] bytes(final String[] texts)
    {
        final byte[][] result = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++)
        {
            result[i] = texts[i].getBytes(StandardCharsets.US_ASCII);
        }
        return result;
    }

    private static double[] values(final String[] texts)
    {
        final double[] result = new double[texts.length];
        for (int i = 0; i < texts.length; i++)
        {
            result[i] = Double.parseDouble(texts[i]);
        }
        return result;
    }
}
