package org.eventpipe.handler;

import java.nio.charset.StandardCharsets;

import org.eventpipe.model.EventType;
import org.eventpipe.model.Outcome;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.model.RejectReason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class ParseHandlerTest
{
    private static final int MAX_LINE_LENGTH = 64;
    private static final String VALID = "{\"userId\":7,\"type\":\"purchase\",\"value\":-3,\"ts\":1700000000001}";

    private final ParseHandler handler = new ParseHandler(MAX_LINE_LENGTH);
    private final PipelineEvent event = new PipelineEvent();

    @Test
    void shouldAcceptValidLineAndFillEvent()
    {
        assertTrue(onLine(VALID));

        assertEquals(Outcome.ACCEPTED, event.outcome());
        assertEquals(7, event.userId());
        assertEquals(EventType.PURCHASE, event.type());
        assertEquals(-3, event.value());
        assertEquals(1_700_000_000_001L, event.timestamp());
        assertNull(event.rejectReason());
        assertEquals(1, handler.accepted());
        assertEquals(0, handler.rejected());
    }

    @Test
    void shouldParseLineHeldInEventWhenPending()
    {
        final byte[] bytes = VALID.getBytes(StandardCharsets.US_ASCII);
        event.setLine(bytes, 0, bytes.length, MAX_LINE_LENGTH, 1);

        handler.onEvent(event);

        assertEquals(Outcome.ACCEPTED, event.outcome());
        assertEquals(EventType.PURCHASE, event.type());
    }

    @Test
    void shouldLeaveEventThatIsNoLongerPendingUntouched()
    {
        final byte[] bytes = VALID.getBytes(StandardCharsets.US_ASCII);
        event.setLine(bytes, 0, bytes.length, MAX_LINE_LENGTH, 1);
        event.outcome(Outcome.FAILED);

        handler.onEvent(event);

        assertEquals(Outcome.FAILED, event.outcome());
        assertEquals(0, handler.accepted() + handler.rejected());
    }

    @Test
    void shouldCountEachRejectReason()
    {
        final String[] lines = {
            "{\"userId\":1,",
            "[1,2]",
            "{\"userId\":1,\"type\":\"click\",\"value\":2}",
            "{\"userId\":1,\"userId\":1,\"type\":\"click\",\"value\":2,\"ts\":3}",
            "{\"userId\":\"1\",\"type\":\"click\",\"value\":2,\"ts\":3}",
            "{\"userId\":-1,\"type\":\"click\",\"value\":2,\"ts\":3}",
            "{\"userId\":1,\"type\":\"hover\",\"value\":2,\"ts\":3}",
            "{\"userId\":1,\"type\":\"click\",\"value\":2,\"ts\":3,\"padding\":\"" + "x".repeat(40) + "\"}" };
        final RejectReason[] expected = {
            RejectReason.MALFORMED_JSON, RejectReason.NOT_AN_OBJECT, RejectReason.MISSING_FIELD,
            RejectReason.DUPLICATE_FIELD, RejectReason.WRONG_TYPE, RejectReason.OUT_OF_RANGE,
            RejectReason.UNKNOWN_TYPE, RejectReason.LINE_TOO_LONG };

        for (int i = 0; i < lines.length; i++)
        {
            assertFalse(onLine(lines[i]), lines[i]);
            assertEquals(Outcome.REJECTED, event.outcome());
            assertEquals(expected[i], event.rejectReason());
        }
        for (final RejectReason reason : expected)
        {
            assertEquals(1, handler.rejected(reason), reason.name());
        }
        assertEquals(expected.length, handler.rejected());
        assertEquals(0, handler.accepted());
    }

    @Test
    void shouldRejectLineLongerThanMaxByItsTrueLengthWithoutReadingIt()
    {
        final byte[] held = VALID.getBytes(StandardCharsets.US_ASCII);

        assertFalse(handler.onLine(held, 0, MAX_LINE_LENGTH + 1, event));

        assertEquals(RejectReason.LINE_TOO_LONG, event.rejectReason());
        assertEquals(1, handler.rejected(RejectReason.LINE_TOO_LONG));
    }

    @Test
    void shouldAcceptLineOfExactlyMaxLength()
    {
        final String line = VALID + " ".repeat(MAX_LINE_LENGTH - VALID.length());

        assertEquals(MAX_LINE_LENGTH, line.length());
        assertTrue(onLine(line));
    }

    private boolean onLine(final String line)
    {
        event.clearParsed();
        final byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return handler.onLine(bytes, 0, bytes.length, event);
    }
}
