package org.eventpipe.stage;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.eventpipe.codec.FrameEncoder;
import org.eventpipe.codec.StageId;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.workload.EntryCodec;

/**
 * Collects a stage's outgoing events into preallocated slots and sends them as one batch frame when the batch is
 * full (by events or by frame length), when the linger deadline of its first event passes, or when the stage says so
 * (its input is drained, or the stream ends). Frames are encoded straight from the slots into the claimed space.
 */
public final class EventBatcher implements EdgePublisher.FrameWriter
{
    /** What the batch frames carry. */
    public enum Kind
    {
        /** Raw lines, ingest to parse. */
        RAW_LINES,
        /** A workload's entries, parse to rules and rules to aggregate, encoded as they are appended. */
        ENTRIES,
        /** Rejected lines, parse onwards. */
        REJECTS
    }

    private final Kind kind;
    private final StageId sender;
    private final EdgePublisher publisher;
    private final FrameEncoder encoder;
    private final int maxEvents;
    private final long lingerNanos;
    private final PipelineEvent[] slots;
    private final EntryCodec codec;
    private final int entryLength;
    private final int entryStart;
    private final UnsafeBuffer entries;

    private int count;
    private int payloadBytes;
    private long firstEventNanos;
    private EventBatcher companion;

    /**
     * Create a batcher.
     *
     * @param kind        of frames.
     * @param sender      stage sending them.
     * @param publisher   of the edge.
     * @param encoder     shared by the stage's batchers.
     * @param maxEvents   events per frame at most.
     * @param lingerNanos longest time a partial batch waits, 0 for no limit.
     */
    public EventBatcher(
        final Kind kind,
        final StageId sender,
        final EdgePublisher publisher,
        final FrameEncoder encoder,
        final int maxEvents,
        final long lingerNanos)
    {
        this(kind, sender, publisher, encoder, maxEvents, lingerNanos, null);
    }

    /**
     * Create a batcher of entries, or of another kind.
     *
     * @param kind        of frames.
     * @param sender      stage sending them.
     * @param publisher   of the edge.
     * @param encoder     shared by the stage's batchers.
     * @param maxEvents   events per frame at most.
     * @param lingerNanos longest time a partial batch waits, 0 for no limit.
     * @param codec       of the workload's entries, for {@link Kind#ENTRIES}; null otherwise.
     */
    public EventBatcher(
        final Kind kind,
        final StageId sender,
        final EdgePublisher publisher,
        final FrameEncoder encoder,
        final int maxEvents,
        final long lingerNanos,
        final EntryCodec codec)
    {
        if (maxEvents < 1 || maxEvents > FrameEncoder.MAX_EVENTS_PER_FRAME)
        {
            throw new IllegalArgumentException("batch must be in [1, " + FrameEncoder.MAX_EVENTS_PER_FRAME + "]: " +
                maxEvents);
        }
        this.kind = kind;
        this.sender = sender;
        this.publisher = publisher;
        this.encoder = encoder;
        this.maxEvents = maxEvents;
        this.lingerNanos = lingerNanos;
        if (Kind.ENTRIES == kind)
        {
            if (null == codec)
            {
                throw new IllegalArgumentException("a batcher of entries needs the workload's entry codec");
            }
            this.codec = codec;
            this.entryLength = codec.entryLength();
            final int fitting = (publisher.maxFrameLength() - FrameEncoder.entryBatchLength(entryLength, 0)) /
                entryLength;
            if (fitting < 1)
            {
                throw new IllegalArgumentException("an entry of " + entryLength + " bytes does not fit a frame of " +
                    publisher.maxFrameLength() + " bytes");
            }
            this.entryStart = FrameEncoder.entryBatchLength(entryLength, 0);
            this.entries = new UnsafeBuffer(new byte[entryStart + Math.min(maxEvents, fitting) * entryLength]);
            this.slots = null;
            return;
        }
        this.codec = null;
        this.entryLength = 0;
        this.entryStart = 0;
        this.entries = null;
        this.slots = new PipelineEvent[maxEvents];
        for (int i = 0; i < maxEvents; i++)
        {
            slots[i] = new PipelineEvent();
            if (Kind.RAW_LINES == kind || Kind.REJECTS == kind)
            {
                slots[i].reserveLine(PipelineEvent.DEFAULT_LINE_CAPACITY);
            }
        }
    }

    /**
     * The next free slot, sending the pending batch first if the entry would not fit.
     *
     * @param entryBytes variable bytes the entry adds (line or excerpt length), 0 for fixed-size events.
     * @return the slot to fill; it is part of the batch once returned.
     */
    public PipelineEvent claim(final int entryBytes)
    {
        return slots[reserve(entryBytes)];
    }

    /**
     * Append an accepted event's entry, encoded at once by the workload's codec.
     *
     * @param event holding the entry.
     */
    public void append(final PipelineEvent event)
    {
        codec.encode(event, entries, entryStart + reserve(entryLength) * entryLength);
    }

    /**
     * Append an entry already encoded, as it came in a frame.
     *
     * @param buffer holding the entry.
     * @param offset of the entry, {@link EntryCodec#entryLength()} bytes.
     */
    public void append(final DirectBuffer buffer, final int offset)
    {
        entries.putBytes(entryStart + reserve(entryLength) * entryLength, buffer, offset, entryLength);
    }

    private int reserve(final int entryBytes)
    {
        if (null != companion && companion.count > 0)
        {
            companion.sendPending();
        }
        if (count == maxEvents || frameLength(count + 1, payloadBytes + entryBytes) > publisher.maxFrameLength())
        {
            flush();
        }
        if (0 == count && lingerNanos > 0)
        {
            firstEventNanos = System.nanoTime();
        }
        payloadBytes += entryBytes;
        return count++;
    }

    /**
     * Send the batch if it is full.
     */
    public void flushIfFull()
    {
        if (count == maxEvents)
        {
            flush();
        }
    }

    /**
     * Send the batch if its first event has waited for the linger time.
     *
     * @param nowNanos {@link System#nanoTime()}.
     */
    public void flushIfLingered(final long nowNanos)
    {
        if (count > 0 && lingerNanos > 0 && nowNanos - firstEventNanos >= lingerNanos)
        {
            flush();
        }
    }

    /**
     * Pair two batchers of one edge so that at most one of them holds events: claiming a slot in one sends the other's
     * pending batch first. Needed when every frame carries the stage's checkpoint (see
     * {@link org.eventpipe.bridge.StageCheckpoint}): the checkpoint covers every event done so far, so a frame may be
     * sent with it only when no event done is waiting in the other batcher. Flushing both together is not enough: a
     * stage that dies between the two frames would resume from the first one's checkpoint, which covers the events of
     * the second, and lose them. The price is smaller frames where the two kinds of events alternate (parsed events and
     * rejects, in input with bad lines).
     *
     * @param other batcher of the same stage.
     */
    public void pairWith(final EventBatcher other)
    {
        this.companion = other;
        other.companion = this;
    }

    /**
     * Send the pending batch, if any.
     */
    public void flush()
    {
        if (count > 0)
        {
            if (null != companion)
            {
                companion.sendPending();
            }
            sendPending();
        }
    }

    private void sendPending()
    {
        if (count > 0)
        {
            publisher.publish(frameLength(count, payloadBytes), count, this);
            count = 0;
            payloadBytes = 0;
        }
    }

    /**
     * Events waiting in the batch.
     *
     * @return the count.
     */
    public int size()
    {
        return count;
    }

    /**
     * {@inheritDoc}
     */
    public int write(final MutableDirectBuffer buffer, final int offset)
    {
        final long sequence = publisher.nextSequence();
        switch (kind)
        {
            case RAW_LINES:
                return encoder.encodeRawLineBatch(buffer, offset, sender, sequence, System.nanoTime(), slots, count);
            case ENTRIES:
            {
                final int length = encoder.encodeEntryBatchHeader(entries, 0, sender, sequence, codec, count);
                buffer.putBytes(offset, entries, 0, length);
                return length;
            }
            default:
                return encoder.encodeRejectBatch(buffer, offset, sender, sequence, slots, count);
        }
    }

    /**
     * {@inheritDoc}: a batch of entries is built whole in the batcher's own buffer, the entries encoded in place as
     * they were appended, so a frame too long to claim is offered from there without another copy.
     */
    public DirectBuffer frame(final long sequence)
    {
        if (Kind.ENTRIES != kind)
        {
            return null;
        }
        encoder.encodeEntryBatchHeader(entries, 0, sender, sequence, codec, count);
        return entries;
    }

    private int frameLength(final int events, final int bytes)
    {
        switch (kind)
        {
            case RAW_LINES:
                return FrameEncoder.rawLineBatchLength(events, bytes);
            case REJECTS:
                return FrameEncoder.rejectBatchLength(events, bytes);
            default:
                return FrameEncoder.entryBatchLength(entryLength, events);
        }
    }
}
