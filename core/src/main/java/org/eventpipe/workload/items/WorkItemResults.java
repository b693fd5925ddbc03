package org.eventpipe.workload.items;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonGenerator;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.eventpipe.workload.WorkloadResults;

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
 * (on one line, without the break). {@link Double#parseDouble} of {@link Double#toString} gives back the same
 * double for every double but NaN, whose payload it does not keep: equality ignores NaN payloads anyway. The binary
 * form ({@link #encode}) keeps every bit: the count, the raw bits of the three sums and the two hashes, each a
 * little-endian int64.
 */
public final class WorkItemResults implements WorkloadResults
{
    /** Length of the binary form: six int64s. */
    public static final int ENCODED_LENGTH = 6 * Long.BYTES;

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
     * {@inheritDoc}
     */
    public long total()
    {
        return items;
    }

    /**
     * {@inheritDoc}: the {@link #toText() text form} and a newline.
     */
    public String toJsonLines()
    {
        return toText() + "\n";
    }

    /**
     * {@inheritDoc}: each sum with its bits, each hash in hex.
     */
    public List<String> reportLines()
    {
        return List.of(
            "items       " + items,
            describe("vectorSum  ", vectorSum),
            describe("diagonalSum", diagonalSum),
            describe("firstRowSum", firstRowSum),
            "idHashSum   " + hex(idHashSum),
            "idHashXor   " + hex(idHashXor));
    }

    /**
     * {@inheritDoc}: an object of the fields of the {@link #toText() text form}, written the same way (sums as
     * strings, so that NaN and the infinities stay valid JSON).
     */
    public void writeSummary(final JsonGenerator json) throws IOException
    {
        json.writeStartObject();
        json.writeNumberField("items", items);
        json.writeStringField("vectorSum", Double.toString(vectorSum));
        json.writeStringField("diagonalSum", Double.toString(diagonalSum));
        json.writeStringField("firstRowSum", Double.toString(firstRowSum));
        json.writeStringField("idHashSum", hex(idHashSum));
        json.writeStringField("idHashXor", hex(idHashXor));
        json.writeEndObject();
    }

    /**
     * {@inheritDoc}
     */
    public int encodedLength()
    {
        return ENCODED_LENGTH;
    }

    /**
     * {@inheritDoc}: items, the raw bits of vectorSum, diagonalSum and firstRowSum, idHashSum and idHashXor, each a
     * little-endian int64.
     */
    public void encode(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putLong(offset, items, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + Long.BYTES, Double.doubleToRawLongBits(vectorSum), ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 2 * Long.BYTES, Double.doubleToRawLongBits(diagonalSum), ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 3 * Long.BYTES, Double.doubleToRawLongBits(firstRowSum), ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 4 * Long.BYTES, idHashSum, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 5 * Long.BYTES, idHashXor, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Decode what {@link #encode} wrote, bit for bit.
     *
     * @param buffer holding the encoding.
     * @param offset of the first byte.
     * @param length of the encoding.
     * @return the results.
     * @throws IllegalArgumentException if the length is not {@value #ENCODED_LENGTH} or the item count is negative.
     */
    public static WorkItemResults decode(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length != ENCODED_LENGTH)
        {
            throw new IllegalArgumentException("work-item results must be " + ENCODED_LENGTH + " bytes: " + length);
        }
        final long items = buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
        if (items < 0)
        {
            throw new IllegalArgumentException("negative work-item count " + items);
        }
        return new WorkItemResults(
            items,
            Double.longBitsToDouble(buffer.getLong(offset + Long.BYTES, ByteOrder.LITTLE_ENDIAN)),
            Double.longBitsToDouble(buffer.getLong(offset + 2 * Long.BYTES, ByteOrder.LITTLE_ENDIAN)),
            Double.longBitsToDouble(buffer.getLong(offset + 3 * Long.BYTES, ByteOrder.LITTLE_ENDIAN)),
            buffer.getLong(offset + 4 * Long.BYTES, ByteOrder.LITTLE_ENDIAN),
            buffer.getLong(offset + 5 * Long.BYTES, ByteOrder.LITTLE_ENDIAN));
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
     * @param results to compare with.
     * @return one line per differing field, of the form {@code vectorSum 1.0 (0x3ff0000000000000) != ...}, or one
     *         line if the others are not work-item results; empty if the results are equal.
     */
    public List<String> differences(final WorkloadResults results)
    {
        if (!(results instanceof WorkItemResults))
        {
            return List.of("not work-item results: " + results);
        }
        final WorkItemResults other = (WorkItemResults)results;
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

    private static String describe(final String name, final double value)
    {
        return String.format(Locale.ROOT, "%s %s (0x%s)", name, value, hex(Double.doubleToRawLongBits(value)));
    }

    private static String hex(final long value)
    {
        final String digits = Long.toHexString(value);
        return "0".repeat(16 - digits.length()) + digits;
    }
}
