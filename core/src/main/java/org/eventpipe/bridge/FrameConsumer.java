package org.eventpipe.bridge;

import org.agrona.DirectBuffer;

/**
 * Takes one received frame.
 */
@FunctionalInterface
public interface FrameConsumer
{
    /**
     * One whole frame.
     *
     * @param buffer holding the frame; valid only during the call.
     * @param offset of the frame.
     * @param length of the frame.
     */
    void onFrame(DirectBuffer buffer, int offset, int length);
}
