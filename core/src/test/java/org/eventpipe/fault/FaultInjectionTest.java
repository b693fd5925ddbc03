package org.eventpipe.fault;

import java.util.ArrayList;
import java.util.List;

import org.eventpipe.handler.PipelineStep;
import org.eventpipe.model.EventType;
import org.eventpipe.model.PipelineEvent;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fault settings are off unless set, refuse a partial or bad setting, and wrap only the named handler, which then
 * drops, duplicates or throws on exactly every Nth event.
 */
final class FaultInjectionTest
{
    private final List<Long> handled = new ArrayList<>();
    private final PipelineStep recorder = (event) -> handled.add(event.lineNumber());

    @Test
    void shouldInjectNothingWhenNothingIsSet()
    {
        final FaultInjection fault = FaultInjection.of(null, null, 0);

        assertSame(FaultInjection.NONE, fault);
        assertFalse(fault.isActive());
        for (final String stage : FaultInjection.STAGES)
        {
            assertSame(recorder, fault.wrap(stage, recorder));
        }
    }

    @Test
    void shouldInjectNothingWhenNoPropertyIsSet()
    {
        assertEquals(null, System.getProperty(FaultConfiguration.STAGE_PROP_NAME));
        assertSame(FaultInjection.NONE, FaultConfiguration.faultInjection());
    }

    @Test
    void shouldWrapOnlyTheNamedHandler()
    {
        final FaultInjection fault = FaultInjection.of("rules", "drop", 2);

        assertTrue(fault.isActive());
        assertSame(recorder, fault.wrap("parse", recorder));
        assertSame(recorder, fault.wrap("aggregate", recorder));
        assertTrue(recorder != fault.wrap("rules", recorder));
        assertEquals("fault injected: rules handler, drop one event in 2", fault.toString());
    }

    @Test
    void shouldRefuseBadOrPartialSettingsNamingThem()
    {
        assertMessage("-Deventpipe.fault.stage must be one of parse, rules, aggregate: null",
            () -> FaultInjection.of(null, "drop", 5));
        assertMessage("-Deventpipe.fault.stage must be one of parse, rules, aggregate: ingest",
            () -> FaultInjection.of("ingest", "drop", 5));
        assertMessage("-Deventpipe.fault.action must be drop, duplicate, throw or stall: lose",
            () -> FaultInjection.of("rules", "lose", 5));
        assertMessage("-Deventpipe.fault.action must be drop, duplicate, throw or stall: null",
            () -> FaultInjection.of("rules", null, 5));
        assertMessage("-Deventpipe.fault.every must be at least 1: 0", () -> FaultInjection.of("rules", "drop", 0));
    }

    @Test
    void shouldDropEveryNthEvent()
    {
        final PipelineStep step = FaultInjection.of("aggregate", "drop", 3).wrap("aggregate", recorder);

        feed(step, 10);

        assertEquals(List.of(1L, 2L, 4L, 5L, 7L, 8L, 10L), handled);
    }

    @Test
    void shouldDuplicateEveryNthEvent()
    {
        final PipelineStep step = FaultInjection.of("aggregate", "DUPLICATE", 4).wrap("aggregate", recorder);

        feed(step, 9);

        assertEquals(List.of(1L, 2L, 3L, 4L, 4L, 5L, 6L, 7L, 8L, 8L, 9L), handled);
    }

    @Test
    void shouldThrowOnEveryNthEventInsteadOfHandlingIt()
    {
        final PipelineStep step = FaultInjection.of("parse", "throw", 2).wrap("parse", recorder);
        final List<String> thrown = new ArrayList<>();

        for (long line = 1; line <= 5; line++)
        {
            try
            {
                step.onEvent(event(line * 10));
            }
            catch (final IllegalStateException ex)
            {
                thrown.add(ex.getMessage());
            }
        }

        assertEquals(List.of(10L, 30L, 50L), handled);
        assertEquals(List.of(
            "injected fault: the parse handler throws on its event 2 (line 20)",
            "injected fault: the parse handler throws on its event 4 (line 40)"), thrown);
    }

    private static void feed(final PipelineStep step, final int events)
    {
        for (long line = 1; line <= events; line++)
        {
            step.onEvent(event(line));
        }
    }

    private static PipelineEvent event(final long lineNumber)
    {
        final PipelineEvent event = new PipelineEvent();
        event.setDecoded(lineNumber, 0, 1, EventType.CLICK, 1, 1L);
        return event;
    }

    private static void assertMessage(final String expected, final org.junit.jupiter.api.function.Executable call)
    {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
