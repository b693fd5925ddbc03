package org.eventpipe.handler;

import java.util.EnumSet;

import org.eventpipe.model.EventType;
import org.eventpipe.model.Outcome;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.model.RejectReason;
import org.eventpipe.monolith.PipelineSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class RulesHandlerTest
{
    @Test
    void shouldDropViewAndKeepOthersWithDefaultSettings()
    {
        final RulesHandler rules = new RulesHandler(PipelineSettings.defaults().droppedTypes());

        assertEquals(Outcome.FILTERED, apply(rules, EventType.VIEW));
        assertEquals(Outcome.ACCEPTED, apply(rules, EventType.CLICK));
        assertEquals(Outcome.ACCEPTED, apply(rules, EventType.PURCHASE));
        assertEquals(2, rules.kept());
        assertEquals(1, rules.filtered());
    }

    @Test
    void shouldDropConfiguredTypes()
    {
        final RulesHandler rules = new RulesHandler(EnumSet.of(EventType.CLICK, EventType.PURCHASE));

        assertEquals(Outcome.FILTERED, apply(rules, EventType.CLICK));
        assertEquals(Outcome.FILTERED, apply(rules, EventType.PURCHASE));
        assertEquals(Outcome.ACCEPTED, apply(rules, EventType.VIEW));
        assertEquals(1, rules.kept());
        assertEquals(2, rules.filtered());
    }

    @Test
    void shouldKeepEverythingWhenNothingIsDropped()
    {
        final RulesHandler rules = new RulesHandler(EnumSet.noneOf(EventType.class));

        for (final EventType type : EventType.values())
        {
            assertEquals(Outcome.ACCEPTED, apply(rules, type));
        }
        assertEquals(EventType.count(), rules.kept());
        assertEquals(0, rules.filtered());
    }

    @Test
    void shouldReportDecisionOfKeep()
    {
        final RulesHandler rules = new RulesHandler(EnumSet.of(EventType.VIEW));
        final PipelineEvent view = accepted(EventType.VIEW);
        final PipelineEvent click = accepted(EventType.CLICK);

        assertFalse(rules.keep(view));
        assertTrue(rules.keep(click));
    }

    @Test
    void shouldPassNonAcceptedEventsUntouched()
    {
        final RulesHandler rules = new RulesHandler(EnumSet.allOf(EventType.class));
        final PipelineEvent rejected = new PipelineEvent();
        rejected.reject(RejectReason.UNKNOWN_TYPE);
        final PipelineEvent failed = accepted(EventType.VIEW);
        failed.outcome(Outcome.FAILED);
        final PipelineEvent pending = new PipelineEvent();

        rules.onEvent(rejected);
        rules.onEvent(failed);
        rules.onEvent(pending);

        assertEquals(Outcome.REJECTED, rejected.outcome());
        assertEquals(RejectReason.UNKNOWN_TYPE, rejected.rejectReason());
        assertEquals(Outcome.FAILED, failed.outcome());
        assertEquals(EventType.VIEW, failed.type());
        assertEquals(Outcome.PENDING, pending.outcome());
        assertEquals(0, rules.kept() + rules.filtered());
    }

    private static Outcome apply(final RulesHandler rules, final EventType type)
    {
        final PipelineEvent event = accepted(type);
        rules.onEvent(event);
        return event.outcome();
    }

    private static PipelineEvent accepted(final EventType type)
    {
        final PipelineEvent event = new PipelineEvent();
        event.setParsed(1, type, 10, 1000);
        return event;
    }
}
