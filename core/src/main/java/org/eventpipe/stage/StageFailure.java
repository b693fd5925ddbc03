package org.eventpipe.stage;

import org.eventpipe.cli.ExitCodes;

/**
 * A stage cannot go on: corrupt or missing frames, a count that does not add up, a sender that cannot send. The
 * message names the stage and what went wrong; the stage process exits with the failure's status: a deterministic
 * failure, which replaying the same input would repeat, has its own ({@link ExitCodes#CORRUPT_FRAME}), so that the
 * launcher does not restart the stage for it; any other is {@link ExitCodes#FAILED}.
 */
public final class StageFailure extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int exitStatus;

    /**
     * Create a failure that may not repeat, such as a lost upstream or downstream process.
     *
     * @param message naming the stage and the problem.
     */
    public StageFailure(final String message)
    {
        this(message, null, ExitCodes.FAILED);
    }

    /**
     * Create a failure with a cause, that may not repeat.
     *
     * @param message naming the stage and the problem.
     * @param cause   of the failure.
     */
    public StageFailure(final String message, final Throwable cause)
    {
        this(message, cause, ExitCodes.FAILED);
    }

    /**
     * Create a failure with the exit status it gives the stage process.
     *
     * @param message    naming the stage and the problem.
     * @param cause      of the failure, or null.
     * @param exitStatus one of {@link ExitCodes}.
     */
    public StageFailure(final String message, final Throwable cause, final int exitStatus)
    {
        super(message, cause);
        this.exitStatus = exitStatus;
    }

    /**
     * A failure that replaying the same frames would repeat: a corrupt, out-of-sequence or miscounted frame, or a
     * queue or input that does not hold what its checkpoint says.
     *
     * @param message naming the stage and the problem.
     * @return the failure, with {@link ExitCodes#CORRUPT_FRAME}.
     */
    public static StageFailure deterministic(final String message)
    {
        return new StageFailure(message, null, ExitCodes.CORRUPT_FRAME);
    }

    /**
     * The exit status this failure gives the stage process.
     *
     * @return one of {@link ExitCodes}.
     */
    public int exitStatus()
    {
        return exitStatus;
    }
}
