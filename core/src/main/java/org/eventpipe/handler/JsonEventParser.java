package org.eventpipe.handler;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import org.eventpipe.model.EventType;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.model.RejectReason;

/**
 * A zero-allocation, single-pass parser of one NDJSON event line. It validates the whole line against RFC 8259
 * (strict: no comments, no leading zeros, no trailing content, valid UTF-8 in strings, nesting at most
 * {@link #MAX_NESTING_DEPTH}) and extracts the four required fields:
 * <ul>
 *     <li>{@code userId}: a JSON integer in {@code [0, 2^31-1]};</li>
 *     <li>{@code type}: a JSON string, one of {@code click}, {@code view}, {@code purchase} (escapes are decoded);</li>
 *     <li>{@code value}: a JSON integer in {@code [-2^31, 2^31-1]};</li>
 *     <li>{@code ts}: a JSON integer in {@code [0, 2^63-1]}, epoch milliseconds.</li>
 * </ul>
 * Field names are compared after decoding escapes, so {@code "t\u0079pe"} is the {@code type} field. Unknown fields
 * of any JSON type are validated and skipped. Syntax errors take precedence over the other reasons; among the others
 * the first one met in the line wins.
 * <p>
 * The acceptance rules equal those of Jackson's {@code ObjectMapper} with {@code FAIL_ON_TRAILING_TOKENS}, checked by
 * a differential test, except where Jackson is more lenient than RFC 8259 requires: it accepts a byte order mark,
 * UTF-16/32 input and some ill-formed UTF-8 (overlong forms, encoded surrogates, code points above U+10FFFF), which
 * are rejected here, and it counts only digits towards its number-length limit, where this parser counts the whole
 * token. Not thread safe: one instance per thread.
 */
public final class JsonEventParser
{
    /** Deepest nesting of arrays and objects accepted, the top-level object counting as 1 (Jackson's default). */
    public static final int MAX_NESTING_DEPTH = 1000;

    /** Longest number token accepted, in characters (Jackson's default). */
    public static final int MAX_NUMBER_LENGTH = 1000;

    private static final int FIELD_UNKNOWN = -1;
    private static final int FIELD_USER_ID = 0;
    private static final int FIELD_TYPE = 1;
    private static final int FIELD_VALUE = 2;
    private static final int FIELD_TS = 3;
    private static final int ALL_FIELDS = 0b1111;

    private static final byte[] USER_ID = { 'u', 's', 'e', 'r', 'I', 'd' };
    private static final byte[] TYPE = { 't', 'y', 'p', 'e' };
    private static final byte[] VALUE = { 'v', 'a', 'l', 'u', 'e' };
    private static final byte[] TS = { 't', 's' };

    private static final VarHandle LONG_VIEW =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_VIEW =
        MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_VIEW =
        MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int CANONICAL_MIN_LENGTH = "{\"userId\":0,\"type\":\"view\",\"value\":0,\"ts\":0}".length();
    private static final long USER_ID_PREFIX_LONG = littleEndianLong("{\"userId");
    private static final short USER_ID_PREFIX_SHORT = (short)littleEndianLong("\":");
    private static final long TYPE_PREFIX_LONG = littleEndianLong(",\"type\":");
    private static final long VALUE_PREFIX_LONG = littleEndianLong("\",\"value");
    private static final short VALUE_PREFIX_SHORT = (short)littleEndianLong("\":");
    private static final int TS_PREFIX_INT = (int)littleEndianLong(",\"ts");
    private static final short TS_PREFIX_SHORT = (short)littleEndianLong("\":");
    private static final int CLICK_INT = (int)littleEndianLong("clic");
    private static final int VIEW_INT = (int)littleEndianLong("view");
    private static final long PURCHASE_LONG = littleEndianLong("purchase");

    private static final int SCRATCH_CAPACITY = 16;
    private static final int SAFE_DIGITS = 18;

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

    private byte[] buffer;
    private int end;

    private int seenFields;
    private RejectReason firstProblem;

    private int userId;
    private EventType type;
    private int value;
    private long timestamp;

    private boolean numberIsIntegral;
    private boolean numberOverflow;
    private boolean numberNegative;
    private long numberMagnitude;

    private int stringStart;
    private int stringLength;
    private boolean stringHasEscape;

    /**
     * Parse one line. On success the event's parsed fields are set and null is returned; otherwise the event is left
     * unchanged and the reason is returned.
     *
     * @param bytes  holding the line.
     * @param offset of the line's first byte.
     * @param length of the line, without the line terminator.
     * @param event  to fill on success.
     * @return null if the line was accepted, else why it was rejected.
     */
    public RejectReason parse(final byte[] bytes, final int offset, final int length, final PipelineEvent event)
    {
        if (parseCanonical(bytes, offset, offset + length, event))
        {
            return null;
        }

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

        event.setParsed(userId, type, value, timestamp);
        return null;
    }

    /**
     * Speculative fast path for the canonical layout the generator writes,
     * {@code {"userId":U,"type":"T","value":V,"ts":TS}} with no whitespace and numbers of at most 9, 9 and 18 digits
     * (so none can overflow). It compares the constant parts eight bytes at a time and accepts only lines that the
     * general parser would accept with the same values; anything else falls back to the general parser.
     */
    private boolean parseCanonical(final byte[] bytes, final int offset, final int limit, final PipelineEvent event)
    {
        if (limit - offset < CANONICAL_MIN_LENGTH ||
            (long)LONG_VIEW.get(bytes, offset) != USER_ID_PREFIX_LONG ||
            (short)SHORT_VIEW.get(bytes, offset + 8) != USER_ID_PREFIX_SHORT)
        {
            return false;
        }

        int p = offset + 10;
        int digitsStart = p;
        long userIdValue = 0;
        byte c;
        while (p < limit && (c = bytes[p]) >= '0' && c <= '9')
        {
            userIdValue = userIdValue * 10 + (c - '0');
            p++;
        }
        if (!canonicalDigits(bytes, digitsStart, p, 9) || p + 9 > limit ||
            (long)LONG_VIEW.get(bytes, p) != TYPE_PREFIX_LONG || bytes[p + 8] != '"')
        {
            return false;
        }

        p += 9;
        final EventType eventType;
        if (p + 4 <= limit && (int)INT_VIEW.get(bytes, p) == CLICK_INT && p + 5 <= limit && bytes[p + 4] == 'k')
        {
            eventType = EventType.CLICK;
            p += 5;
        }
        else if (p + 4 <= limit && (int)INT_VIEW.get(bytes, p) == VIEW_INT)
        {
            eventType = EventType.VIEW;
            p += 4;
        }
        else if (p + 8 <= limit && (long)LONG_VIEW.get(bytes, p) == PURCHASE_LONG)
        {
            eventType = EventType.PURCHASE;
            p += 8;
        }
        else
        {
            return false;
        }

        if (p + 10 > limit || (long)LONG_VIEW.get(bytes, p) != VALUE_PREFIX_LONG ||
            (short)SHORT_VIEW.get(bytes, p + 8) != VALUE_PREFIX_SHORT)
        {
            return false;
        }
        p += 10;
        boolean negative = false;
        if (p < limit && bytes[p] == '-')
        {
            negative = true;
            p++;
        }
        digitsStart = p;
        long valueMagnitude = 0;
        while (p < limit && (c = bytes[p]) >= '0' && c <= '9')
        {
            valueMagnitude = valueMagnitude * 10 + (c - '0');
            p++;
        }
        if (!canonicalDigits(bytes, digitsStart, p, 9) || p + 6 > limit ||
            (int)INT_VIEW.get(bytes, p) != TS_PREFIX_INT || (short)SHORT_VIEW.get(bytes, p + 4) != TS_PREFIX_SHORT)
        {
            return false;
        }

        p += 6;
        digitsStart = p;
        long timestampValue = 0;
        while (p < limit && (c = bytes[p]) >= '0' && c <= '9')
        {
            timestampValue = timestampValue * 10 + (c - '0');
            p++;
        }
        if (!canonicalDigits(bytes, digitsStart, p, 18) || p + 1 != limit || bytes[p] != '}')
        {
            return false;
        }

        event.setParsed((int)userIdValue, eventType, (int)(negative ? -valueMagnitude : valueMagnitude),
            timestampValue);
        return true;
    }

    private static boolean canonicalDigits(final byte[] bytes, final int start, final int end, final int maxDigits)
    {
        final int digits = end - start;
        return digits > 0 && digits <= maxDigits && (digits == 1 || bytes[start] != '0');
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
                p = parseRequiredField(field, p);
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

    private int parseRequiredField(final int field, final int start)
    {
        final byte c = buffer[start];
        if (FIELD_TYPE == field)
        {
            if (c != '"')
            {
                problem(RejectReason.WRONG_TYPE);
                return skipValue(start, 2);
            }
            final int p = scanString(start + 1);
            if (p >= 0)
            {
                type = identifyType();
                if (null == type)
                {
                    problem(RejectReason.UNKNOWN_TYPE);
                }
            }
            return p;
        }

        if (c != '-' && (c < '0' || c > '9'))
        {
            problem(RejectReason.WRONG_TYPE);
            return skipValue(start, 2);
        }
        final int p = scanNumber(start);
        if (p < 0)
        {
            return -1;
        }
        if (!numberIsIntegral)
        {
            problem(RejectReason.WRONG_TYPE);
            return p;
        }

        switch (field)
        {
            case FIELD_USER_ID:
                if (numberOverflow || (numberNegative && numberMagnitude != 0) || numberMagnitude > Integer.MAX_VALUE)
                {
                    problem(RejectReason.OUT_OF_RANGE);
                }
                else
                {
                    userId = (int)numberMagnitude;
                }
                break;

            case FIELD_VALUE:
                if (numberOverflow || numberMagnitude > (numberNegative ? 1L << 31 : Integer.MAX_VALUE))
                {
                    problem(RejectReason.OUT_OF_RANGE);
                }
                else
                {
                    value = (int)(numberNegative ? -numberMagnitude : numberMagnitude);
                }
                break;

            default:
                if (numberOverflow || (numberNegative && numberMagnitude != 0))
                {
                    problem(RejectReason.OUT_OF_RANGE);
                }
                else
                {
                    timestamp = numberMagnitude;
                }
                break;
        }
        return p;
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
     * Scan a number token per the JSON grammar, accumulating the magnitude of its integer part.
     *
     * @param start of the token.
     * @return position after the token, or -1 if it is not a valid number.
     */
    private int scanNumber(final int start)
    {
        final byte[] bytes = buffer;
        final int limit = end;
        int p = start;
        numberNegative = false;
        numberIsIntegral = true;
        numberOverflow = false;
        long magnitude = 0;

        if (bytes[p] == '-')
        {
            numberNegative = true;
            p++;
        }
        if (p >= limit)
        {
            return -1;
        }
        byte c = bytes[p];
        if (c == '0')
        {
            p++;
            if (p < limit && bytes[p] >= '0' && bytes[p] <= '9')
            {
                return -1;
            }
        }
        else if (c >= '1' && c <= '9')
        {
            final int digitsStart = p;
            while (p < limit && (c = bytes[p]) >= '0' && c <= '9')
            {
                magnitude = magnitude * 10 + (c - '0');
                p++;
            }
            if (p - digitsStart > SAFE_DIGITS)
            {
                magnitude = accumulateChecked(digitsStart, p);
            }
        }
        else
        {
            return -1;
        }

        if (p < limit && bytes[p] == '.')
        {
            numberIsIntegral = false;
            p++;
            final int digitsStart = p;
            while (p < limit && bytes[p] >= '0' && bytes[p] <= '9')
            {
                p++;
            }
            if (p == digitsStart)
            {
                return -1;
            }
        }
        if (p < limit && (bytes[p] == 'e' || bytes[p] == 'E'))
        {
            numberIsIntegral = false;
            p++;
            if (p < limit && (bytes[p] == '+' || bytes[p] == '-'))
            {
                p++;
            }
            final int digitsStart = p;
            while (p < limit && bytes[p] >= '0' && bytes[p] <= '9')
            {
                p++;
            }
            if (p == digitsStart)
            {
                return -1;
            }
        }
        if (p - start > MAX_NUMBER_LENGTH)
        {
            return -1;
        }
        numberMagnitude = magnitude;
        return p;
    }

    /**
     * Scan and validate a string body; records where its raw content lies.
     *
     * @param afterQuote position after the opening quote.
     * @return position after the closing quote, or -1 if the string is invalid.
     */
    private long accumulateChecked(final int digitsStart, final int digitsEnd)
    {
        final byte[] bytes = buffer;
        long magnitude = 0;
        for (int i = digitsStart; i < digitsEnd; i++)
        {
            final int digit = bytes[i] - '0';
            if (magnitude > (Long.MAX_VALUE - digit) / 10)
            {
                numberOverflow = true;
                return 0;
            }
            magnitude = magnitude * 10 + digit;
        }
        return magnitude;
    }

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
            case 6:
                return equal(source, offset, USER_ID) ? FIELD_USER_ID : FIELD_UNKNOWN;
            case 4:
                return equal(source, offset, TYPE) ? FIELD_TYPE : FIELD_UNKNOWN;
            case 5:
                return equal(source, offset, VALUE) ? FIELD_VALUE : FIELD_UNKNOWN;
            case 2:
                return equal(source, offset, TS) ? FIELD_TS : FIELD_UNKNOWN;
            default:
                return FIELD_UNKNOWN;
        }
    }

    private EventType identifyType()
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

        if (length <= 0)
        {
            return null;
        }
        final EventType candidate;
        switch (source[offset])
        {
            case 'c':
                candidate = EventType.CLICK;
                break;
            case 'v':
                candidate = EventType.VIEW;
                break;
            case 'p':
                candidate = EventType.PURCHASE;
                break;
            default:
                return null;
        }
        return candidate.matches(source, offset, length) ? candidate : null;
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

    private static long littleEndianLong(final String ascii)
    {
        long value = 0;
        for (int i = ascii.length() - 1; i >= 0; i--)
        {
            value = (value << 8) | (ascii.charAt(i) & 0xFF);
        }
        return value;
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
