package org.eventpipe.workload.items;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.eventpipe.model.RejectReason;
import org.eventpipe.support.JacksonWorkItemOracle;
import org.eventpipe.support.JacksonWorkItemOracle.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.eventpipe.workload.items.WorkItemLines.array;
import static org.eventpipe.workload.items.WorkItemLines.bytes;
import static org.eventpipe.workload.items.WorkItemLines.counting;
import static org.eventpipe.workload.items.WorkItemLines.line;
import static org.eventpipe.workload.items.WorkItemLines.repeat;
import static org.eventpipe.workload.items.WorkItemLines.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

final class WorkItemParserTest
{
    private static final int MAX_LINE_LENGTH = 16_384;

    /** Numbers at the edges of Clinger's fast path, of double rounding, and of the double range. */
    private static final String[] CRAFTED_NUMBERS = {
        "0", "-0", "0.0", "-0.0", "0e0", "-0E-0", "0e-999", "0.000e99999", "-0.0e+400", "1", "-1", "0.1", "0.2",
        "0.30000000000000004", "9007199254740992", "9007199254740993", "-9007199254740993", "9007199254740991e22",
        "9007199254740991e-22", "9007199254740992e22", "9007199254740993e-22", "1e22", "1e23", "1e-22", "1e-23",
        "123456789012345678", "1234567890123456789", "12345678901234567890123", "999999999999999999",
        "0.000000000000000000000000000001", "100000000000000000000000", "1.00000000000000000000000000",
        "4503599627370497.5", "4503599627370496.5", "1.00000000000000011102230246251565404236316680908203125",
        "1.00000000000000011102230246251565404236316680908203126", "4.9e-324", "5e-324", "2.4703282292062327e-324",
        "2.4703282292062328e-324", "1e-400", "-1e-99999", "2.2250738585072011e-308", "2.2250738585072014E-308",
        "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "-1.8e308", "1e309",
        "1e99999", "1E+22", "1e+0", "1e-0", "123.456e-2", "0.000001", "-1000.000000", "999.999999",
        "8.41e21", "8.41e22", "3.0e-22", "9.5367431640625e-7", "5e-1", "2.5e-1", "0.5e1" };

    private final WorkItemParser parser = new WorkItemParser(MAX_LINE_LENGTH);
    private final WorkItemParser jdkParser = new WorkItemParser(MAX_LINE_LENGTH, false);
    private final JacksonWorkItemOracle oracle = new JacksonWorkItemOracle();
    private final WorkItem item = new WorkItem();

    @Test
    void shouldParseValidLine()
    {
        assertNull(parse(valid()));

        assertEquals(7, item.id());
        for (int i = 0; i < WorkItem.VECTOR_LENGTH; i++)
        {
            assertEquals(1.0 + i, item.vector()[i]);
            assertEquals(100.0 + i, item.matrix()[i]);
        }
    }

    @Test
    void shouldLeaveLineNumberAndIngestStampAlone()
    {
        item.lineNumber(12);
        item.ingestNanos(34);

        assertNull(parse(valid()));

        assertEquals(12, item.lineNumber());
        assertEquals(34, item.ingestNanos());
    }

    @Test
    void shouldParseGeneratedLinesIntoTheGeneratedDoublesWithOnlyEdgeLiteralsOffTheFastPath()
    {
        final int items = 2 * WorkItemGenerator.EDGE_PERIOD;
        final WorkItemGenerator generator = new WorkItemGenerator(42, items);
        final WorkItem expected = new WorkItem();
        while (generator.next())
        {
            generator.copyItemTo(expected);
            final RejectReason reason =
                parser.parse(generator.lineBuffer(), generator.lineOffset(), generator.lineLength(), item);

            assertNull(reason, () -> "line " + generator.lineNumber());
            assertEquals(expected.id(), item.id());
            assertBitsEqual(expected.vector(), item.vector(), generator.lineNumber());
            assertBitsEqual(expected.matrix(), item.matrix(), generator.lineNumber());
        }

        // per period: one huge element, then 64 huge, 64 tiny and 64 maximal ones; "0.0" and every m / 10^6 are fast
        assertEquals(2 * (1 + 64 + 64 + 64), parser.fallbacks());
    }

    @Test
    void shouldAgreeWithJacksonOnGeneratedLinesAroundEveryEdgeCase()
    {
        final WorkItemGenerator generator = new WorkItemGenerator(7, WorkItemGenerator.EDGE_PERIOD);
        int judged = 0;
        while (generator.next())
        {
            final long index = generator.lineNumber() - 1;
            if (index < 200 || index % 1_000 <= 2)
            {
                final byte[] line = Arrays.copyOf(generator.lineBuffer(), generator.lineLength());
                assertAgreesWithOracle(line);
                judged++;
            }
        }
        assertEquals(200 + 9 * 3, judged);
    }

    @ParameterizedTest
    @MethodSource("craftedNumbers")
    void shouldConvertCraftedNumberExactlyAsParseDouble(final String number)
    {
        assertNumberConvertedAsParseDouble(number, true);
    }

    @Test
    void shouldConvertRandomHostileNumbersExactlyAsParseDoubleAndJackson()
    {
        final SplittableRandom random = new SplittableRandom(20_240_611);
        for (int i = 0; i < 40_000; i++)
        {
            assertNumberConvertedAsParseDouble(randomNumber(random), i % 4 == 0);
        }
        for (int i = 0; i < 500; i++)
        {
            final String[] vector = new String[64];
            final String[] matrix = new String[64];
            for (int j = 0; j < 64; j++)
            {
                vector[j] = randomNumber(random);
                matrix[j] = randomNumber(random);
            }
            assertAgreesWithOracle(bytes(line(Long.toString(random.nextLong() >>> 1), vector, matrix)));
        }
    }

    @ParameterizedTest
    @MethodSource("badLines")
    void shouldRejectBadLineWithItsReasonAsJacksonDoes(final String line, final RejectReason expected)
    {
        assertEquals(expected, parse(line), line);
        assertEquals(expected, jdkParser.parse(bytes(line), 0, bytes(line).length, new WorkItem()), line);
        assertEquals(expected, oracle.judge(bytes(line)).reason(), line);
    }

    @ParameterizedTest
    @ValueSource(strings = { "NaN", "-NaN", "Infinity", "-Infinity", "+Infinity", "nan", "inf", "+1", ".5", "1.",
        "-", "1e", "1e+", "0x10", "01", "-01", "1.5.2", "1e5e5", "--1", "1_000", "\"1\"e", "Infinity1" })
    void shouldRejectNonJsonNumberLiteralAsMalformed(final String literal)
    {
        final String[] vector = counting(0);
        vector[17] = literal;
        final String line = line("1", vector, counting(0));

        assertEquals(RejectReason.MALFORMED_JSON, parse(line), line);
        assertEquals(RejectReason.MALFORMED_JSON, oracle.judge(bytes(line)).reason(), line);
    }

    @ParameterizedTest
    @ValueSource(strings = { "1e309", "-1e309", "1.7976931348623159e308", "123456789e302", "1e99999999999" })
    void shouldRejectNumberThatOverflowsToInfinityAsOutOfRange(final String number)
    {
        final String[] matrix = counting(0);
        matrix[63] = number;

        assertEquals(RejectReason.OUT_OF_RANGE, parse(line("1", counting(0), matrix)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "1e-400", "-1e-400", "2.4703282292062327e-324", "1e-99999999999" })
    void shouldAcceptNumberThatUnderflowsAsSignedZero(final String number)
    {
        final String[] vector = counting(1);
        vector[5] = number;

        assertNull(parse(line("1", vector, counting(0))));
        assertEquals(Double.doubleToRawLongBits(number.startsWith("-") ? -0.0 : 0.0),
            Double.doubleToRawLongBits(item.vector()[5]));
    }

    @Test
    void shouldAcceptFieldsInAnyOrderWithWhitespaceEscapedNamesAndUnknownFields()
    {
        final String line = " {\t\"matrix\" : " + array(counting(100)).replace(",", " ,\r\n") +
            ", \"unknown\":{\"a\":[1,true,null,\"x\",{}]}, \"\\u0069d\":42, \"ve\\u0063tor\":" + array(counting(1)) +
            ",\"other\":-1.5e7 } ";

        assertNull(parse(line));
        assertEquals(42, item.id());
        assertEquals(1.0, item.vector()[0]);
        assertEquals(163.0, item.matrix()[63]);
        assertAgreesWithOracle(bytes(line));
    }

    @Test
    void shouldAcceptIdFromZeroToLongMaxIncludingNegativeZero()
    {
        assertNull(parse(line("-0", counting(1), counting(1))));
        assertEquals(0, item.id());
        assertNull(parse(line("9223372036854775807", counting(1), counting(1))));
        assertEquals(Long.MAX_VALUE, item.id());
    }

    @Test
    void shouldRejectLineLongerThanMaximumByItsTrueLengthWithoutReadingIt()
    {
        final byte[] line = bytes(valid());
        final WorkItemParser small = new WorkItemParser(line.length);

        assertNull(small.parse(line, 0, line.length, item));
        assertEquals(RejectReason.LINE_TOO_LONG, small.parse(line, 0, line.length + 1, item));
    }

    @Test
    void shouldParseLineAtAnOffsetInALargerBuffer()
    {
        final byte[] line = bytes("xx" + valid() + "}}");

        assertNull(parser.parse(line, 2, line.length - 4, item));
        assertEquals(RejectReason.MALFORMED_JSON, parser.parse(line, 2, line.length - 3, item));
    }

    @Test
    void shouldAgreeWithJacksonOnRandomlyMutatedLines()
    {
        final SplittableRandom random = new SplittableRandom(99);
        final String[] pieces = { "{", "}", "[", "]", ",", ":", "\"", "\\", "-", "0", "1", "e", ".", " ", "x",
            "\"id\"", "\"vector\"", "\"matrix\"", "null", "true", "[1]", "1e400", "\u00e9", "\"\\u0000\"",
            ",\"id\":1", ",\"matrix\":[2]" };
        final String[] vector = counting(-30);
        for (int i = 0; i + 1 < vector.length; i += 3)
        {
            vector[i] += ".25";
            vector[i + 1] += "e-3";
        }
        final String base = line("12345", vector, counting(7));
        final List<RejectReason> seen = new ArrayList<>();
        for (int i = 0; i < 4_000; i++)
        {
            final StringBuilder line = new StringBuilder(base);
            final int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++)
            {
                final int at = random.nextInt(line.length());
                switch (random.nextInt(3))
                {
                    case 0:
                        line.deleteCharAt(at);
                        break;
                    case 1:
                        line.insert(at, pieces[random.nextInt(pieces.length)]);
                        break;
                    default:
                        line.replace(at, Math.min(line.length(), at + 1 + random.nextInt(8)),
                            pieces[random.nextInt(pieces.length)]);
                        break;
                }
            }
            final Verdict verdict = assertAgreesWithOracle(bytes(line.toString()));
            if (!seen.contains(verdict.reason()))
            {
                seen.add(verdict.reason());
            }
        }
        // the mutations reach every reason a line's content can give
        final RejectReason[] reachable = {
            RejectReason.MALFORMED_JSON, RejectReason.MISSING_FIELD, RejectReason.DUPLICATE_FIELD,
            RejectReason.WRONG_TYPE, RejectReason.OUT_OF_RANGE, RejectReason.WRONG_LENGTH };
        for (final RejectReason reason : reachable)
        {
            assertTrue(seen.contains(reason), reason.name() + " in " + seen);
        }
        assertTrue(seen.contains(null), "some mutations stay valid");
    }

    @Test
    void shouldAllocateNothingParsingOrdinaryLines()
    {
        final int lines = 1_000;
        final byte[][] input = new byte[lines][];
        final WorkItemGenerator generator = new WorkItemGenerator(3, lines);
        for (int i = 0; i < lines; i++)
        {
            generator.next();
            input[i] = Arrays.copyOf(generator.lineBuffer(), generator.lineLength());
        }
        for (int round = 0; round < 3; round++)
        {
            parseAll(input);
        }

        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(threadId);
        final long accepted = parseAll(input) + parseAll(input) + parseAll(input);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertEquals(3L * lines, accepted);
        // one allocation per line would be at least 16 bytes times 3,000 lines
        assertTrue(allocated < 1_024, () -> allocated + " bytes allocated parsing " + accepted + " lines");
    }

    private long parseAll(final byte[][] input)
    {
        long accepted = 0;
        for (final byte[] line : input)
        {
            if (null == parser.parse(line, 0, line.length, item))
            {
                accepted++;
            }
        }
        return accepted;
    }

    static Stream<String> craftedNumbers()
    {
        return Stream.of(CRAFTED_NUMBERS);
    }

    static Stream<Arguments> badLines()
    {
        final String v = ",\"vector\":" + array(counting(0));
        final String m = ",\"matrix\":" + array(counting(0));
        final String[] sixtyFive = Arrays.copyOf(counting(0), 65);
        sixtyFive[64] = "64";
        final String[] stringAt3 = sixtyFive.clone();
        stringAt3[3] = "\"3\"";
        final String[] overflowAt10 = counting(0);
        overflowAt10[10] = "1e400";
        final String[] nestedAt0 = counting(0);
        nestedAt0[0] = "[0]";
        final String[] nullAt63 = counting(0);
        nullAt63[63] = "null";
        final String[] rows = new String[8];
        Arrays.fill(rows, array(Arrays.copyOf(counting(0), 8)));
        return Stream.of(
            Arguments.of("", RejectReason.MALFORMED_JSON),
            Arguments.of("   ", RejectReason.MALFORMED_JSON),
            Arguments.of("{\"id\":1,", RejectReason.MALFORMED_JSON),
            Arguments.of("{\"id\":1" + v + m + "} x", RejectReason.MALFORMED_JSON),
            Arguments.of("{\"id\":1" + v + m + "}{}", RejectReason.MALFORMED_JSON),
            Arguments.of("{\"id\":01" + v + m + "}", RejectReason.MALFORMED_JSON),
            Arguments.of("{\"id\":1,\"vector\":[1,,2]" + m + "}", RejectReason.MALFORMED_JSON),
            Arguments.of("{\"id\":1,\"vector\":[1,2,]" + m + "}", RejectReason.MALFORMED_JSON),
            Arguments.of("{\"id\":1" + v + m + ",}", RejectReason.MALFORMED_JSON),
            Arguments.of("{'id':1" + v + m + "}", RejectReason.MALFORMED_JSON),
            Arguments.of("{\"id\":1" + v + m + "/* c */}", RejectReason.MALFORMED_JSON),
            Arguments.of("{\"id\":\"1\" \"x\"" + v + m + "}", RejectReason.MALFORMED_JSON),
            Arguments.of("{\"id\":\"\u0001\"" + v + m + "}", RejectReason.MALFORMED_JSON),
            Arguments.of("{\"id\":\"1\"" + v + m + ",\"bad\":\"\\x\"}", RejectReason.MALFORMED_JSON),
            Arguments.of("[1,2]", RejectReason.NOT_AN_OBJECT),
            Arguments.of("\"x\"", RejectReason.NOT_AN_OBJECT),
            Arguments.of(" 42 ", RejectReason.NOT_AN_OBJECT),
            Arguments.of("null", RejectReason.NOT_AN_OBJECT),
            Arguments.of("{}", RejectReason.MISSING_FIELD),
            Arguments.of("{\"id\":1" + v + "}", RejectReason.MISSING_FIELD),
            Arguments.of("{\"id\":1" + m + "}", RejectReason.MISSING_FIELD),
            Arguments.of("{\"ID\":1" + v + m + "}", RejectReason.MISSING_FIELD),
            Arguments.of("{\"id\":1" + v + m + ",\"id\":2}", RejectReason.DUPLICATE_FIELD),
            Arguments.of("{\"id\":1" + v + v + m + "}", RejectReason.DUPLICATE_FIELD),
            Arguments.of("{\"id\":1" + v + m + ",\"m\\u0061trix\":\"x\"}", RejectReason.DUPLICATE_FIELD),
            Arguments.of("{\"id\":1" + v + m + ",\"id\":\"dup before its type\"}", RejectReason.DUPLICATE_FIELD),
            Arguments.of("{\"id\":\"1\"" + v + m + "}", RejectReason.WRONG_TYPE),
            Arguments.of("{\"id\":1.0" + v + m + "}", RejectReason.WRONG_TYPE),
            Arguments.of("{\"id\":1e3" + v + m + "}", RejectReason.WRONG_TYPE),
            Arguments.of("{\"id\":null" + v + m + "}", RejectReason.WRONG_TYPE),
            Arguments.of("{\"id\":[1]" + v + m + "}", RejectReason.WRONG_TYPE),
            Arguments.of("{\"id\":1,\"vector\":\"x\"" + m + "}", RejectReason.WRONG_TYPE),
            Arguments.of("{\"id\":1,\"vector\":{}" + m + "}", RejectReason.WRONG_TYPE),
            Arguments.of("{\"id\":1,\"vector\":5" + m + "}", RejectReason.WRONG_TYPE),
            Arguments.of("{\"id\":1" + v + ",\"matrix\":true}", RejectReason.WRONG_TYPE),
            Arguments.of("{\"id\":1" + v + ",\"matrix\":" + array(rows) + "}", RejectReason.WRONG_TYPE),
            Arguments.of("{\"id\":1,\"vector\":" + array(stringAt3) + m + "}", RejectReason.WRONG_TYPE),
            Arguments.of("{\"id\":1,\"vector\":" + array(nestedAt0) + m + "}", RejectReason.WRONG_TYPE),
            Arguments.of("{\"id\":1" + v + ",\"matrix\":" + array(nullAt63) + "}", RejectReason.WRONG_TYPE),
            Arguments.of("{\"id\":-1" + v + m + "}", RejectReason.OUT_OF_RANGE),
            Arguments.of("{\"id\":9223372036854775808" + v + m + "}", RejectReason.OUT_OF_RANGE),
            Arguments.of("{\"id\":-99999999999999999999999" + v + m + "}", RejectReason.OUT_OF_RANGE),
            Arguments.of("{\"id\":1,\"vector\":" + array(overflowAt10) + m + "}", RejectReason.OUT_OF_RANGE),
            Arguments.of("{\"id\":1,\"vector\":[]" + m + "}", RejectReason.WRONG_LENGTH),
            Arguments.of("{\"id\":1,\"vector\":[ ]" + m + "}", RejectReason.WRONG_LENGTH),
            Arguments.of("{\"id\":1,\"vector\":" + array(sixtyFive) + m + "}", RejectReason.WRONG_LENGTH),
            Arguments.of("{\"id\":1" + v + ",\"matrix\":" + array(Arrays.copyOf(counting(0), 63)) + "}",
                RejectReason.WRONG_LENGTH),
            Arguments.of("{\"vector\":[1]" + m + ",\"id\":\"x\"}", RejectReason.WRONG_LENGTH),
            Arguments.of("{\"id\":\"x\",\"vector\":[1]" + m + "}", RejectReason.WRONG_TYPE),
            Arguments.of("{\"vector\":[1],\"vector\":[2]}", RejectReason.WRONG_LENGTH));
    }

    private RejectReason parse(final String line)
    {
        final byte[] bytes = bytes(line);
        return parser.parse(bytes, 0, bytes.length, item);
    }

    /**
     * Parse a line whose vector holds the number among zeros, with the fast-path parser and, if asked, with the
     * parser that converts every number with {@link Double#parseDouble} (slow: it converts the zeros too).
     */
    private void assertNumberConvertedAsParseDouble(final String number, final boolean alsoWithoutFastPath)
    {
        final String[] vector = repeat("0");
        vector[1] = number;
        final byte[] line = bytes(line("1", vector, repeat("0")));
        final double expected = Double.parseDouble(number);
        final RejectReason expectedReason = Double.isInfinite(expected) ? RejectReason.OUT_OF_RANGE : null;

        for (final WorkItemParser candidate : alsoWithoutFastPath ? new WorkItemParser[]{ parser, jdkParser } :
            new WorkItemParser[]{ parser })
        {
            final RejectReason reason = candidate.parse(line, 0, line.length, item);
            assertEquals(expectedReason, reason, number);
            if (null == reason)
            {
                assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(item.vector()[1]),
                    () -> number + ": " + item.vector()[1] + " != " + expected);
            }
        }
    }

    private Verdict assertAgreesWithOracle(final byte[] line)
    {
        final Verdict verdict = oracle.judge(line);
        final RejectReason reason = parser.parse(line, 0, line.length, item);
        final String text = new String(line, StandardCharsets.UTF_8);
        assertEquals(verdict.reason(), reason, text);
        if (verdict.accepted())
        {
            assertEquals(verdict.id(), item.id(), text);
            assertBitsEqual(verdict.vector(), item.vector(), -1);
            assertBitsEqual(verdict.matrix(), item.matrix(), -1);
        }
        return verdict;
    }

    private static void assertBitsEqual(final double[] expected, final double[] actual, final long lineNumber)
    {
        for (int i = 0; i < expected.length; i++)
        {
            if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i]))
            {
                fail("line " + lineNumber + " element " + i + ": " + actual[i] + " != " + expected[i]);
            }
        }
    }

    /**
     * A random JSON number: sign, integer part (zero or 1 to 25 digits), maybe a fraction of 1 to 30 digits (often
     * with leading zeros), maybe an exponent (small, near the fast path's edges, or far out of range).
     */
    static String randomNumber(final SplittableRandom random)
    {
        final StringBuilder number = new StringBuilder();
        if (random.nextBoolean())
        {
            number.append('-');
        }
        if (random.nextInt(4) == 0)
        {
            number.append('0');
        }
        else
        {
            number.append((char)('1' + random.nextInt(9)));
            appendDigits(number, random, random.nextInt(random.nextInt(4) == 0 ? 25 : 17));
        }
        if (random.nextInt(10) < 6)
        {
            number.append('.');
            appendZeros(number, random.nextInt(4) == 0 ? random.nextInt(25) : 0);
            appendDigits(number, random, 1 + random.nextInt(random.nextInt(4) == 0 ? 30 : 12));
        }
        if (random.nextBoolean())
        {
            number.append(random.nextBoolean() ? 'e' : 'E');
            final int sign = random.nextInt(3);
            if (sign > 0)
            {
                number.append(sign == 1 ? '+' : '-');
            }
            final int range = random.nextInt(4);
            final int exponent = range == 0 ? random.nextInt(400) : range == 1 ? 280 + random.nextInt(60) :
                random.nextInt(30);
            if (random.nextInt(10) == 0)
            {
                number.append('0');
            }
            number.append(exponent);
        }
        return number.toString();
    }

    private static void appendDigits(final StringBuilder number, final SplittableRandom random, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            number.append((char)('0' + random.nextInt(10)));
        }
    }

    private static void appendZeros(final StringBuilder number, final int count)
    {
        number.append("0".repeat(count));
    }
}
