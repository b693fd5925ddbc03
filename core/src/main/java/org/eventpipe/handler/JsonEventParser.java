package org.eventpipe.handler;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import org.eventpipe.ingest.JsonLineScanner;
import org.eventpipe.model.EventType;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.model.RejectReason;

/**
 * A zero-allocation, single-pass parser of one NDJSON event line. It validates the whole line against RFC 8259
 * (strict: no comments, no leading zeros, no trailing content, valid UTF-8 in strings, nesting at most
 * {@link #MAX_NESTING_DEPTH}; the scanning is {@link JsonLineScanner}'s) and extracts the four required fields:
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
public final class JsonEventParser extends JsonLineScanner
{
    /** Deepest nesting of arrays and objects accepted, the top-level object counting as 1 (Jackson's default). */
    public static final int MAX_NESTING_DEPTH = JsonLineScanner.MAX_NESTING_DEPTH;

    /** Longest number token accepted, in characters (Jackson's default). */
    public static final int MAX_NUMBER_LENGTH = JsonLineScanner.MAX_NUMBER_LENGTH;

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

    private int userId;
    private EventType type;
    private int value;
    private long timestamp;

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

        final RejectReason reason = scanLine(bytes, offset, length, ALL_FIELDS);
        if (null != reason)
        {
            return reason;
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
    /**
     * {@inheritDoc}
     */
    protected int identifyField()
    {
        switch (prepareName())
        {
            case 6:
                return nameEquals(USER_ID) ? FIELD_USER_ID : FIELD_UNKNOWN;
            case 4:
                return nameEquals(TYPE) ? FIELD_TYPE : FIELD_UNKNOWN;
            case 5:
                return nameEquals(VALUE) ? FIELD_VALUE : FIELD_UNKNOWN;
            case 2:
                return nameEquals(TS) ? FIELD_TS : FIELD_UNKNOWN;
            default:
                return FIELD_UNKNOWN;
        }
    }

    /**
     * {@inheritDoc}
     */
    protected int parseField(final int field, final int start)
    {
        if (FIELD_TYPE == field)
        {
            if (buffer[start] != '"')
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

        final int p = scanInteger(start);
        if (p < 0 || !numberIntegral)
        {
            return p;
        }

        final long magnitude = integerMagnitude();
        final boolean overflow = magnitude < 0;
        final boolean negative = numberNegative;
        switch (field)
        {
            case FIELD_USER_ID:
                if (overflow || (negative && magnitude != 0) || magnitude > Integer.MAX_VALUE)
                {
                    problem(RejectReason.OUT_OF_RANGE);
                }
                else
                {
                    userId = (int)magnitude;
                }
                break;

            case FIELD_VALUE:
                if (overflow || magnitude > (negative ? 1L << 31 : Integer.MAX_VALUE))
                {
                    problem(RejectReason.OUT_OF_RANGE);
                }
                else
                {
                    value = (int)(negative ? -magnitude : magnitude);
                }
                break;

            default:
                if (overflow || (negative && magnitude != 0))
                {
                    problem(RejectReason.OUT_OF_RANGE);
                }
                else
                {
                    timestamp = magnitude;
                }
                break;
        }
        return p;
    }

    private EventType identifyType()
    {
        final int length = prepareName();
        if (length <= 0)
        {
            return null;
        }
        final byte[] source = nameBytes;
        final int offset = nameOffset;
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

    private static long littleEndianLong(final String ascii)
    {
        long value = 0;
        for (int i = ascii.length() - 1; i >= 0; i--)
        {
            value = (value << 8) | (ascii.charAt(i) & 0xFF);
        }
        return value;
    }
}
