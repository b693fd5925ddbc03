package org.eventpipe.aeron;

import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.eventpipe.bridge.FrameConsumer;
import org.eventpipe.bridge.FrameReceiver;

/**
 * Receives frames from an Aeron subscription, reassembling fragmented ones. The sender is gone when the subscription
 * was connected and no longer is.
 */
public final class AeronFrameReceiver implements FrameReceiver, FragmentHandler
{
    private final Subscription subscription;
    private final FragmentAssembler assembler = new FragmentAssembler(this);
    private final String description;
    private boolean everConnected;
    private FrameConsumer consumer;

    /**
     * Create a receiver.
     *
     * @param subscription to poll; closed by {@link #close()}.
     */
    AeronFrameReceiver(final Subscription subscription)
    {
        this.subscription = subscription;
        this.description = subscription.channel() + " stream " + subscription.streamId();
    }

    /**
     * {@inheritDoc}
     */
    public int poll(final FrameConsumer consumer, final int frameLimit)
    {
        this.consumer = consumer;
        return subscription.poll(assembler, frameLimit);
    }

    /**
     * {@inheritDoc}
     */
    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        consumer.onFrame(buffer, offset, length);
    }

    /**
     * {@inheritDoc}
     */
    public boolean isConnected()
    {
        final boolean connected = subscription.isConnected();
        everConnected |= connected;
        return connected;
    }

    /**
     * {@inheritDoc}
     */
    public boolean isSenderGone()
    {
        return everConnected && !isConnected();
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
        subscription.close();
    }
}
