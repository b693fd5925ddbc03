package org.eventpipe.stage;

/**
 * A stage cannot go on: corrupt or missing frames, a count that does not add up, a sender that cannot send. The
 * message names the stage and what went wrong; the stage process exits non-zero with it.
 */
public final class StageFailure extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * Create a failure.
     *
     * @param message naming the stage and the problem.
     */
    public StageFailure(final String message)
    {
        super(message);
    }

    /**
     * Create a failure with a cause.
     *
     * @param message naming the stage and the problem.
     * @param cause   of the failure.
     */
    public StageFailure(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
