package org.eventpipe.workload.items;

import java.nio.charset.StandardCharsets;

import org.eventpipe.model.RejectReason;

/**
 * A zero-allocation, single-pass parser of one NDJSON work-item line into a {@link WorkItem}. It validates the whole
 * line against RFC 8259 with the rules of the events parser ({@code handler/JsonEventParser}): strict, no comments,
 * no leading zeros, no {@code NaN} or {@code Infinity} literals, no trailing content, valid UTF-8 in strings, nesting
 * at most {@link #MAX_NESTING_DEPTH}, number tokens at most {@link #MAX_NUMBER_LENGTH} characters. It extracts three
 * required fields:
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
public final class WorkItemParser
{
    /** Deepest nesting of arrays and objects accepted, the top-level object counting as 1 (Jackson's default). */
    public static final int MAX_NESTING_DEPTH = 1000;

    /** Longest number token accepted, in characters (Jackson's default). */
    public static final int MAX_NUMBER_LENGTH = 1000;

    private static final int FIELD_UNKNOWN = -1;
    private static final int FIELD_ID = 0;
    private static final int FIELD_VECTOR = 1;
    private static final int FIELD_MATRIX = 2;
    private static final int ALL_FIELDS = 0b111;

    private static final byte[] ID = { 'i', 'd' };
    private static final byte[] VECTOR = { 'v', 'e', 'c', 't', 'o', 'r' };
    private static final byte[] MATRIX = { 'm', 'a', 't', 'r', 'i', 'x' };

    private static final int SCRATCH_CAPACITY = 16;
    private static final int MAX_SIGNIFICANT_DIGITS = 18;
    private static final long MAX_EXACT_SIGNIFICAND = 1L << 53;
    private static final int MAX_EXACT_POWER = 22;
    private static final int EXPONENT_SATURATION = 100_000;
    private static final int SAFE_DIGITS = 18;

    /** 10^0 to 10^22, every one exactly representable as a double. */
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };

    private static final byte CHAR_PLAIN = 0;
    private static final byte CHAR_QUOTE = 1;
    private static final byte CHAR_ESCAPE = 2;
    private static final byte CHAR_CONTROL = 3;
    private static final byte CHAR_NON_ASCII = 4;
    private static final byte[] STRING_CHAR_CLASS = new byte[256];

    static
    {
        for (int i = 0; i < 0x20; i++)
        {
            STRING_CHAR_CLASS[i] = CHAR_CONTROL;
        }
        for (int i = 0x80; i < 0x100; i++)
        {
            STRING_CHAR_CLASS[i] = CHAR_NON_ASCII;
        }
        STRING_CHAR_CLASS['"'] = CHAR_QUOTE;
        STRING_CHAR_CLASS['\\'] = CHAR_ESCAPE;
    }

    private final int maxLineLength;
    private final boolean fastPath;
    private final byte[] scratch = new byte[SCRATCH_CAPACITY];

    private byte[] buffer;
    private int end;
    private WorkItem item;

    private int seenFields;
    private RejectReason firstProblem;

    private boolean numberIntegral;
    private boolean numberNegative;
    private int integerDigitsStart;
    private int integerDigitsEnd;
    private double numberValue;
    private long fallbacks;

    private int stringStart;
    private int stringLength;
    private boolean stringHasEscape;

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

        buffer = bytes;
        end = offset + length;
        this.item = item;
        seenFields = 0;
        firstProblem = null;

        try
        {
            int p = skipWhitespace(offset);
            if (p >= end)
            {
                return RejectReason.MALFORMED_JSON;
            }

            if (bytes[p] != '{')
            {
                p = skipValue(p, 1);
                if (p < 0 || skipWhitespace(p) != end)
                {
                    return RejectReason.MALFORMED_JSON;
                }
                return RejectReason.NOT_AN_OBJECT;
            }

            p = parseTopLevelObject(p + 1);
            if (p < 0 || skipWhitespace(p) != end)
            {
                return RejectReason.MALFORMED_JSON;
            }
            if (null != firstProblem)
            {
                return firstProblem;
            }
            if (seenFields != ALL_FIELDS)
            {
                return RejectReason.MISSING_FIELD;
            }
            return null;
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

    private int parseTopLevelObject(final int afterBrace)
    {
        final byte[] bytes = buffer;
        int p = skipWhitespace(afterBrace);
        if (p < end && bytes[p] == '}')
        {
            return p + 1;
        }

        while (true)
        {
            if (p >= end || bytes[p] != '"')
            {
                return -1;
            }
            p = scanString(p + 1);
            if (p < 0)
            {
                return -1;
            }
            final int field = identifyField();

            p = skipWhitespace(p);
            if (p >= end || bytes[p] != ':')
            {
                return -1;
            }
            p = skipWhitespace(p + 1);
            if (p >= end)
            {
                return -1;
            }

            if (FIELD_UNKNOWN == field)
            {
                p = skipValue(p, 2);
            }
            else
            {
                final int bit = 1 << field;
                if ((seenFields & bit) != 0)
                {
                    problem(RejectReason.DUPLICATE_FIELD);
                }
                seenFields |= bit;
                switch (field)
                {
                    case FIELD_ID:
                        p = parseId(p);
                        break;
                    case FIELD_VECTOR:
                        p = parseArray(p, item.vector());
                        break;
                    default:
                        p = parseArray(p, item.matrix());
                        break;
                }
            }
            if (p < 0)
            {
                return -1;
            }

            p = skipWhitespace(p);
            if (p >= end)
            {
                return -1;
            }
            final byte c = bytes[p];
            if (c == '}')
            {
                return p + 1;
            }
            if (c != ',')
            {
                return -1;
            }
            p = skipWhitespace(p + 1);
        }
    }

    private int parseId(final int start)
    {
        final byte c = buffer[start];
        if (c != '-' && (c < '0' || c > '9'))
        {
            problem(RejectReason.WRONG_TYPE);
            return skipValue(start, 2);
        }
        final int p = scanNumber(start, false);
        if (p < 0)
        {
            return -1;
        }
        if (!numberIntegral)
        {
            problem(RejectReason.WRONG_TYPE);
            return p;
        }

        final byte[] bytes = buffer;
        final int digitsStart = integerDigitsStart;
        final int digitsEnd = integerDigitsEnd;
        long magnitude = 0;
        boolean overflow = false;
        if (digitsEnd - digitsStart <= SAFE_DIGITS)
        {
            for (int i = digitsStart; i < digitsEnd; i++)
            {
                magnitude = magnitude * 10 + (bytes[i] - '0');
            }
        }
        else
        {
            for (int i = digitsStart; i < digitsEnd; i++)
            {
                final int digit = bytes[i] - '0';
                if (magnitude > (Long.MAX_VALUE - digit) / 10)
                {
                    overflow = true;
                    break;
                }
                magnitude = magnitude * 10 + digit;
            }
        }

        if (overflow || (numberNegative && magnitude != 0))
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
                p = scanNumber(p, true);
                if (p < 0)
                {
                    return -1;
                }
                final double value = numberValue;
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
     * Scan a number token per the JSON grammar; record its sign, whether it is integral and where its integer
     * digits lie, and, if asked, convert it to the nearest double.
     *
     * @param start   of the token, a '-' or a digit.
     * @param convert whether to set {@link #numberValue}.
     * @return position after the token, or -1 if it is not a valid number.
     */
    private int scanNumber(final int start, final boolean convert)
    {
        final byte[] bytes = buffer;
        final int limit = end;
        int p = start;
        final boolean negative = bytes[p] == '-';
        if (negative)
        {
            p++;
        }
        if (p >= limit)
        {
            return -1;
        }

        byte c = bytes[p];
        final int digitsStart = p;
        if (c == '0')
        {
            p++;
            if (p < limit && (c = bytes[p]) >= '0' && c <= '9')
            {
                return -1;
            }
        }
        else if (c >= '1' && c <= '9')
        {
            p++;
            while (p < limit && (c = bytes[p]) >= '0' && c <= '9')
            {
                p++;
            }
        }
        else
        {
            return -1;
        }
        final int digitsEnd = p;

        boolean integral = true;
        int fractionStart = p;
        int fractionEnd = p;
        if (p < limit && bytes[p] == '.')
        {
            integral = false;
            fractionStart = ++p;
            while (p < limit && (c = bytes[p]) >= '0' && c <= '9')
            {
                p++;
            }
            if (p == fractionStart)
            {
                return -1;
            }
            fractionEnd = p;
        }

        int exponent = 0;
        if (p < limit && ((c = bytes[p]) == 'e' || c == 'E'))
        {
            integral = false;
            p++;
            boolean exponentNegative = false;
            if (p < limit && ((c = bytes[p]) == '+' || c == '-'))
            {
                exponentNegative = c == '-';
                p++;
            }
            final int exponentStart = p;
            while (p < limit && (c = bytes[p]) >= '0' && c <= '9')
            {
                if (exponent < EXPONENT_SATURATION)
                {
                    exponent = exponent * 10 + (c - '0');
                }
                p++;
            }
            if (p == exponentStart)
            {
                return -1;
            }
            if (exponentNegative)
            {
                exponent = -exponent;
            }
        }

        if (p - start > MAX_NUMBER_LENGTH)
        {
            return -1;
        }

        numberNegative = negative;
        numberIntegral = integral;
        integerDigitsStart = digitsStart;
        integerDigitsEnd = digitsEnd;
        if (convert)
        {
            numberValue = toDouble(start, p, digitsStart, digitsEnd, fractionStart, fractionEnd, exponent);
        }
        return p;
    }

    /**
     * Convert a scanned number: Clinger's fast path when the significand has at most 18 digits (leading zeros
     * included), is at most 2^53, and the decimal exponent is within 22 of zero; a zero significand is a zero of the
     * token's sign whatever its exponent; anything else goes to {@link Double#parseDouble}.
     */
    private double toDouble(
        final int start,
        final int tokenEnd,
        final int digitsStart,
        final int digitsEnd,
        final int fractionStart,
        final int fractionEnd,
        final int explicitExponent)
    {
        final byte[] bytes = buffer;
        final boolean negative = numberNegative;
        final int fractionDigits = fractionEnd - fractionStart;
        if (fastPath && (digitsEnd - digitsStart) + fractionDigits <= MAX_SIGNIFICANT_DIGITS)
        {
            long significand = 0;
            for (int i = digitsStart; i < digitsEnd; i++)
            {
                significand = significand * 10 + (bytes[i] - '0');
            }
            for (int i = fractionStart; i < fractionEnd; i++)
            {
                significand = significand * 10 + (bytes[i] - '0');
            }
            if (0 == significand)
            {
                return negative ? -0.0 : 0.0;
            }
            final int exponent = explicitExponent - fractionDigits;
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

    private void problem(final RejectReason reason)
    {
        if (null == firstProblem)
        {
            firstProblem = reason;
        }
    }

    private int skipWhitespace(final int start)
    {
        final byte[] bytes = buffer;
        final int limit = end;
        int p = start;
        while (p < limit)
        {
            final byte c = bytes[p];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            {
                break;
            }
            p++;
        }
        return p;
    }

    private int skipValue(final int start, final int depth)
    {
        if (start >= end)
        {
            return -1;
        }
        final byte[] bytes = buffer;
        final byte c = bytes[start];
        switch (c)
        {
            case '"':
                return scanString(start + 1);
            case '{':
                return skipObject(start + 1, depth);
            case '[':
                return skipArray(start + 1, depth);
            case 't':
                return matchLiteral(start, 't', 'r', 'u', 'e');
            case 'f':
                return start + 5 <= end && bytes[start + 1] == 'a' ? matchLiteral(start + 1, 'a', 'l', 's', 'e') : -1;
            case 'n':
                return matchLiteral(start, 'n', 'u', 'l', 'l');
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return scanNumber(start, false);
                }
                return -1;
        }
    }

    private int matchLiteral(final int start, final char a, final char b, final char c, final char d)
    {
        final byte[] bytes = buffer;
        if (start + 4 > end ||
            bytes[start] != a || bytes[start + 1] != b || bytes[start + 2] != c || bytes[start + 3] != d)
        {
            return -1;
        }
        return start + 4;
    }

    private int skipObject(final int afterBrace, final int depth)
    {
        if (depth > MAX_NESTING_DEPTH)
        {
            return -1;
        }
        final byte[] bytes = buffer;
        int p = skipWhitespace(afterBrace);
        if (p < end && bytes[p] == '}')
        {
            return p + 1;
        }
        while (true)
        {
            if (p >= end || bytes[p] != '"')
            {
                return -1;
            }
            p = scanString(p + 1);
            if (p < 0)
            {
                return -1;
            }
            p = skipWhitespace(p);
            if (p >= end || bytes[p] != ':')
            {
                return -1;
            }
            p = skipValue(skipWhitespace(p + 1), depth + 1);
            if (p < 0)
            {
                return -1;
            }
            p = skipWhitespace(p);
            if (p >= end)
            {
                return -1;
            }
            if (bytes[p] == '}')
            {
                return p + 1;
            }
            if (bytes[p] != ',')
            {
                return -1;
            }
            p = skipWhitespace(p + 1);
        }
    }

    private int skipArray(final int afterBracket, final int depth)
    {
        if (depth > MAX_NESTING_DEPTH)
        {
            return -1;
        }
        final byte[] bytes = buffer;
        int p = skipWhitespace(afterBracket);
        if (p < end && bytes[p] == ']')
        {
            return p + 1;
        }
        while (true)
        {
            p = skipValue(p, depth + 1);
            if (p < 0)
            {
                return -1;
            }
            p = skipWhitespace(p);
            if (p >= end)
            {
                return -1;
            }
            if (bytes[p] == ']')
            {
                return p + 1;
            }
            if (bytes[p] != ',')
            {
                return -1;
            }
            p = skipWhitespace(p + 1);
        }
    }

    /**
     * Scan and validate a string body; records where its raw content lies.
     *
     * @param afterQuote position after the opening quote.
     * @return position after the closing quote, or -1 if the string is invalid.
     */
    private int scanString(final int afterQuote)
    {
        final byte[] bytes = buffer;
        final byte[] classes = STRING_CHAR_CLASS;
        final int limit = end;
        boolean escaped = false;
        int p = afterQuote;
        while (true)
        {
            while (p < limit && classes[bytes[p] & 0xFF] == CHAR_PLAIN)
            {
                p++;
            }
            if (p >= limit)
            {
                return -1;
            }
            final int c = bytes[p] & 0xFF;
            final byte charClass = classes[c];
            if (CHAR_QUOTE == charClass)
            {
                stringStart = afterQuote;
                stringLength = p - afterQuote;
                stringHasEscape = escaped;
                return p + 1;
            }
            if (CHAR_ESCAPE == charClass)
            {
                escaped = true;
                p = scanEscape(p + 1);
            }
            else if (CHAR_NON_ASCII == charClass)
            {
                p = scanUtf8(p, c);
            }
            else
            {
                return -1;
            }
            if (p < 0)
            {
                return -1;
            }
        }
    }

    private int scanEscape(final int p)
    {
        if (p >= end)
        {
            return -1;
        }
        switch (buffer[p])
        {
            case '"':
            case '\\':
            case '/':
            case 'b':
            case 'f':
            case 'n':
            case 'r':
            case 't':
                return p + 1;
            case 'u':
                if (p + 5 > end)
                {
                    return -1;
                }
                for (int i = 1; i <= 4; i++)
                {
                    if (hexValue(buffer[p + i]) < 0)
                    {
                        return -1;
                    }
                }
                return p + 5;
            default:
                return -1;
        }
    }

    private int scanUtf8(final int p, final int lead)
    {
        final byte[] bytes = buffer;
        final int count;
        int min = 0x80;
        int max = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF)
        {
            count = 1;
        }
        else if (lead >= 0xE0 && lead <= 0xEF)
        {
            count = 2;
            if (lead == 0xE0)
            {
                min = 0xA0;
            }
            else if (lead == 0xED)
            {
                max = 0x9F;
            }
        }
        else if (lead >= 0xF0 && lead <= 0xF4)
        {
            count = 3;
            if (lead == 0xF0)
            {
                min = 0x90;
            }
            else if (lead == 0xF4)
            {
                max = 0x8F;
            }
        }
        else
        {
            return -1;
        }
        if (p + count >= end)
        {
            return -1;
        }
        final int second = bytes[p + 1] & 0xFF;
        if (second < min || second > max)
        {
            return -1;
        }
        for (int i = 2; i <= count; i++)
        {
            final int next = bytes[p + i] & 0xFF;
            if (next < 0x80 || next > 0xBF)
            {
                return -1;
            }
        }
        return p + count + 1;
    }

    private static int hexValue(final byte c)
    {
        if (c >= '0' && c <= '9')
        {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f')
        {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F')
        {
            return c - 'A' + 10;
        }
        return -1;
    }

    private int identifyField()
    {
        final byte[] source;
        final int offset;
        final int length;
        if (stringHasEscape)
        {
            length = decodeAsciiString();
            source = scratch;
            offset = 0;
        }
        else
        {
            source = buffer;
            offset = stringStart;
            length = stringLength;
        }

        switch (length)
        {
            case 2:
                return equal(source, offset, ID) ? FIELD_ID : FIELD_UNKNOWN;
            case 6:
                if (equal(source, offset, VECTOR))
                {
                    return FIELD_VECTOR;
                }
                return equal(source, offset, MATRIX) ? FIELD_MATRIX : FIELD_UNKNOWN;
            default:
                return FIELD_UNKNOWN;
        }
    }

    /**
     * Decode the last scanned (valid) string into the scratch buffer, as far as it can equal an ASCII name.
     *
     * @return the decoded length, or -1 if it cannot equal any ASCII name of at most the scratch capacity.
     */
    private int decodeAsciiString()
    {
        final byte[] bytes = buffer;
        final byte[] out = scratch;
        final int limit = stringStart + stringLength;
        int length = 0;
        int p = stringStart;
        while (p < limit)
        {
            if (length == out.length)
            {
                return -1;
            }
            final byte c = bytes[p];
            if (c != '\\')
            {
                if (c < 0)
                {
                    return -1;
                }
                out[length++] = c;
                p++;
                continue;
            }
            final byte e = bytes[p + 1];
            switch (e)
            {
                case 'u':
                    final int codePoint = (hexValue(bytes[p + 2]) << 12) | (hexValue(bytes[p + 3]) << 8) |
                        (hexValue(bytes[p + 4]) << 4) | hexValue(bytes[p + 5]);
                    if (codePoint >= 0x80)
                    {
                        return -1;
                    }
                    out[length++] = (byte)codePoint;
                    p += 6;
                    break;
                case 'b':
                    out[length++] = '\b';
                    p += 2;
                    break;
                case 'f':
                    out[length++] = '\f';
                    p += 2;
                    break;
                case 'n':
                    out[length++] = '\n';
                    p += 2;
                    break;
                case 'r':
                    out[length++] = '\r';
                    p += 2;
                    break;
                case 't':
                    out[length++] = '\t';
                    p += 2;
                    break;
                default:
                    out[length++] = e;
                    p += 2;
                    break;
            }
        }
        return length;
    }

    private static boolean equal(final byte[] source, final int offset, final byte[] name)
    {
        for (int i = 0; i < name.length; i++)
        {
            if (source[offset + i] != name[i])
            {
                return false;
            }
        }
        return true;
    }
}
