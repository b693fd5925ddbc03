package org.eventpipe.workload.items;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The results of the work-items workload, see {@link WorkItemAggregator}: the item count, the three running sums and
 * the two order-independent id hashes. Two results are equal only if every field is bit-for-bit equal (doubles
 * compared by {@link Double#doubleToLongBits}, so {@code 0.0} and {@code -0.0} differ).
 * <p>
 * The text form, one JSON line, is exact: each double is written as a string holding {@link Double#toString}, which
 * round-trips to the same double (and names {@code NaN} and {@code Infinity}, which JSON numbers cannot), and each hash
 * as 16 lower-case hex digits:
 * <pre>
 * {"items":19996,"vectorSum":"12.345678901234567","diagonalSum":"-1234.5","firstRowSum":"42.0",
 *  "idHashSum":"0123456789abcdef",
 *  "idHashXor":"fedcba9876543210"}
 * </pre>
 * (on one line, without the break).
 */
public final class WorkItemResults
{
    private static final Pattern TEXT = Pattern.compile(
        "\\{\"items\":(\\d+),\"vectorSum\":\"([^\"]+)\",\"diagonalSum\":\"([^\"]+)\",\"firstRowSum\":\"([^\"]+)\"," +
        "\"idHashSum\":\"([0-9a-f]{16})\",\"idHashXor\":\"([0-9a-f]{16})\"}\\s*");

    private final long items;
    private final double vectorSum;
    private final double diagonalSum;
    private final double firstRowSum;
    private final long idHashSum;
    private final long idHashXor;

    /**
     * Create results.
     *
     * @param items       folded.
     * @param vectorSum   running sum of the normalised vector elements.
     * @param diagonalSum running sum of the diagonals of the transposed matrices.
     * @param firstRowSum running sum of the first rows of the transposed matrices.
     * @param idHashSum   wrapping sum of the id hashes.
     * @param idHashXor   xor of the id hashes.
     */
    public WorkItemResults(
        final long items,
        final double vectorSum,
        final double diagonalSum,
        final double firstRowSum,
        final long idHashSum,
        final long idHashXor)
    {
        this.items = items;
        this.vectorSum = vectorSum;
        this.diagonalSum = diagonalSum;
        this.firstRowSum = firstRowSum;
        this.idHashSum = idHashSum;
        this.idHashXor = idHashXor;
    }

    /**
     * Items folded.
     *
     * @return the count.
     */
    public long items()
    {
        return items;
    }

    /**
     * Running sum of every element of every normalised vector.
     *
     * @return the sum.
     */
    public double vectorSum()
    {
        return vectorSum;
    }

    /**
     * Running sum of the diagonals of the transposed matrices.
     *
     * @return the sum.
     */
    public double diagonalSum()
    {
        return diagonalSum;
    }

    /**
     * Running sum of the first rows of the transposed matrices.
     *
     * @return the sum.
     */
    public double firstRowSum()
    {
        return firstRowSum;
    }

    /**
     * Wrapping sum of the id hashes.
     *
     * @return the sum.
     */
    public long idHashSum()
    {
        return idHashSum;
    }

    /**
     * Xor of the id hashes.
     *
     * @return the xor.
     */
    public long idHashXor()
    {
        return idHashXor;
    }

    /**
     * The exact text form, one JSON line without a newline.
     *
     * @return the text.
     */
    public String toText()
    {
        return "{\"items\":" + items +
            ",\"vectorSum\":\"" + vectorSum +
            "\",\"diagonalSum\":\"" + diagonalSum +
            "\",\"firstRowSum\":\"" + firstRowSum +
            "\",\"idHashSum\":\"" + hex(idHashSum) +
            "\",\"idHashXor\":\"" + hex(idHashXor) + "\"}";
    }

    /**
     * Read results from their text form, as {@link #toText()} writes it (trailing whitespace allowed).
     *
     * @param text to read.
     * @return the results.
     * @throws IllegalArgumentException if the text is not in that form.
     */
    public static WorkItemResults fromText(final String text)
    {
        final Matcher matcher = TEXT.matcher(text);
        if (!matcher.matches())
        {
            throw new IllegalArgumentException("not work-item results: " + text);
        }
        try
        {
            return new WorkItemResults(
                Long.parseLong(matcher.group(1)),
                Double.parseDouble(matcher.group(2)),
                Double.parseDouble(matcher.group(3)),
                Double.parseDouble(matcher.group(4)),
                Long.parseUnsignedLong(matcher.group(5), 16),
                Long.parseUnsignedLong(matcher.group(6), 16));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("not work-item results: " + text, ex);
        }
    }

    /**
     * What differs between these results and others, field by field, doubles shown with their bits.
     *
     * @param other results to compare with.
     * @return one line per differing field, of the form {@code vectorSum 1.0 (0x3ff0000000000000) != ...}; empty if
     *         the results are equal.
     */
    public List<String> differences(final WorkItemResults other)
    {
        final List<String> differences = new ArrayList<>();
        if (items != other.items)
        {
            differences.add("items " + items + " != " + other.items);
        }
        compare(differences, "vectorSum", vectorSum, other.vectorSum);
        compare(differences, "diagonalSum", diagonalSum, other.diagonalSum);
        compare(differences, "firstRowSum", firstRowSum, other.firstRowSum);
        if (idHashSum != other.idHashSum)
        {
            differences.add("idHashSum " + hex(idHashSum) + " != " + hex(other.idHashSum));
        }
        if (idHashXor != other.idHashXor)
        {
            differences.add("idHashXor " + hex(idHashXor) + " != " + hex(other.idHashXor));
        }
        return differences;
    }

    /**
     * {@inheritDoc}
     */
    public boolean equals(final Object obj)
    {
        if (this == obj)
        {
            return true;
        }
        if (!(obj instanceof WorkItemResults))
        {
            return false;
        }
        final WorkItemResults other = (WorkItemResults)obj;
        return items == other.items &&
            Double.doubleToLongBits(vectorSum) == Double.doubleToLongBits(other.vectorSum) &&
            Double.doubleToLongBits(diagonalSum) == Double.doubleToLongBits(other.diagonalSum) &&
            Double.doubleToLongBits(firstRowSum) == Double.doubleToLongBits(other.firstRowSum) &&
            idHashSum == other.idHashSum &&
            idHashXor == other.idHashXor;
    }

    /**
     * {@inheritDoc}
     */
    public int hashCode()
    {
        long hash = items;
        hash = 31 * hash + Double.doubleToLongBits(vectorSum);
        hash = 31 * hash + Double.doubleToLongBits(diagonalSum);
        hash = 31 * hash + Double.doubleToLongBits(firstRowSum);
        hash = 31 * hash + idHashSum;
        hash = 31 * hash + idHashXor;
        return Long.hashCode(hash);
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return toText();
    }

    private static void compare(final List<String> differences, final String name, final double a, final double b)
    {
        if (Double.doubleToLongBits(a) != Double.doubleToLongBits(b))
        {
            differences.add(name + " " + a + " (0x" + hex(Double.doubleToRawLongBits(a)) + ") != " +
                b + " (0x" + hex(Double.doubleToRawLongBits(b)) + ")");
        }
    }

    private static String hex(final long value)
    {
        final String digits = Long.toHexString(value);
        return "0".repeat(16 - digits.length()) + digits;
    }
}
