package org.eventpipe.support;

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
    private static final int MAX_LINE_LENGTH = HandWrittenInput.MAX_LINE_LENGTH;

    @Test
    void shouldCountAggregateAndRejectHandWrittenFileAsWorkedOutByHand()
    {
        final ReferenceOutcome outcome = new JacksonReference(MAX_LINE_LENGTH, EnumSet.of(EventType.VIEW))
            .run(HandWrittenInput.file());

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
        assertEquals(HandWrittenInput.rejects(), outcome.rejects());
    }

    @Test
    void shouldKeepViewsWhenNothingIsDropped()
    {
        final ReferenceOutcome outcome = new JacksonReference(MAX_LINE_LENGTH, EnumSet.noneOf(EventType.class))
            .run(HandWrittenInput.file());

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

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
