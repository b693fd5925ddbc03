package org.eventpipe.ingest;

import org.eventpipe.model.RejectReason;

/**
 * The JSON scanning shared by the hand-written line parsers of every workload: a zero-allocation, single-pass walk
 * of one NDJSON line against RFC 8259 (strict: no comments, no leading zeros, no {@code NaN} or {@code Infinity}
 * literals, no trailing content, valid UTF-8 in strings, nesting at most {@link #MAX_NESTING_DEPTH}, number tokens at
 * most {@link #MAX_NUMBER_LENGTH} characters).
 * <p>
 * {@link #scanLine} walks the top-level object; for each member it asks the subclass which field the name is
 * ({@link #identifyField()}, reading the name with {@link #prepareName()}) and lets it parse the values of the fields
 * it knows ({@link #parseField}), skipping and validating the others. A subclass records the first non-syntax
 * problem of the line with {@link #problem}. Syntax errors take precedence ({@code MALFORMED_JSON}), then
 * {@code NOT_AN_OBJECT}, then the first problem recorded, then {@code MISSING_FIELD}; a repeated known field is
 * {@code DUPLICATE_FIELD} before its value is looked at.
 * <p>
 * After {@link #scanNumber} the number state fields describe the token, after {@link #scanString} the string state
 * fields describe the raw content. Every method but the two hooks is final, so that they inline in the one concrete
 * parser. Not thread safe: one instance per thread.
 */
public abstract class JsonLineScanner
{
    /** Deepest nesting of arrays and objects accepted, the top-level object counting as 1 (Jackson's default). */
    public static final int MAX_NESTING_DEPTH = 1000;

    /** Longest number token accepted, in characters (Jackson's default). */
    public static final int MAX_NUMBER_LENGTH = 1000;

    /** What {@link #identifyField()} returns for a name that is none of the subclass's fields. */
    protected static final int FIELD_UNKNOWN = -1;

    private static final int SCRATCH_CAPACITY = 16;
    private static final int SAFE_DIGITS = 18;
    private static final int EXPONENT_SATURATION = 100_000;

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

    private final byte[] scratch = new byte[SCRATCH_CAPACITY];

    /** The line being scanned; null between lines if the subclass clears it. */
    protected byte[] buffer;
    /** Position after the line's last byte. */
    protected int end;

    private int seenFields;
    private RejectReason firstProblem;

    /** Whether the last number scanned has a minus sign. */
    protected boolean numberNegative;
    /** Whether the last number scanned has neither a fraction nor an exponent. */
    protected boolean numberIntegral;
    /** Start of the integer digits of the last number scanned. */
    protected int integerDigitsStart;
    /** End of the integer digits of the last number scanned. */
    protected int integerDigitsEnd;
    /** Start of the fraction digits of the last number scanned; equal to the end when there are none. */
    protected int fractionStart;
    /** End of the fraction digits of the last number scanned. */
    protected int fractionEnd;
    /** Explicit decimal exponent of the last number scanned, 0 if none, its magnitude saturated near 100,000. */
    protected int numberExponent;

    private int stringStart;
    private int stringLength;
    private boolean stringHasEscape;

    /** Bytes holding the name made readable by {@link #prepareName()}. */
    protected byte[] nameBytes;
    /** Offset of that name in {@link #nameBytes}. */
    protected int nameOffset;

    /**
     * Which field the name just scanned is; read it with {@link #prepareName()}.
     *
     * @return the field's index in {@code [0, 31)}, or {@link #FIELD_UNKNOWN} to skip the value.
     */
    protected abstract int identifyField();

    /**
     * Parse the value of a known field.
     *
     * @param field as {@link #identifyField()} returned it.
     * @param start of the value, which is not whitespace and is within the line.
     * @return position after the value, or -1 on a syntax error.
     */
    protected abstract int parseField(int field, int start);

    /**
     * Scan one line that must be an object holding every field of {@code allFields}.
     *
     * @param bytes     holding the line.
     * @param offset    of the line's first byte.
     * @param length    of the line, without the line terminator.
     * @param allFields bit set of the required fields, bit {@code i} for field {@code i}.
     * @return null if the line was accepted, else why it was rejected.
     */
    protected final RejectReason scanLine(final byte[] bytes, final int offset, final int length, final int allFields)
    {
        buffer = bytes;
        end = offset + length;
        seenFields = 0;
        firstProblem = null;

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

        p = scanTopLevelObject(p + 1);
        if (p < 0 || skipWhitespace(p) != end)
        {
            return RejectReason.MALFORMED_JSON;
        }
        if (null != firstProblem)
        {
            return firstProblem;
        }
        if (seenFields != allFields)
        {
            return RejectReason.MISSING_FIELD;
        }
        return null;
    }

    private int scanTopLevelObject(final int afterBrace)
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
                p = parseField(field, p);
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

    /**
     * Record a problem of the line unless an earlier one is recorded: the first met wins.
     *
     * @param reason of the problem.
     */
    protected final void problem(final RejectReason reason)
    {
        if (null == firstProblem)
        {
            firstProblem = reason;
        }
    }

    /**
     * Skip JSON whitespace.
     *
     * @param start position to skip from.
     * @return the first position at or after start that is not whitespace, or the end of the line.
     */
    protected final int skipWhitespace(final int start)
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

    /**
     * Validate and skip one value of any JSON type.
     *
     * @param start of the value.
     * @param depth nesting depth of the value if it is an array or an object.
     * @return position after the value, or -1 if it is not a valid value.
     */
    protected final int skipValue(final int start, final int depth)
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
                    return scanNumber(start);
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
     * Scan a number token per the JSON grammar and record its sign, whether it is integral, where its integer and
     * fraction digits lie and its explicit exponent.
     *
     * @param start of the token, a '-' or a digit.
     * @return position after the token, or -1 if it is not a valid number.
     */
    protected final int scanNumber(final int start)
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
        int fractionFrom = p;
        int fractionTo = p;
        if (p < limit && bytes[p] == '.')
        {
            integral = false;
            fractionFrom = ++p;
            while (p < limit && (c = bytes[p]) >= '0' && c <= '9')
            {
                p++;
            }
            if (p == fractionFrom)
            {
                return -1;
            }
            fractionTo = p;
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
        fractionStart = fractionFrom;
        fractionEnd = fractionTo;
        numberExponent = exponent;
        return p;
    }

    /**
     * Scan a value that must be a JSON integer. Any other valid value, a fraction or an exponent included, is recorded
     * as {@code WRONG_TYPE} and skipped.
     *
     * @param start of the value, which is within the line.
     * @return position after the value, or -1 on a syntax error; {@link #numberIntegral} is true if, and only if,
     * the value is an integer, whose sign and digits the number state fields then describe.
     */
    protected final int scanInteger(final int start)
    {
        final byte c = buffer[start];
        if (c != '-' && (c < '0' || c > '9'))
        {
            numberIntegral = false;
            problem(RejectReason.WRONG_TYPE);
            return skipValue(start, 2);
        }
        final int p = scanNumber(start);
        if (p >= 0 && !numberIntegral)
        {
            problem(RejectReason.WRONG_TYPE);
        }
        return p;
    }

    /**
     * The magnitude of the integer part of the last number scanned.
     *
     * @return the magnitude, or -1 if it exceeds {@link Long#MAX_VALUE}.
     */
    protected final long integerMagnitude()
    {
        final byte[] bytes = buffer;
        final int digitsStart = integerDigitsStart;
        final int digitsEnd = integerDigitsEnd;
        long magnitude = 0;
        if (digitsEnd - digitsStart <= SAFE_DIGITS)
        {
            for (int i = digitsStart; i < digitsEnd; i++)
            {
                magnitude = magnitude * 10 + (bytes[i] - '0');
            }
            return magnitude;
        }

        for (int i = digitsStart; i < digitsEnd; i++)
        {
            final int digit = bytes[i] - '0';
            if (magnitude > (Long.MAX_VALUE - digit) / 10)
            {
                return -1;
            }
            magnitude = magnitude * 10 + digit;
        }
        return magnitude;
    }

    /**
     * Scan and validate a string body; records where its raw content lies.
     *
     * @param afterQuote position after the opening quote.
     * @return position after the closing quote, or -1 if the string is invalid.
     */
    protected final int scanString(final int afterQuote)
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

    /**
     * Make the last scanned string readable as an ASCII name at {@link #nameBytes} from {@link #nameOffset}: the raw
     * content when it has no escape, else its decoding into a scratch buffer.
     *
     * @return the name's length, or -1 if it cannot equal any ASCII name of at most 16 bytes.
     */
    protected final int prepareName()
    {
        if (stringHasEscape)
        {
            nameBytes = scratch;
            nameOffset = 0;
            return decodeAsciiString();
        }
        nameBytes = buffer;
        nameOffset = stringStart;
        return stringLength;
    }

    /**
     * Whether the name made readable by {@link #prepareName()}, known to be as long as {@code name}, equals it.
     *
     * @param name to compare with.
     * @return true if every byte is equal.
     */
    protected final boolean nameEquals(final byte[] name)
    {
        final byte[] source = nameBytes;
        final int offset = nameOffset;
        for (int i = 0; i < name.length; i++)
        {
            if (source[offset + i] != name[i])
            {
                return false;
            }
        }
        return true;
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
}
