package org.eventpipe.cli;

/**
 * Exit statuses of every command: the monolith, the launcher, the stage processes and the media driver.
 * <p>
 * A stage's status says whether running it again can help: the launcher restarts a stage (with
 * {@code --restart-on-failure}) only after a status {@link #isRetryable(int)} says may not repeat, a signal or an
 * error of the moment, and stops the run at once on a deterministic failure, which replaying the same queues would
 * only repeat: the sink's checks, a corrupt frame, no space, a usage error.
 */
public final class ExitCodes
{
    /** The run completed and every check passed. */
    public static final int OK = 0;

    /** The run failed: a check, a stage, or an error while running; for a stage, an error that may not repeat. */
    public static final int FAILED = 1;

    /** Bad flags, a missing input or an unwritable output: nothing was run. */
    public static final int USAGE = 2;

    /** A child of the launcher stopped because its launcher is gone; or, for clean-up, the launcher was stopped. */
    public static final int LAUNCHER_GONE = 3;

    /** The sink received the whole run, but its checks failed: counts that do not add up. Deterministic. */
    public static final int CHECKS_FAILED = 4;

    /**
     * A corrupt, out-of-sequence or miscounted frame on an edge, or a queue or input that does not hold what its
     * checkpoint says: replaying reads the same bytes again. Deterministic.
     */
    public static final int CORRUPT_FRAME = 5;

    /** A memory-mapped file could not be written: no space left in its directory. Deterministic. */
    public static final int NO_SPACE = 6;

    /**
     * A paced run ({@code --rate}) ended further behind its schedule than allowed: the target rate was not achieved.
     * Its figures are still written. Deterministic on a given machine and load: not a crash to retry.
     */
    public static final int RATE_NOT_ACHIEVED = 7;

    private static final int SIGNAL_BASE = 128;
    private static final int MAX_SIGNAL = 64;

    private ExitCodes()
    {
    }

    /**
     * Whether a failed stage process may succeed if it is started again: it was killed by a signal (status
     * 128 + n, as a {@link Process} reports it), or failed with {@link #FAILED}, an error of the moment such as a lost
     * upstream or downstream process. Every other non-zero status is deterministic.
     *
     * @param status the exit status.
     * @return true if a restart can help.
     */
    public static boolean isRetryable(final int status)
    {
        return FAILED == status || isSignal(status);
    }

    /**
     * Whether a status is that of a process killed by a signal.
     *
     * @param status the exit status.
     * @return true for 128 + n, n a signal number.
     */
    public static boolean isSignal(final int status)
    {
        return status > SIGNAL_BASE && status <= SIGNAL_BASE + MAX_SIGNAL;
    }

    /**
     * What a status means, in a few words, for the launcher's messages.
     *
     * @param status the exit status.
     * @return a description, empty for a status with no fixed meaning.
     */
    public static String describe(final int status)
    {
        switch (status)
        {
            case USAGE:
                return "usage error";
            case LAUNCHER_GONE:
                return "its launcher is gone";
            case CHECKS_FAILED:
                return "checks failed";
            case CORRUPT_FRAME:
                return "corrupt or inconsistent frames";
            case NO_SPACE:
                return "no space left";
            case RATE_NOT_ACHIEVED:
                return "target rate not achieved";
            case SIGNAL_BASE + 6:
                return "aborted: SIGABRT";
            case SIGNAL_BASE + 9:
                return "killed: SIGKILL";
            case SIGNAL_BASE + 15:
                return "terminated: SIGTERM";
            default:
                return isSignal(status) ? "killed by signal " + (status - SIGNAL_BASE) : "";
        }
    }
}
