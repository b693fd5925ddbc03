package org.eventpipe.fault;

import java.util.List;
import java.util.Locale;

import org.eventpipe.handler.PipelineStep;

/**
 * A fault to inject into one handler, resolved from {@link FaultConfiguration}: which handler, what it does to a
 * faulted event and how often. Hosts wrap each handler with {@link #wrap(String, PipelineStep)}, which returns the
 * handler itself unless this fault names it.
 * <ul>
 *     <li>{@code drop}: the handler is not given the event, which its host then treats as handled: the aggregate
 *     loses a kept event; the rules pass on an accepted event without counting it.</li>
 *     <li>{@code duplicate}: the handler is given the event twice: the aggregate folds it in twice; the rules count a
 *     kept event twice.</li>
 *     <li>{@code throw}: the handler throws instead of handling the event, which its host counts as failed.</li>
 *     <li>{@code stall}: the handler pauses for {@link FaultConfiguration#stallMillis()} (100 ms by default) once,
 *     before its Nth event, then handles every event: the scripted stall of the latency mode's coordinated-omission
 *     test.</li>
 * </ul>
 */
public final class FaultInjection
{
    /** No fault: every handler is used as it is. */
    public static final FaultInjection NONE = new FaultInjection(null, null, 0);

    /** Handlers that can be wrapped. */
    public static final List<String> STAGES = List.of("parse", "rules", "aggregate");

    /** What a handler does to a faulted event. */
    public enum Action
    {
        /** Not given to the handler. */
        DROP,
        /** Given to the handler twice. */
        DUPLICATE,
        /** The handler throws. */
        THROW,
        /** The handler pauses once, before its Nth event. */
        STALL
    }

    private final String stage;
    private final Action action;
    private final long every;

    private FaultInjection(final String stage, final Action action, final long every)
    {
        this.stage = stage;
        this.action = action;
        this.every = every;
    }

    /**
     * A fault from its settings: all three unset (or N = 0) for none.
     *
     * @param stage  handler to wrap, one of {@link #STAGES}, or null.
     * @param action {@code drop}, {@code duplicate} or {@code throw}, or null.
     * @param every  N, at least 1; 0 for none.
     * @return the fault.
     * @throws IllegalArgumentException naming the first bad or missing setting.
     */
    public static FaultInjection of(final String stage, final String action, final long every)
    {
        if (null == stage && null == action && FaultConfiguration.EVERY_DEFAULT == every)
        {
            return NONE;
        }
        if (null == stage || !STAGES.contains(stage))
        {
            throw new IllegalArgumentException("-D" + FaultConfiguration.STAGE_PROP_NAME + " must be one of " +
                String.join(", ", STAGES) + ": " + stage);
        }
        final Action parsed;
        try
        {
            parsed = Action.valueOf(String.valueOf(action).toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("-D" + FaultConfiguration.ACTION_PROP_NAME +
                " must be drop, duplicate, throw or stall: " + action);
        }
        if (every < 1)
        {
            throw new IllegalArgumentException("-D" + FaultConfiguration.EVERY_PROP_NAME + " must be at least 1: " +
                every);
        }
        return new FaultInjection(stage, parsed, every);
    }

    /**
     * Whether a fault is injected.
     *
     * @return false for {@link #NONE}.
     */
    public boolean isActive()
    {
        return null != stage;
    }

    /**
     * The handler of a stage, wrapped if this fault names the stage.
     *
     * @param stageName of the handler: parse, rules or aggregate.
     * @param handler   to wrap.
     * @return the handler itself, or a wrapper that faults every Nth event.
     */
    public PipelineStep wrap(final String stageName, final PipelineStep handler)
    {
        return isActive() && stage.equals(stageName) ?
            new FaultyStep(stage, action, every, FaultConfiguration.stallMillis(), handler) : handler;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return isActive() ?
            Action.STALL == action ? "fault injected: " + stage + " handler stalls " +
            FaultConfiguration.stallMillis() + " ms before its event " + every :
            "fault injected: " + stage + " handler, " + action.name().toLowerCase(Locale.ROOT) + " one event in " +
            every : "no fault injected";
    }
}
