package org.eventpipe.aeron;

import io.aeron.ExclusivePublication;
import io.aeron.logbuffer.BufferClaim;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.eventpipe.bridge.FrameSender;

/**
 * Sends frames on an Aeron exclusive publication: in place with {@code tryClaim} up to one MTU, by {@code offer}
 * (fragmented by Aeron) above it. Result codes are Aeron's, passed through unchanged.
 */
public final class AeronFrameSender implements FrameSender
{
    private final ExclusivePublication publication;
    private final BufferClaim bufferClaim = new BufferClaim();
    private final String description;

    /**
     * Wrap a publication.
     *
     * @param publication to send on; closed by {@link #close()}.
     */
    public AeronFrameSender(final ExclusivePublication publication)
    {
        this.publication = publication;
        this.description = publication.channel() + " stream " + publication.streamId();
    }

    /**
     * {@inheritDoc}
     */
    public long tryClaim(final int length)
    {
        return publication.tryClaim(length, bufferClaim);
    }

    /**
     * {@inheritDoc}
     */
    public MutableDirectBuffer claimBuffer()
    {
        return bufferClaim.buffer();
    }

    /**
     * {@inheritDoc}
     */
    public int claimOffset()
    {
        return bufferClaim.offset();
    }

    /**
     * {@inheritDoc}
     */
    public void commit()
    {
        bufferClaim.commit();
    }

    /**
     * {@inheritDoc}
     */
    public void abort()
    {
        bufferClaim.abort();
    }

    /**
     * {@inheritDoc}
     */
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        return publication.offer(buffer, offset, length);
    }

    /**
     * {@inheritDoc}
     */
    public int maxClaimLength()
    {
        return publication.maxPayloadLength();
    }

    /**
     * {@inheritDoc}
     */
    public int maxFrameLength()
    {
        return publication.maxMessageLength();
    }

    /**
     * {@inheritDoc}
     */
    public boolean isConnected()
    {
        return publication.isConnected();
    }

    /**
     * {@inheritDoc}
     */
    public String description()
    {
        return description;
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        publication.close();
    }
}
