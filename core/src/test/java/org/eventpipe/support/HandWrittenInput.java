package org.eventpipe.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.eventpipe.model.RejectReason;
import org.eventpipe.support.ReferenceOutcome.Reject;

/**
 * A small input with every kind of line the README describes, and its outcome worked out by hand: under a maximum
 * line length of {@value #MAX_LINE_LENGTH} bytes with {@code view} dropped, 18 lines read, 2 blank, 4 kept (click 2
 * events summing 13, purchase 2 summing 13), 1 filtered, 11 rejected (MALFORMED_JSON 3, LINE_TOO_LONG 2, one of
 * each other reason).
 */
public final class HandWrittenInput
{
    /** The maximum line length the outcome assumes. */
    public static final int MAX_LINE_LENGTH = 64;

    private HandWrittenInput()
    {
    }

    /**
     * The file: eighteen lines, each commented with what the README says becomes of it under a maximum line length
     * of 64 bytes with {@code view} dropped.
     *
     * @return its bytes.
     */
    public static byte[] file()
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
     * The rejects of {@link #file()}, written out by hand.
     *
     * @return the rejects in input order.
     */
    public static List<Reject> rejects()
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
