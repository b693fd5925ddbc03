package org.eventpipe.cli;

/**
 * A bad flag, value or input file: reported as one line on stderr with exit status 2.
 */
public final class UsageException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * Create an exception.
     *
     * @param message the one line shown to the user.
     */
    public UsageException(final String message)
    {
        super(message);
    }
}
