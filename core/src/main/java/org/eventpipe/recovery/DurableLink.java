package org.eventpipe.recovery;

import org.eventpipe.bridge.FrameReceiver;
import org.eventpipe.bridge.FrameSender;

/**
 * The optional capability of a link whose transport persists frames (see
 * {@link org.eventpipe.bridge.StageLink#durability()}): the durable side of the senders and receivers it opened.
 * Only where it is offered is a stage's recovery wired into a stage; the generic sender and receiver stay narrow.
 */
public interface DurableLink
{
    /**
     * The durable side of a sender this link opened.
     *
     * @param sender returned by {@link org.eventpipe.bridge.StageLink#sender}.
     * @return its checkpoint store.
     */
    DurableOutput output(FrameSender sender);

    /**
     * The durable side of a receiver this link opened.
     *
     * @param receiver returned by {@link org.eventpipe.bridge.StageLink#receiver}.
     * @return its positions.
     */
    DurableInput input(FrameReceiver receiver);
}
