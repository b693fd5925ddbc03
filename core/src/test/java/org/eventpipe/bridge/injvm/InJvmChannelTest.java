package org.eventpipe.bridge.injvm;

import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.eventpipe.bridge.Edge;
import org.eventpipe.bridge.FrameConsumer;
import org.eventpipe.bridge.FrameSender;
import org.eventpipe.bridge.StageLink;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link InJvmChannel}: frames arrive whole and in order, an aborted claim is skipped, a full ring is back pressure,
 * and a closed sender is gone only once its frames are drained.
 */
final class InJvmChannelTest
{
    private static final int CAPACITY = 4096;

    private final InJvmChannel channel = new InJvmChannel("test", CAPACITY);
    private final List<String> received = new ArrayList<>();
    private final FrameConsumer consumer = (buffer, offset, length) -> received.add(buffer.getStringWithoutLengthAscii(
        offset, length));

    @Test
    void shouldDeliverClaimedAndOfferedFramesInOrderSkippingAborted()
    {
        claim("first");
        assertTrue(channel.tryClaim(9) >= 0);
        channel.claimBuffer().putStringWithoutLengthAscii(channel.claimOffset(), "discarded");
        channel.abort();
        offer("second");
        claim("third");

        assertEquals(2, channel.poll(consumer, 2));
        assertEquals(1, channel.poll(consumer, 10));
        assertEquals(List.of("first", "second", "third"), received);
        assertEquals(0, channel.poll(consumer, 10));
    }

    @Test
    void shouldLimitFramesToAnEighthOfCapacity()
    {
        assertEquals(CAPACITY / 8, channel.maxClaimLength());
        assertEquals(CAPACITY / 8, channel.maxFrameLength());
    }

    @Test
    void shouldReportBackPressureWhenFullAndAcceptAgainOnceDrained()
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[channel.maxFrameLength()]);
        int sent = 0;
        while (channel.offer(frame, 0, frame.capacity()) >= 0)
        {
            sent++;
        }

        assertTrue(sent > 0 && sent <= 8, "frames that fit: " + sent);
        assertEquals(FrameSender.BACK_PRESSURED, channel.offer(frame, 0, frame.capacity()));
        assertEquals(FrameSender.BACK_PRESSURED, channel.tryClaim(frame.capacity()));
        assertEquals(sent, channel.poll((buffer, offset, length) -> {}, 100));
        assertTrue(channel.tryClaim(frame.capacity()) >= 0);
        channel.commit();
    }

    @Test
    void shouldReportSenderGoneOnlyAfterDrainingFramesSentBeforeClose()
    {
        offer("last");
        assertTrue(channel.isConnected());
        channel.close();

        assertEquals(FrameSender.CLOSED, channel.tryClaim(8));
        assertEquals(FrameSender.CLOSED, channel.offer(new UnsafeBuffer(new byte[8]), 0, 8));
        assertFalse(channel.isSenderGone());
        assertTrue(channel.isConnected());
        assertEquals(1, channel.poll(consumer, 10));
        assertTrue(channel.isSenderGone());
        assertFalse(channel.isConnected());
        assertEquals(List.of("last"), received);
    }

    @Test
    void shouldCloseOnlyTheSendersALinkOpened()
    {
        final InJvmStageLinks links = new InJvmStageLinks(CAPACITY);
        final StageLink rules = links.link();
        assertSame(links.channel(Edge.PARSE_TO_RULES), rules.receiver(Edge.PARSE_TO_RULES));
        assertSame(links.channel(Edge.RULES_TO_AGGREGATE), rules.sender(Edge.RULES_TO_AGGREGATE));

        rules.close();

        assertTrue(links.channel(Edge.RULES_TO_AGGREGATE).isSenderGone());
        assertFalse(links.channel(Edge.PARSE_TO_RULES).isSenderGone());
    }

    private void claim(final String text)
    {
        assertTrue(channel.tryClaim(text.length()) >= 0);
        channel.claimBuffer().putStringWithoutLengthAscii(channel.claimOffset(), text);
        channel.commit();
    }

    private void offer(final String text)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[text.length()]);
        buffer.putStringWithoutLengthAscii(0, text);
        assertTrue(channel.offer(buffer, 0, text.length()) >= 0);
    }
}
