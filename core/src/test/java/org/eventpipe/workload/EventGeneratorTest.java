package org.eventpipe.workload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

import org.eventpipe.model.EventType;
import org.eventpipe.support.JacksonEventOracle;
import org.eventpipe.support.JacksonEventOracle.Verdict;
import org.eventpipe.support.ReferenceGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class EventGeneratorTest
{
    /**
     * SHA-256 of the first 1,000 lines (each ending in a newline) for seed 42 and 10,000 users, computed once from
     * the SplitMix64 algorithm documented in {@link EventGenerator} (and cross-checked with an independent Python
     * implementation of that documentation): a change of the algorithm or the line format
     * changes every workload and every published benchmark, so it must be deliberate.
     */
    private static final String GOLDEN_SHA256_SEED_42_FIRST_1000 =
        "6dd1032665125ad1190ca77eb5384e34d742a3d7435780eefaeaf11895a14494";

    @Test
    void shouldGenerateByteIdenticalOutputForSameParameters() throws IOException
    {
        assertArrayEquals(generate(42, 10_000, 20_000), generate(42, 10_000, 20_000));
    }

    @Test
    void shouldGenerateDifferentOutputForDifferentSeed() throws IOException
    {
        assertFalse(Arrays.equals(generate(42, 10_000, 1_000), generate(43, 10_000, 1_000)));
    }

    @Test
    void shouldMatchPinnedDigestForSeed42() throws IOException, NoSuchAlgorithmException
    {
        final byte[] digest = MessageDigest.getInstance("SHA-256").digest(generate(42, 10_000, 1_000));
        final byte[] referenceDigest =
            MessageDigest.getInstance("SHA-256").digest(ReferenceGenerator.ndjson(42, 10_000, 1_000));

        assertEquals(GOLDEN_SHA256_SEED_42_FIRST_1000, HexFormat.of().formatHex(digest));
        assertEquals(GOLDEN_SHA256_SEED_42_FIRST_1000, HexFormat.of().formatHex(referenceDigest));
    }

    /**
     * The production generator against {@link ReferenceGenerator}, written from the README alone: the default
     * workload, one user, the largest user count, and seeds at the edges of {@code long}.
     */
    @ParameterizedTest(name = "seed {0}, {1} users, {2} events")
    @CsvSource({
        "42, 10000, 100000",
        "7, 50, 20000",
        "0, 1, 1000",
        "-1, 2147483647, 1000",
        "-9223372036854775808, 3, 1000",
        "9223372036854775807, 100, 1000" })
    void shouldMatchReferenceGeneratorByteForByte(final long seed, final int users, final long events)
        throws IOException
    {
        assertArrayEquals(ReferenceGenerator.ndjson(seed, users, events), generate(seed, users, events));
    }

    @Test
    void shouldStreamSameLinesAsItWrites() throws IOException
    {
        final EventGenerator generator = new EventGenerator(42, 10_000, 1_000);
        final ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        while (generator.next())
        {
            streamed.write(generator.lineBuffer(), generator.lineOffset(), generator.lineLength());
            streamed.write('\n');
        }

        assertArrayEquals(generate(42, 10_000, 1_000), streamed.toByteArray());
        assertEquals(1_000, generator.lineNumber());
        assertFalse(generator.hasBufferedInput());
    }

    @Test
    void shouldFormatFirstLineCompactly()
    {
        final EventGenerator generator = new EventGenerator(42, 10_000, 1);

        assertTrue(generator.next());
        final String line = new String(generator.lineBuffer(), 0, generator.lineLength(), StandardCharsets.US_ASCII);

        assertTrue(line.matches("\\{\"userId\":[1-9][0-9]*,\"type\":\"(click|view|purchase)\",\"value\":[1-9][0-9]*," +
            "\"ts\":17000000000[0-9]{2}}"), line);
        assertFalse(generator.next());
    }

    @Test
    void shouldDrawTypesValuesUsersAndTimestampsWithinDocumentedDistribution()
    {
        final int events = 100_000;
        final int users = 500;
        final EventGenerator generator = new EventGenerator(42, users, events);
        final JacksonEventOracle oracle = new JacksonEventOracle();
        final long[] byType = new long[EventType.count()];
        final boolean[] userSeen = new boolean[users + 1];
        final boolean[] valueSeen = new boolean[101];
        long previousTs = EventGenerator.BASE_TIMESTAMP_MS;
        long count = 0;

        while (generator.next())
        {
            final Verdict event = oracle.judge(generator.lineBuffer(), generator.lineOffset(), generator.lineLength());
            assertTrue(event.accepted(), () -> "line " + generator.lineNumber() + " rejected: " + event.reason());
            count++;
            byType[event.type().code()]++;
            assertTrue(event.userId() >= 1 && event.userId() <= users, "userId " + event.userId());
            assertTrue(event.value() >= 1 && event.value() <= 100, "value " + event.value());
            assertTrue(event.ts() > previousTs && event.ts() <= previousTs + 3, "ts " + event.ts());
            userSeen[event.userId()] = true;
            valueSeen[event.value()] = true;
            previousTs = event.ts();
        }

        assertEquals(events, count);
        assertEquals(0.30, byType[EventType.CLICK.code()] / (double)events, 0.01);
        assertEquals(0.40, byType[EventType.VIEW.code()] / (double)events, 0.01);
        assertEquals(0.30, byType[EventType.PURCHASE.code()] / (double)events, 0.01);
        for (int user = 1; user <= users; user++)
        {
            assertTrue(userSeen[user], "user " + user + " drawn");
        }
        for (int value = 1; value <= 100; value++)
        {
            assertTrue(valueSeen[value], "value " + value + " drawn");
        }
    }

    @Test
    void shouldRejectInvalidParameters()
    {
        assertThrows(IllegalArgumentException.class, () -> new EventGenerator(1, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new EventGenerator(1, 10, -1));
    }

    private static byte[] generate(final long seed, final int users, final long events) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(events, new EventGenerator(seed, users, events).writeTo(out));
        return out.toByteArray();
    }
}
