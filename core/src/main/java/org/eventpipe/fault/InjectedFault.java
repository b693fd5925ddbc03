package org.eventpipe.fault;

/**
 * What a handler throws under the {@code throw} fault: a class of its own, so that a test can also make the JVM die
 * of it, as a real crash does, with HotSpot's {@code -XX:+UnlockDiagnosticVMOptions
 * -XX:AbortVMOnException=org.eventpipe.fault.InjectedFault} (a fatal error, its log, SIGABRT), where no other
 * exception the stage may throw and catch would set it off.
 */
public final class InjectedFault extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    /**
     * Create the fault.
     *
     * @param message saying which handler threw, on which event.
     */
    public InjectedFault(final String message)
    {
        super(message);
    }
}
