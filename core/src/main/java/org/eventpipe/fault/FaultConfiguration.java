package org.eventpipe.fault;

/**
 * Test-only fault injection, in the manner of the loss generators of Aeron's debug driver: settings that make one
 * handler drop, duplicate or throw on every Nth event it is given (or stall once before its Nth), so that tests can
 * watch the pipeline's checks catch a lost, a duplicated or a miscounted event, or count a failed one. Off unless
 * all three are set; when off, no handler is wrapped and the hot path is the one measured.
 * <pre>
 * -Deventpipe.fault.stage=aggregate -Deventpipe.fault.action=drop -Deventpipe.fault.every=1000
 * </pre>
 * The monolith reads them at start-up; a stage process too (the launcher passes them to one stage with
 * {@code --stage-jvm-option aggregate:-Deventpipe.fault.stage=aggregate ...}). The fused loop refuses them.
 */
public final class FaultConfiguration
{
    /** The handler to wrap: {@code parse}, {@code rules} or {@code aggregate}. */
    public static final String STAGE_PROP_NAME = "eventpipe.fault.stage";

    /** What the handler does to every Nth event: {@code drop}, {@code duplicate} or {@code throw}. */
    public static final String ACTION_PROP_NAME = "eventpipe.fault.action";

    /** N: the handler's Nth, 2Nth, ... event is faulted, counted from 1 in the order the handler is given them. */
    public static final String EVERY_PROP_NAME = "eventpipe.fault.every";

    /** Default: no fault. */
    public static final long EVERY_DEFAULT = 0;

    /** How long the {@code stall} action pauses the handler, in milliseconds. */
    public static final String STALL_MS_PROP_NAME = "eventpipe.fault.stall.ms";

    /** Default of {@link #STALL_MS_PROP_NAME}. */
    public static final long STALL_MS_DEFAULT = 100;

    private FaultConfiguration()
    {
    }

    /**
     * The handler to wrap.
     *
     * @return the stage name, or null if not set.
     */
    public static String stage()
    {
        return System.getProperty(STAGE_PROP_NAME);
    }

    /**
     * What the handler does to a faulted event.
     *
     * @return the action name, or null if not set.
     */
    public static String action()
    {
        return System.getProperty(ACTION_PROP_NAME);
    }

    /**
     * One event in how many is faulted.
     *
     * @return N, or {@link #EVERY_DEFAULT} if not set.
     * @throws IllegalArgumentException if the value is not a number.
     */
    public static long every()
    {
        final String value = System.getProperty(EVERY_PROP_NAME);
        try
        {
            return null == value ? EVERY_DEFAULT : Long.parseLong(value.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("-D" + EVERY_PROP_NAME + " must be a number: " + value);
        }
    }

    /**
     * How long the {@code stall} action pauses.
     *
     * @return milliseconds, {@link #STALL_MS_DEFAULT} if not set or not a positive number.
     */
    public static long stallMillis()
    {
        final long millis = Long.getLong(STALL_MS_PROP_NAME, STALL_MS_DEFAULT);
        return millis > 0 ? millis : STALL_MS_DEFAULT;
    }

    /**
     * Resolve the settings once, at start-up.
     *
     * @return the fault to inject, {@link FaultInjection#NONE} if none is set.
     * @throws IllegalArgumentException naming the first bad or missing setting.
     */
    public static FaultInjection faultInjection()
    {
        return FaultInjection.of(stage(), action(), every());
    }
}
