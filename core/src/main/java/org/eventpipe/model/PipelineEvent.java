package org.eventpipe.model;

/**
 * The mutable, reusable event that carries one input line through the pipeline. Instances are preallocated (one per
 * ring buffer slot, or one per stage) and never handed out of the thread that fills them.
 * <p>
 * The line bytes are held in a buffer that grows on demand up to the maximum length its owner passes, so that in steady
 * state no allocation happens. A line longer than that is kept truncated, with {@link #lineLength()} telling its true
 * length. An owner that keeps many events and must bound their memory (the monolith's ring slots) passes a small
 * maximum and lends a long line a larger buffer for as long as the event holds it ({@link #borrowLine(byte[])}).
 */
public final class PipelineEvent
{
    /** Line capacity {@link #reserveLine} gives by default: room for the workload's lines with plenty to spare. */
    public static final int DEFAULT_LINE_CAPACITY = 256;

    private static final byte[] NO_LINE = new byte[0];

    private byte[] line = NO_LINE;
    private byte[] ownLine;
    private int lineLength;
    private int storedLineLength;
    private long lineNumber;
    private long ingestNanos;

    private int userId;
    private EventType type;
    private int value;
    private long timestamp;

    private Outcome outcome = Outcome.PENDING;
    private RejectReason rejectReason;
    private Object entry;

    /**
     * Reset the parsed fields and copy a line into the event.
     *
     * @param source      bytes of the line.
     * @param offset      of the first byte of the line.
     * @param length      true length of the line, may exceed {@code maxLength}.
     * @param maxLength   the longest line kept whole; longer lines are truncated to this length.
     * @param lineNumber  of the line in the input, starting at 1.
     */
    public void setLine(
        final byte[] source, final int offset, final int length, final int maxLength, final long lineNumber)
    {
        final byte[] target = prepareLine(length, maxLength, lineNumber);
        System.arraycopy(source, offset, target, 0, Math.min(length, maxLength));
    }

    /**
     * Allocate the line buffer up front. Events are created without one so that an owner can first allocate all its
     * events, then all their buffers: the event objects then lie next to each other in memory, and the handlers that
     * never touch the line bytes (rules, aggregate) stream through a quarter of the memory.
     *
     * @param capacity of the line buffer in bytes.
     */
    public void reserveLine(final int capacity)
    {
        if (capacity > line.length)
        {
            line = new byte[capacity];
        }
    }

    /**
     * Hold the next lines in a buffer lent by the event's owner instead of the event's own, until
     * {@link #returnBorrowedLine()}: how a ring slot with a small buffer carries a long line while its own buffer stays
     * small.
     *
     * @param buffer to hold the lines; the caller must not use it until it is returned.
     * @throws IllegalStateException if the event already holds a borrowed buffer.
     */
    public void borrowLine(final byte[] buffer)
    {
        if (null != ownLine)
        {
            throw new IllegalStateException("line " + lineNumber + " already holds a borrowed buffer");
        }
        ownLine = line;
        line = buffer;
    }

    /**
     * Give back the buffer lent by {@link #borrowLine(byte[])}, if any, and hold lines in the event's own buffer again.
     * The line held is then no longer valid.
     *
     * @return the borrowed buffer, or null if the event held none.
     */
    public byte[] returnBorrowedLine()
    {
        final byte[] own = ownLine;
        if (null == own)
        {
            return null;
        }
        final byte[] borrowed = line;
        line = own;
        ownLine = null;
        lineLength = 0;
        storedLineLength = 0;
        return borrowed;
    }

    /**
     * Reset the parsed fields and make room for a line that the caller then copies into {@link #line()} from index 0,
     * for instance straight from a decoder.
     *
     * @param length     true length of the line, may exceed {@code maxLength}.
     * @param maxLength  the longest line kept whole.
     * @param lineNumber of the line in the input, starting at 1.
     * @return the buffer to copy the first {@code min(length, maxLength)} bytes of the line into.
     */
    public byte[] prepareLine(final int length, final int maxLength, final long lineNumber)
    {
        final int kept = Math.min(length, maxLength);
        if (kept > line.length)
        {
            line = new byte[Math.min(Math.max(kept, line.length << 1), maxLength)];
        }
        this.lineLength = length;
        this.storedLineLength = kept;
        this.lineNumber = lineNumber;
        clearParsed();
        return line;
    }

    /**
     * Set the fields every workload's entry carries, as decoded from a frame: line number and ingest stamp, the line
     * and the events workload's fields cleared, the outcome {@link Outcome#ACCEPTED}. The codec sets the rest of the
     * entry (see {@link #entry()}).
     *
     * @param lineNumber  of the line in the input.
     * @param ingestNanos {@link System#nanoTime()} at which ingest published it.
     */
    public void setDecoded(final long lineNumber, final long ingestNanos)
    {
        setDecoded(lineNumber, ingestNanos, 0, null, 0, 0);
    }

    /**
     * Set the fields of an accepted event decoded from a frame, with its outcome.
     *
     * @param lineNumber  of the line in the input.
     * @param ingestNanos {@link System#nanoTime()} at which ingest published it.
     * @param userId      of the event.
     * @param type        of the event.
     * @param value       of the event.
     * @param timestamp   of the event, epoch milliseconds.
     */
    public void setDecoded(
        final long lineNumber,
        final long ingestNanos,
        final int userId,
        final EventType type,
        final int value,
        final long timestamp)
    {
        this.lineNumber = lineNumber;
        this.ingestNanos = ingestNanos;
        this.lineLength = 0;
        this.storedLineLength = 0;
        setParsed(userId, type, value, timestamp);
    }

    /**
     * Reset the parsed fields, keeping the line.
     */
    public void clearParsed()
    {
        userId = 0;
        type = null;
        value = 0;
        timestamp = 0;
        outcome = Outcome.PENDING;
        rejectReason = null;
    }

    /**
     * Set the parsed fields of an accepted event.
     *
     * @param userId    of the event.
     * @param type      of the event.
     * @param value     of the event.
     * @param timestamp of the event, epoch milliseconds.
     */
    public void setParsed(final int userId, final EventType type, final int value, final long timestamp)
    {
        this.userId = userId;
        this.type = type;
        this.value = value;
        this.timestamp = timestamp;
        this.outcome = Outcome.ACCEPTED;
        this.rejectReason = null;
    }

    /**
     * Mark the event as rejected.
     *
     * @param reason why it was rejected.
     */
    public void reject(final RejectReason reason)
    {
        this.outcome = Outcome.REJECTED;
        this.rejectReason = reason;
    }

    /**
     * Buffer holding the line bytes from index 0.
     *
     * @return the buffer; only the first {@link #storedLineLength()} bytes are valid.
     */
    public byte[] line()
    {
        return line;
    }

    /**
     * True length of the line, which exceeds {@link #storedLineLength()} when the line was truncated.
     *
     * @return length of the line in bytes.
     */
    public int lineLength()
    {
        return lineLength;
    }

    /**
     * Number of line bytes held in {@link #line()}.
     *
     * @return bytes stored.
     */
    public int storedLineLength()
    {
        return storedLineLength;
    }

    /**
     * Line number in the input, starting at 1.
     *
     * @return the line number.
     */
    public long lineNumber()
    {
        return lineNumber;
    }

    /**
     * Set the line number.
     *
     * @param lineNumber in the input, starting at 1.
     */
    public void lineNumber(final long lineNumber)
    {
        this.lineNumber = lineNumber;
    }

    /**
     * {@link System#nanoTime()} at which ingest published the event.
     *
     * @return the ingest timestamp.
     */
    public long ingestNanos()
    {
        return ingestNanos;
    }

    /**
     * Set the ingest timestamp.
     *
     * @param ingestNanos {@link System#nanoTime()} at which ingest published the event.
     */
    public void ingestNanos(final long ingestNanos)
    {
        this.ingestNanos = ingestNanos;
    }

    /**
     * User of an accepted event.
     *
     * @return the user id.
     */
    public int userId()
    {
        return userId;
    }

    /**
     * Type of an accepted event.
     *
     * @return the type, or null if not parsed.
     */
    public EventType type()
    {
        return type;
    }

    /**
     * Value of an accepted event.
     *
     * @return the value.
     */
    public int value()
    {
        return value;
    }

    /**
     * Timestamp of an accepted event.
     *
     * @return epoch milliseconds.
     */
    public long timestamp()
    {
        return timestamp;
    }

    /**
     * What the pipeline decided so far.
     *
     * @return the outcome.
     */
    public Outcome outcome()
    {
        return outcome;
    }

    /**
     * Set the outcome.
     *
     * @param outcome decided.
     */
    public void outcome(final Outcome outcome)
    {
        this.outcome = outcome;
    }

    /**
     * Why the event was rejected.
     *
     * @return the reason, or null if not rejected.
     */
    public RejectReason rejectReason()
    {
        return rejectReason;
    }

    /**
     * The entry a workload attaches to the event when its own fields do not hold the entry (see
     * {@link org.eventpipe.workload.Workload#newEntry()}): created once per event, reused, and left alone by
     * {@link #clearParsed()}.
     *
     * @return the entry, or null for the events workload.
     */
    public Object entry()
    {
        return entry;
    }

    /**
     * Attach a workload's entry, once, where the event is created.
     *
     * @param entry to attach.
     * @return this.
     */
    public PipelineEvent entry(final Object entry)
    {
        this.entry = entry;
        return this;
    }
}
