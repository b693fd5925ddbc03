package org.eventpipe.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;

import org.eventpipe.model.EventType;
import org.eventpipe.model.RejectReason;
import org.eventpipe.support.ReferenceOutcome.Reject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The reference on inputs whose outcome was worked out by hand, line by line, from the README.
 */
final class JacksonReferenceTest
{
    static final int MAX_LINE_LENGTH = 64;

    @Test
    void shouldCountAggregateAndRejectHandWrittenFileAsWorkedOutByHand()
    {
        final ReferenceOutcome outcome = new JacksonReference(MAX_LINE_LENGTH, EnumSet.of(EventType.VIEW))
            .run(handWrittenFile());

        assertEquals(18, outcome.linesRead());
        assertEquals(2, outcome.blankLines());
        assertEquals(4, outcome.kept());
        assertEquals(1, outcome.filtered());
        assertEquals(11, outcome.rejected());
        assertEquals(3, outcome.rejected(RejectReason.MALFORMED_JSON));
        assertEquals(2, outcome.rejected(RejectReason.LINE_TOO_LONG));
        for (final RejectReason reason : List.of(RejectReason.NOT_AN_OBJECT, RejectReason.MISSING_FIELD,
            RejectReason.DUPLICATE_FIELD, RejectReason.WRONG_TYPE, RejectReason.OUT_OF_RANGE,
            RejectReason.UNKNOWN_TYPE))
        {
            assertEquals(1, outcome.rejected(reason), reason.name());
        }
        assertEquals(2, outcome.count(EventType.CLICK));
        assertEquals(13, outcome.sum(EventType.CLICK));
        assertEquals(2, outcome.count(EventType.PURCHASE));
        assertEquals(13, outcome.sum(EventType.PURCHASE));
        assertEquals(0, outcome.count(EventType.VIEW));
        assertEquals(handWrittenRejects(), outcome.rejects());
    }

    @Test
    void shouldKeepViewsWhenNothingIsDropped()
    {
        final ReferenceOutcome outcome = new JacksonReference(MAX_LINE_LENGTH, EnumSet.noneOf(EventType.class))
            .run(handWrittenFile());

        assertEquals(5, outcome.kept());
        assertEquals(0, outcome.filtered());
        assertEquals(1, outcome.count(EventType.VIEW));
        assertEquals(5, outcome.sum(EventType.VIEW));
    }

    @Test
    void shouldCountLastLineWithoutNewlineButNoEmptyLineAfterFinalNewline()
    {
        final JacksonReference reference = JacksonReference.defaults();
        final String line = "{\"userId\":1,\"type\":\"click\",\"value\":4,\"ts\":1}";

        assertEquals(0, reference.run(new byte[0]).linesRead());
        assertEquals(1, reference.run(ascii("\n")).linesRead());
        assertEquals(1, reference.run(ascii("\n")).blankLines());
        assertEquals(1, reference.run(ascii(line)).kept());
        assertEquals(1, reference.run(ascii(line + "\n")).linesRead());
        assertEquals(2, reference.run(ascii(line + "\n\n")).linesRead());
        assertEquals(1, reference.run(ascii(line + "\r\n")).kept());
    }

    @Test
    void shouldCutRejectedLineTo512BytesWithDefaultMaximumLineLength()
    {
        final ReferenceOutcome outcome = JacksonReference.defaults().run(ascii("#".repeat(1_000) + "\n"));

        assertEquals(List.of(new Reject(1, RejectReason.MALFORMED_JSON, "#".repeat(512))), outcome.rejects());
    }

    @Test
    void shouldTreatOnlyJsonWhitespaceAsBlank()
    {
        final ReferenceOutcome outcome = JacksonReference.defaults().run(ascii(" \t\r\n\f\n\u000B\n"));

        assertEquals(3, outcome.linesRead());
        assertEquals(1, outcome.blankLines());
        assertEquals(2, outcome.rejected(RejectReason.MALFORMED_JSON));
    }

    /**
     * Eighteen lines, each commented with what the README says becomes of it under a maximum line length of 64 bytes
     * with {@code view} dropped.
     */
    static byte[] handWrittenFile()
    {
        final ByteArrayOutputStream file = new ByteArrayOutputStream();
        // 1: kept, click 10
        file.writeBytes(ascii("{\"userId\":1,\"type\":\"click\",\"value\":10,\"ts\":1}\n"));
        // 2: blank
        file.writeBytes(ascii("\n"));
        // 3: filtered (view), CRLF
        file.writeBytes(ascii("{\"userId\":2,\"type\":\"view\",\"value\":5,\"ts\":2}\r\n"));
        // 4: blank, whitespace and CRLF
        file.writeBytes(ascii("  \t \r\n"));
        // 5: kept, purchase -7, CRLF
        file.writeBytes(ascii("{\"userId\":3,\"type\":\"purchase\",\"value\":-7,\"ts\":3}\r\n"));
        // 6: MALFORMED_JSON
        file.writeBytes(ascii("not json\n"));
        // 7: NOT_AN_OBJECT
        file.writeBytes(ascii("[1]\n"));
        // 8: MISSING_FIELD
        file.writeBytes(ascii("{\"userId\":1,\"type\":\"click\",\"value\":2}\n"));
        // 9: DUPLICATE_FIELD, CRLF: the CR is part of the line written to the rejects
        file.writeBytes(ascii("{\"userId\":1,\"type\":\"click\",\"value\":2,\"ts\":3,\"ts\":4}\r\n"));
        // 10: WRONG_TYPE
        file.writeBytes(ascii("{\"userId\":1,\"type\":\"click\",\"value\":\"2\",\"ts\":3}\n"));
        // 11: OUT_OF_RANGE
        file.writeBytes(ascii("{\"userId\":1,\"type\":\"click\",\"value\":2147483648,\"ts\":3}\n"));
        // 12: UNKNOWN_TYPE
        file.writeBytes(ascii("{\"userId\":1,\"type\":\"scroll\",\"value\":2,\"ts\":3}\n"));
        // 13: LINE_TOO_LONG although valid JSON, 64 bytes kept in the reject
        file.writeBytes(ascii("{\"userId\":4,\"type\":\"click\",\"value\":5,\"ts\":6,\"pad\":\"" + "x".repeat(40) +
            "\"}\n"));
        // 14: LINE_TOO_LONG although whitespace only
        file.writeBytes(ascii(" ".repeat(70) + "\n"));
        // 15: kept, click 3: exactly 64 bytes is not too long
        file.writeBytes(ascii(exactly64()));
        file.writeBytes(ascii("\n"));
        // 16: MALFORMED_JSON, a UTF-8 byte order mark
        file.writeBytes(new byte[]{ (byte)0xEF, (byte)0xBB, (byte)0xBF });
        file.writeBytes(ascii("{\"userId\":5,\"type\":\"click\",\"value\":1,\"ts\":1}\n"));
        // 17: MALFORMED_JSON, an overlong UTF-8 form in an unknown field's string
        file.writeBytes(ascii("{\"userId\":5,\"type\":\"click\",\"value\":1,\"ts\":1,\"s\":\""));
        file.writeBytes(new byte[]{ (byte)0xC0, (byte)0xAF });
        file.writeBytes(ascii("\"}\n"));
        // 18: kept, purchase 20, no newline
        file.writeBytes(ascii("{\"userId\":9,\"type\":\"purchase\",\"value\":20,\"ts\":9}"));
        return file.toByteArray();
    }

    /**
     * The rejects of {@link #handWrittenFile()}, written out by hand.
     */
    static List<Reject> handWrittenRejects()
    {
        return List.of(
            new Reject(6, RejectReason.MALFORMED_JSON, "not json"),
            new Reject(7, RejectReason.NOT_AN_OBJECT, "[1]"),
            new Reject(8, RejectReason.MISSING_FIELD, "{\"userId\":1,\"type\":\"click\",\"value\":2}"),
            new Reject(9, RejectReason.DUPLICATE_FIELD,
                "{\"userId\":1,\"type\":\"click\",\"value\":2,\"ts\":3,\"ts\":4}\r"),
            new Reject(10, RejectReason.WRONG_TYPE, "{\"userId\":1,\"type\":\"click\",\"value\":\"2\",\"ts\":3}"),
            new Reject(11, RejectReason.OUT_OF_RANGE,
                "{\"userId\":1,\"type\":\"click\",\"value\":2147483648,\"ts\":3}"),
            new Reject(12, RejectReason.UNKNOWN_TYPE, "{\"userId\":1,\"type\":\"scroll\",\"value\":2,\"ts\":3}"),
            new Reject(13, RejectReason.LINE_TOO_LONG,
                "{\"userId\":4,\"type\":\"click\",\"value\":5,\"ts\":6,\"pad\":\"" + "x".repeat(13)),
            new Reject(14, RejectReason.LINE_TOO_LONG, " ".repeat(64)),
            new Reject(16, RejectReason.MALFORMED_JSON,
                "\u00EF\u00BB\u00BF{\"userId\":5,\"type\":\"click\",\"value\":1,\"ts\":1}"),
            new Reject(17, RejectReason.MALFORMED_JSON,
                "{\"userId\":5,\"type\":\"click\",\"value\":1,\"ts\":1,\"s\":\"\u00C0\u00AF\"}"));
    }

    private static String exactly64()
    {
        final String line = "{\"userId\":7,\"type\":\"click\",\"value\":3,\"ts\":1}";
        return line + " ".repeat(64 - line.length());
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
