package org.eventpipe.model;

/**
 * What the pipeline decided about one line so far.
 */
public enum Outcome
{
    /** Not yet decided: the line has not been parsed. */
    PENDING,
    /** Parsed into a valid event and kept by the rules. */
    ACCEPTED,
    /** Parsed into a valid event and dropped by the rules. */
    FILTERED,
    /** Rejected by the parser; see the reject reason. */
    REJECTED,
    /** A handler threw while processing the line; counted as a handler error. */
    FAILED
}
