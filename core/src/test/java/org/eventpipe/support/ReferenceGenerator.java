package org.eventpipe.support;

import java.nio.charset.StandardCharsets;

/**
 * The workload generator written again from the README's "The generator" section only, as the expected output of
 * the production generator and the input of generated-input reference runs: SplitMix64 seeded with the seed, and per
 * event {@code userId = 1 + bounded(users)}, {@code r = bounded(100)} (click below 30, view below 70, else purchase),
 * {@code value = 1 + bounded(100)}, {@code ts = previous + 1 + bounded(3)} from 1,700,000,000,000, where
 * {@code bounded(n) = ((next() >>> 32) * n) >>> 32}; each line {@code {"userId":U,"type":"T","value":V,"ts":TS}}.
 */
public final class ReferenceGenerator
{
    private ReferenceGenerator()
    {
    }

    /**
     * The NDJSON text of a generated workload, every line ending in a newline.
     *
     * @param seed   of the random stream.
     * @param users  number of users.
     * @param events number of lines.
     * @return the bytes of the text.
     */
    public static byte[] ndjson(final long seed, final int users, final long events)
    {
        final StringBuilder out = new StringBuilder();
        final long[] state = { seed };
        long ts = 1_700_000_000_000L;
        for (long i = 0; i < events; i++)
        {
            final long userId = 1 + bounded(state, users);
            final long r = bounded(state, 100);
            final long value = 1 + bounded(state, 100);
            ts += 1 + bounded(state, 3);
            final String type = r < 30 ? "click" : r < 70 ? "view" : "purchase";
            out.append("{\"userId\":").append(userId).append(",\"type\":\"").append(type).append("\",\"value\":")
                .append(value).append(",\"ts\":").append(ts).append("}\n");
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static long bounded(final long[] state, final long n)
    {
        return ((splitMix64(state) >>> 32) * n) >>> 32;
    }

    /**
     * SplitMix64 (Steele, Lea and Flood, 2014): advance the state by the golden gamma and mix it.
     */
    private static long splitMix64(final long[] state)
    {
        state[0] += 0x9E3779B97F4A7C15L;
        long z = state[0];
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
