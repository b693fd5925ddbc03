package org.eventpipe.workload;

import java.nio.charset.StandardCharsets;

import org.eventpipe.ingest.LineSource;
import org.eventpipe.model.EventType;

/**
 * Deterministic generator of the NDJSON workload. The same seed, user count and event count give byte-identical
 * output on every machine and JVM, because the random stream is SplitMix64 (Steele, Lea and Flood, 2014) computed
 * here, not a JDK generator whose algorithm may change.
 * <p>
 * Event {@code i} (0-based) draws, in this order, from one stream seeded with {@code seed}:
 * <ol>
 *     <li>{@code userId = 1 + bounded(users)}: uniform in {@code [1, users]};</li>
 *     <li>{@code r = bounded(100)}: type is {@code click} if {@code r < 30}, {@code view} if {@code r < 70},
 *     otherwise {@code purchase} (30% / 40% / 30%);</li>
 *     <li>{@code value = 1 + bounded(100)}: uniform in {@code [1, 100]};</li>
 *     <li>{@code ts = previousTs + 1 + bounded(3)} with the first {@code previousTs = }{@value #BASE_TIMESTAMP_MS}:
 *     strictly increasing epoch milliseconds.</li>
 * </ol>
 * where {@code bounded(n) = (int)(((next() >>> 32) * n) >>> 32)} and {@code next()} is the SplitMix64 output.
 * Each line is {@code {"userId":U,"type":"T","value":V,"ts":TS}} with no whitespace.
 */
public final class EventGenerator implements LineSource
{
    /** Timestamp before the first event's, epoch milliseconds (2023-11-14T22:13:20Z). */
    public static final long BASE_TIMESTAMP_MS = 1_700_000_000_000L;

    private static final byte[] USER_ID_PREFIX = "{\"userId\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TYPE_PREFIX = ",\"type\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VALUE_PREFIX = "\",\"value\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TS_PREFIX = ",\"ts\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] TYPE_NAMES = {
        EventType.CLICK.jsonName().getBytes(StandardCharsets.US_ASCII),
        EventType.VIEW.jsonName().getBytes(StandardCharsets.US_ASCII),
        EventType.PURCHASE.jsonName().getBytes(StandardCharsets.US_ASCII) };

    private final long seed;
    private final int users;
    private final long events;
    private final byte[] line = new byte[128];
    private final byte[] digits = new byte[20];
    private final byte[] timestampDigits = new byte[20];
    private int timestampDigitCount;

    private long state;
    private long timestamp = BASE_TIMESTAMP_MS;
    private long generated;
    private int lineLength;

    /**
     * Create a generator.
     *
     * @param seed   of the random stream.
     * @param users  number of distinct users, at least 1.
     * @param events number of events to generate.
     */
    public EventGenerator(final long seed, final int users, final long events)
    {
        if (users < 1)
        {
            throw new IllegalArgumentException("users must be at least 1: " + users);
        }
        if (events < 0)
        {
            throw new IllegalArgumentException("events must not be negative: " + events);
        }
        this.seed = seed;
        this.users = users;
        this.events = events;
        this.state = seed;
        timestampDigitCount = putNumber(timestamp, 0, timestampDigits);
    }

    /**
     * {@inheritDoc}
     */
    public boolean next()
    {
        if (generated >= events)
        {
            return false;
        }
        generated++;

        final int userId = 1 + bounded(users);
        final int roll = bounded(100);
        final int typeCode = roll < 30 ? EventType.CLICK.code() : roll < 70 ? EventType.VIEW.code() :
            EventType.PURCHASE.code();
        final int value = 1 + bounded(100);
        final int step = 1 + bounded(3);
        timestamp += step;
        advanceTimestampDigits(step);

        int p = put(USER_ID_PREFIX, 0);
        p = putNumber(userId, p, line);
        p = put(TYPE_PREFIX, p);
        p = put(TYPE_NAMES[typeCode], p);
        p = put(VALUE_PREFIX, p);
        p = putNumber(value, p, line);
        p = put(TS_PREFIX, p);
        System.arraycopy(timestampDigits, 0, line, p, timestampDigitCount);
        p += timestampDigitCount;
        line[p++] = '}';
        lineLength = p;
        return true;
    }

    private long nextLong()
    {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private int bounded(final int bound)
    {
        return (int)(((nextLong() >>> 32) * bound) >>> 32);
    }

    private int put(final byte[] source, final int at)
    {
        System.arraycopy(source, 0, line, at, source.length);
        return at + source.length;
    }

    private int putNumber(final long number, final int at, final byte[] target)
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
            target[p++] = digits[--count];
        }
        return p;
    }

    /**
     * Add a small step to the decimal digits of the timestamp in place, carrying as on paper: the timestamp grows by
     * 1 to 3 per event, so formatting its 13 digits anew for every line would cost ingest most of its time.
     */
    private void advanceTimestampDigits(final int step)
    {
        int carry = step;
        int i = timestampDigitCount - 1;
        while (carry > 0 && i >= 0)
        {
            final int digit = timestampDigits[i] - '0' + carry;
            timestampDigits[i] = (byte)('0' + digit % 10);
            carry = digit / 10;
            i--;
        }
        if (carry > 0)
        {
            System.arraycopy(timestampDigits, 0, timestampDigits, 1, timestampDigitCount);
            timestampDigits[0] = (byte)('0' + carry);
            timestampDigitCount++;
        }
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
        return generated < events;
    }

    /**
     * {@inheritDoc}
     */
    public String description()
    {
        return "generated (seed " + seed + ", " + users + " users, " + events + " events)";
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
    }
}
