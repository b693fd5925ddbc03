package org.eventpipe.cli;

/**
 * Exit statuses of every command: the monolith, the launcher, the stage processes and the media driver.
 */
public final class ExitCodes
{
    /** The run completed and every check passed. */
    public static final int OK = 0;

    /** The run failed: a check, a stage, or an error while running. */
    public static final int FAILED = 1;

    /** Bad flags, a missing input or an unwritable output: nothing was run. */
    public static final int USAGE = 2;

    /**
     * A paced run ({@code --rate}) ended further behind its schedule than allowed: the target rate was not achieved.
     * Its figures are still written. (3 is the launcher's own status when it is killed, see LauncherWatch.)
     */
    public static final int RATE_NOT_ACHIEVED = 4;

    private ExitCodes()
    {
    }
}
