package org.eventpipe.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eventpipe.model.RejectReason;
import org.eventpipe.support.JacksonWorkItemOracle.Verdict;
import org.eventpipe.workload.items.WorkItemResults;

/**
 * The reference pipeline of the work-items workload: one loop over the bytes of an input that splits it into lines
 * as {@link JacksonReference} does (same blank, over-long and UTF-8 rules), judges each line with
 * {@link JacksonWorkItemOracle}, and applies the rules and the aggregate with straightforward code written from their
 * documentation. It shares nothing with the production parser, generator, rules or aggregate; it only uses the
 * model's reject reasons as names, and reads production results through their accessors to compare them.
 * <p>
 * The rules, per accepted item: {@code scale} is the largest {@code |v[i]|}; a NaN element, a zero or infinite scale,
 * or an infinite {@code norm = scale * sqrt(sum of (v[i] / scale)^2)} (summed in index order) filters the item;
 * otherwise each element becomes {@code (v[i] / scale) / sqrt(sum)} and the matrix is transposed. The aggregate,
 * per kept item in input order: every normalised element added to one running sum, the diagonal of the transposed
 * matrix to a second, its first row to a third; the count; the wrapping sum and the xor of the SplitMix64 output for
 * the state {@code id}.
 */
public final class WorkItemReference
{
    private static final int SIZE = 8;

    private final int maxLineLength;
    private final JacksonWorkItemOracle oracle = new JacksonWorkItemOracle();

    /** The README's cut of a rejected line in the rejects file. */
    public static final int REJECT_EXCERPT_BYTES = JacksonReference.REJECT_EXCERPT_BYTES;

    /**
     * A reject the reference expects.
     *
     * @param lineNumber of the rejected line.
     * @param reason     why it is rejected.
     * @param excerpt    the line's first bytes as written, ISO-8859-1 decoded: at most
     *                   {@value #REJECT_EXCERPT_BYTES}, and for an over-long line at most the maximum line length.
     */
    public record Reject(long lineNumber, RejectReason reason, String excerpt)
    {
    }

    /**
     * What a run must make of an input.
     *
     * @param lines            read, blank ones included.
     * @param blank            lines skipped as blank.
     * @param accepted         lines parsed into items.
     * @param rejectedByReason lines rejected, indexed by reason ordinal.
     * @param filtered         items filtered by the rules.
     * @param kept             items kept and folded.
     * @param vectorSum        running sum of the normalised vectors.
     * @param diagonalSum      running sum of the diagonals of the transposed matrices.
     * @param firstRowSum      running sum of the first rows of the transposed matrices.
     * @param idHashSum        wrapping sum of the id hashes.
     * @param idHashXor        xor of the id hashes.
     * @param rejects          every rejected line, in input order.
     */
    public record Outcome(
        long lines,
        long blank,
        long accepted,
        long[] rejectedByReason,
        long filtered,
        long kept,
        double vectorSum,
        double diagonalSum,
        double firstRowSum,
        long idHashSum,
        long idHashXor,
        List<Reject> rejects)
    {
        /**
         * Lines rejected for one reason.
         *
         * @param reason of rejection.
         * @return the count.
         */
        public long rejected(final RejectReason reason)
        {
            return rejectedByReason[reason.ordinal()];
        }

        /**
         * Lines rejected for any reason.
         *
         * @return the count.
         */
        public long rejected()
        {
            long total = 0;
            for (final long count : rejectedByReason)
            {
                total += count;
            }
            return total;
        }

        /**
         * What differs between the results a run gave and these, doubles compared bit for bit.
         *
         * @param results of a run, for example read back with {@link WorkItemResults#fromText(String)}.
         * @return one line per differing field; empty if they are equal.
         */
        public List<String> mismatches(final WorkItemResults results)
        {
            final List<String> mismatches = new ArrayList<>();
            if (kept != results.items())
            {
                mismatches.add("items: expected " + kept + ", was " + results.items());
            }
            compareBits(mismatches, "vectorSum", vectorSum, results.vectorSum());
            compareBits(mismatches, "diagonalSum", diagonalSum, results.diagonalSum());
            compareBits(mismatches, "firstRowSum", firstRowSum, results.firstRowSum());
            if (idHashSum != results.idHashSum())
            {
                mismatches.add("idHashSum: expected " + Long.toHexString(idHashSum) + ", was " +
                    Long.toHexString(results.idHashSum()));
            }
            if (idHashXor != results.idHashXor())
            {
                mismatches.add("idHashXor: expected " + Long.toHexString(idHashXor) + ", was " +
                    Long.toHexString(results.idHashXor()));
            }
            return mismatches;
        }

        private static void compareBits(
            final List<String> mismatches, final String name, final double expected, final double actual)
        {
            if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual))
            {
                mismatches.add(name + ": expected " + expected + " (" +
                    Long.toHexString(Double.doubleToRawLongBits(expected)) + "), was " + actual + " (" +
                    Long.toHexString(Double.doubleToRawLongBits(actual)) + ")");
            }
        }
    }

    /**
     * Create a reference.
     *
     * @param maxLineLength as {@code --max-line-length}.
     */
    public WorkItemReference(final int maxLineLength)
    {
        this.maxLineLength = maxLineLength;
    }

    /**
     * What a run must make of a file.
     *
     * @param file to read.
     * @return the expected outcome.
     * @throws IOException if the file cannot be read.
     */
    public Outcome run(final Path file) throws IOException
    {
        return run(Files.readAllBytes(file));
    }

    /**
     * What a run must make of an input.
     *
     * @param input the bytes of the whole input.
     * @return the expected outcome.
     */
    public Outcome run(final byte[] input)
    {
        final long[] rejectedByReason = new long[RejectReason.values().length];
        final List<Reject> rejects = new ArrayList<>();
        long lines = 0;
        long blank = 0;
        long accepted = 0;
        long filtered = 0;
        long kept = 0;
        double vectorSum = 0.0;
        double diagonalSum = 0.0;
        double firstRowSum = 0.0;
        long idHashSum = 0;
        long idHashXor = 0;

        int start = 0;
        while (start < input.length)
        {
            int end = start;
            while (end < input.length && input[end] != '\n')
            {
                end++;
            }
            lines++;
            final int length = end - start;

            RejectReason reason = null;
            if (length > maxLineLength)
            {
                reason = RejectReason.LINE_TOO_LONG;
            }
            else if (isWhitespaceOnly(input, start, end))
            {
                blank++;
            }
            else if (!isWellFormedUtf8Json(input, start, length))
            {
                reason = RejectReason.MALFORMED_JSON;
            }
            else
            {
                final Verdict verdict = oracle.judge(input, start, length);
                reason = verdict.reason();
                if (verdict.accepted())
                {
                    accepted++;
                    final double[] normalised = normalised(verdict.vector());
                    if (null == normalised)
                    {
                        filtered++;
                    }
                    else
                    {
                        kept++;
                        final double[][] transposed = transposed(verdict.matrix());
                        for (final double element : normalised)
                        {
                            vectorSum += element;
                        }
                        for (int i = 0; i < SIZE; i++)
                        {
                            diagonalSum += transposed[i][i];
                        }
                        for (int c = 0; c < SIZE; c++)
                        {
                            firstRowSum += transposed[0][c];
                        }
                        final long hash = splitMix64(verdict.id());
                        idHashSum += hash;
                        idHashXor ^= hash;
                    }
                }
            }

            if (null != reason)
            {
                rejectedByReason[reason.ordinal()]++;
                final int excerpt = Math.min(Math.min(length, maxLineLength), REJECT_EXCERPT_BYTES);
                rejects.add(new Reject(lines, reason, new String(input, start, excerpt, StandardCharsets.ISO_8859_1)));
            }
            start = end + 1;
        }

        return new Outcome(lines, blank, accepted, rejectedByReason, filtered, kept,
            vectorSum, diagonalSum, firstRowSum, idHashSum, idHashXor, rejects);
    }

    /**
     * The vector divided by its norm, computed scaled by the largest magnitude.
     *
     * @param vector to normalise; not changed.
     * @return a new normalised vector, or null if the norm is zero or not finite (or an element is NaN).
     */
    public static double[] normalised(final double[] vector)
    {
        double scale = 0.0;
        for (final double element : vector)
        {
            if (Double.isNaN(element))
            {
                return null;
            }
            scale = Math.max(scale, Math.abs(element));
        }
        if (scale == 0.0 || Double.isInfinite(scale))
        {
            return null;
        }
        double sumOfSquares = 0.0;
        for (final double element : vector)
        {
            sumOfSquares += (element / scale) * (element / scale);
        }
        final double norm = scale * Math.sqrt(sumOfSquares);
        if (Double.isInfinite(norm))
        {
            return null;
        }
        final double[] result = new double[vector.length];
        for (int i = 0; i < vector.length; i++)
        {
            result[i] = (vector[i] / scale) / Math.sqrt(sumOfSquares);
        }
        return result;
    }

    /**
     * The transpose of a row-major 8x8 matrix.
     *
     * @param rowMajor 64 elements, (r, c) at 8 * r + c.
     * @return a new matrix, {@code result[r][c]} being element (c, r) of the input.
     */
    public static double[][] transposed(final double[] rowMajor)
    {
        final double[][] result = new double[SIZE][SIZE];
        for (int r = 0; r < SIZE; r++)
        {
            for (int c = 0; c < SIZE; c++)
            {
                result[r][c] = rowMajor[c * SIZE + r];
            }
        }
        return result;
    }

    /**
     * SplitMix64's output for one state: Stafford's variant 13 finaliser of {@code state + 0x9E3779B97F4A7C15}.
     *
     * @param state the id.
     * @return the hash.
     */
    public static long splitMix64(final long state)
    {
        long z = state + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static boolean isWhitespaceOnly(final byte[] input, final int start, final int end)
    {
        for (int i = start; i < end; i++)
        {
            final byte b = input[i];
            if (b != ' ' && b != '\t' && b != '\r')
            {
                return false;
            }
        }
        return true;
    }

    private static boolean isWellFormedUtf8Json(final byte[] input, final int start, final int length)
    {
        if (length >= 3 && input[start] == (byte)0xEF && input[start + 1] == (byte)0xBB &&
            input[start + 2] == (byte)0xBF)
        {
            return false;
        }
        for (int i = start; i < start + length; i++)
        {
            if (input[i] == 0)
            {
                return false;
            }
        }
        try
        {
            StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(input, start, length));
            return true;
        }
        catch (final CharacterCodingException ex)
        {
            return false;
        }
    }
}
