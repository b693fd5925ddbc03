package org.eventpipe.workload.items;

import java.nio.charset.StandardCharsets;

import org.eventpipe.ingest.JsonLineScanner;
import org.eventpipe.model.RejectReason;

/**
 * A zero-allocation, single-pass parser of one NDJSON work-item line into a {@link WorkItem}. It validates the whole
 * line against RFC 8259 with the rules of the events parser, both scanning with {@link JsonLineScanner}: strict,
 * no comments, no leading zeros, no {@code NaN} or {@code Infinity} literals, no trailing content, valid UTF-8 in
 * strings, nesting at most {@link #MAX_NESTING_DEPTH}, number tokens at most {@link #MAX_NUMBER_LENGTH} characters. It
 * extracts three required fields:
 * <ul>
 *     <li>{@code id}: a JSON integer (no fraction, no exponent) in {@code [0, 2^63-1]};</li>
 *     <li>{@code vector}: an array of exactly {@value WorkItem#VECTOR_LENGTH} JSON numbers;</li>
 *     <li>{@code matrix}: an array of exactly {@value WorkItem#MATRIX_LENGTH} JSON numbers, the 8x8 matrix
 *     row-major.</li>
 * </ul>
 * Each number of an array becomes the double nearest to its decimal value, ties to even, which is what
 * {@link Double#parseDouble} gives: a number too small for a double becomes zero (or a subnormal), and a number whose
 * nearest double is infinite is {@code OUT_OF_RANGE}. Field names are compared after decoding escapes. Unknown fields
 * of any JSON type are validated and skipped.
 * <p>
 * Reasons: syntax errors ({@code MALFORMED_JSON}) take precedence, then {@code NOT_AN_OBJECT}; among the others the
 * first met walking the line wins, where a repeated required field is {@code DUPLICATE_FIELD} before its value is
 * looked at, an array's elements are checked in order ({@code WRONG_TYPE} for an element that is not a number,
 * {@code OUT_OF_RANGE}) and its length when it closes ({@code WRONG_LENGTH}); {@code MISSING_FIELD} comes last. A line
 * longer than the maximum line length is {@code LINE_TOO_LONG} and is not read.
 * <p>
 * The acceptance rules and reasons equal those of the Jackson-based oracle of the tests ({@code ObjectMapper} with
 * {@code FAIL_ON_TRAILING_TOKENS}, numbers by {@code Double.parseDouble}), except where Jackson is more lenient than
 * RFC 8259, as for the events parser: a byte order mark, UTF-16/32 input and some ill-formed UTF-8 are rejected here,
 * and the number-length limit counts the whole token here but only the digits in Jackson.
 * <p>
 * Numbers are converted with Clinger's fast path (1990): when the decimal significand {@code w} has at most 18
 * digits (leading zeros included), {@code w <= 2^53} and the decimal exponent {@code q} has {@code |q| <= 22}, both
 * {@code w} and {@code 10^|q|} are exact doubles, so one IEEE multiplication or division, correctly rounded itself,
 * gives the correctly rounded result. A zero significand gives a zero of the token's sign, whatever the exponent.
 * Any other number goes to {@link Double#parseDouble}, which allocates a string: the generator's ordinary numbers
 * all take the fast path. Not thread safe: one instance per thread.
 */
public final class WorkItemParser extends JsonLineScanner
{
    /** Deepest nesting of arrays and objects accepted, the top-level object counting as 1 (Jackson's default). */
    public static final int MAX_NESTING_DEPTH = JsonLineScanner.MAX_NESTING_DEPTH;

    /** Longest number token accepted, in characters (Jackson's default). */
    public static final int MAX_NUMBER_LENGTH = JsonLineScanner.MAX_NUMBER_LENGTH;

    private static final int FIELD_ID = 0;
    private static final int FIELD_VECTOR = 1;
    private static final int FIELD_MATRIX = 2;
    private static final int ALL_FIELDS = 0b111;

    private static final byte[] ID = { 'i', 'd' };
    private static final byte[] VECTOR = { 'v', 'e', 'c', 't', 'o', 'r' };
    private static final byte[] MATRIX = { 'm', 'a', 't', 'r', 'i', 'x' };

    private static final int MAX_SIGNIFICANT_DIGITS = 18;
    private static final long MAX_EXACT_SIGNIFICAND = 1L << 53;
    private static final int MAX_EXACT_POWER = 22;

    /** 10^0 to 10^22, every one exactly representable as a double. */
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };

    private final int maxLineLength;
    private final boolean fastPath;

    private WorkItem item;
    private long fallbacks;

    /**
     * Create a parser that converts numbers with Clinger's fast path where it applies.
     *
     * @param maxLineLength longest line accepted, in bytes; longer lines are rejected as too long.
     */
    public WorkItemParser(final int maxLineLength)
    {
        this(maxLineLength, true);
    }

    /**
     * Create a parser.
     *
     * @param maxLineLength longest line accepted, in bytes; longer lines are rejected as too long.
     * @param fastPath      false to convert every number with {@link Double#parseDouble}, which allocates: the
     *                      baseline of the benchmark and a second opinion for the tests.
     */
    public WorkItemParser(final int maxLineLength, final boolean fastPath)
    {
        if (maxLineLength < 1)
        {
            throw new IllegalArgumentException("maxLineLength must be at least 1: " + maxLineLength);
        }
        this.maxLineLength = maxLineLength;
        this.fastPath = fastPath;
    }

    /**
     * Parse one line. On success the item's id, vector and matrix are set and null is returned; otherwise the reason
     * is returned and the id, vector and matrix hold whatever was parsed before the line was found wanting. The line
     * number and ingest stamp are never touched.
     *
     * @param bytes  holding the line.
     * @param offset of the line's first byte.
     * @param length true length of the line without its terminator; when it exceeds the maximum line length the
     *               line is rejected without reading its bytes, which may be fewer.
     * @param item   to fill.
     * @return null if the line was accepted, else why it was rejected.
     */
    public RejectReason parse(final byte[] bytes, final int offset, final int length, final WorkItem item)
    {
        if (length > maxLineLength)
        {
            return RejectReason.LINE_TOO_LONG;
        }

        this.item = item;
        try
        {
            return scanLine(bytes, offset, length, ALL_FIELDS);
        }
        finally
        {
            buffer = null;
            this.item = null;
        }
    }

    /**
     * Numbers converted with {@link Double#parseDouble} so far, because they fell outside Clinger's fast path (or
     * because the fast path is off).
     *
     * @return count of numbers that took the slow path.
     */
    public long fallbacks()
    {
        return fallbacks;
    }

    /**
     * {@inheritDoc}
     */
    protected int identifyField()
    {
        switch (prepareName())
        {
            case 2:
                return nameEquals(ID) ? FIELD_ID : FIELD_UNKNOWN;
            case 6:
                if (nameEquals(VECTOR))
                {
                    return FIELD_VECTOR;
                }
                return nameEquals(MATRIX) ? FIELD_MATRIX : FIELD_UNKNOWN;
            default:
                return FIELD_UNKNOWN;
        }
    }

    /**
     * {@inheritDoc}
     */
    protected int parseField(final int field, final int start)
    {
        switch (field)
        {
            case FIELD_ID:
                return parseId(start);
            case FIELD_VECTOR:
                return parseArray(start, item.vector());
            default:
                return parseArray(start, item.matrix());
        }
    }

    private int parseId(final int start)
    {
        final int p = scanInteger(start);
        if (p < 0 || !numberIntegral)
        {
            return p;
        }

        final long magnitude = integerMagnitude();
        if (magnitude < 0 || (numberNegative && magnitude != 0))
        {
            problem(RejectReason.OUT_OF_RANGE);
        }
        else
        {
            item.id(magnitude);
        }
        return p;
    }

    private int parseArray(final int start, final double[] target)
    {
        final byte[] bytes = buffer;
        if (bytes[start] != '[')
        {
            problem(RejectReason.WRONG_TYPE);
            return skipValue(start, 2);
        }

        final int capacity = target.length;
        int count = 0;
        int p = skipWhitespace(start + 1);
        if (p < end && bytes[p] == ']')
        {
            problem(RejectReason.WRONG_LENGTH);
            return p + 1;
        }

        while (true)
        {
            if (p >= end)
            {
                return -1;
            }
            final byte c = bytes[p];
            if (c == '-' || (c >= '0' && c <= '9'))
            {
                final int tokenStart = p;
                p = scanNumber(tokenStart);
                if (p < 0)
                {
                    return -1;
                }
                final double value = toDouble(tokenStart, p);
                if (value == Double.POSITIVE_INFINITY || value == Double.NEGATIVE_INFINITY)
                {
                    problem(RejectReason.OUT_OF_RANGE);
                }
                else if (count < capacity)
                {
                    target[count] = value;
                }
            }
            else
            {
                problem(RejectReason.WRONG_TYPE);
                p = skipValue(p, 3);
                if (p < 0)
                {
                    return -1;
                }
            }
            count++;

            p = skipWhitespace(p);
            if (p >= end)
            {
                return -1;
            }
            final byte next = bytes[p];
            if (next == ']')
            {
                if (count != capacity)
                {
                    problem(RejectReason.WRONG_LENGTH);
                }
                return p + 1;
            }
            if (next != ',')
            {
                return -1;
            }
            p = skipWhitespace(p + 1);
        }
    }

    /**
     * Convert the number just scanned: Clinger's fast path when the significand has at most 18 digits (leading zeros
     * included), is at most 2^53, and the decimal exponent is within 22 of zero; a zero significand is a zero of the
     * token's sign whatever its exponent; anything else goes to {@link Double#parseDouble}.
     */
    private double toDouble(final int start, final int tokenEnd)
    {
        final byte[] bytes = buffer;
        final boolean negative = numberNegative;
        final int digitsStart = integerDigitsStart;
        final int digitsEnd = integerDigitsEnd;
        final int fractionFrom = fractionStart;
        final int fractionTo = fractionEnd;
        final int fractionDigits = fractionTo - fractionFrom;
        if (fastPath && (digitsEnd - digitsStart) + fractionDigits <= MAX_SIGNIFICANT_DIGITS)
        {
            long significand = 0;
            for (int i = digitsStart; i < digitsEnd; i++)
            {
                significand = significand * 10 + (bytes[i] - '0');
            }
            for (int i = fractionFrom; i < fractionTo; i++)
            {
                significand = significand * 10 + (bytes[i] - '0');
            }
            if (0 == significand)
            {
                return negative ? -0.0 : 0.0;
            }
            final int exponent = numberExponent - fractionDigits;
            if (significand <= MAX_EXACT_SIGNIFICAND && exponent >= -MAX_EXACT_POWER && exponent <= MAX_EXACT_POWER)
            {
                final double magnitude = exponent >= 0 ?
                    (double)significand * POWERS_OF_TEN[exponent] : (double)significand / POWERS_OF_TEN[-exponent];
                return negative ? -magnitude : magnitude;
            }
        }
        fallbacks++;
        return Double.parseDouble(new String(bytes, start, tokenEnd - start, StandardCharsets.US_ASCII));
    }
}
