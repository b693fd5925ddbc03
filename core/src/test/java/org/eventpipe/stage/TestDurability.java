package org.eventpipe.stage;

import org.eventpipe.bridge.FrameReceiver;
import org.eventpipe.bridge.FrameSender;
import org.eventpipe.recovery.DurableInput;
import org.eventpipe.recovery.DurableLink;
import org.eventpipe.recovery.DurableOutput;
import org.eventpipe.recovery.StageCheckpoint;

/**
 * A durable side for test senders and receivers: a sender that stores checkpoints ({@link ScriptedFrameSender}) is
 * its own {@link DurableOutput}; a receiver that cannot seek has positions of {@link StageCheckpoint#NULL_POSITION}.
 */
final class TestDurability implements DurableLink
{
    static final DurableInput NOT_SEEKABLE = new DurableInput()
    {
        public long framePosition()
        {
            return StageCheckpoint.NULL_POSITION;
        }

        public boolean seek(final long position)
        {
            return false;
        }

        public void releaseBefore(final long position)
        {
        }
    };

    public DurableOutput output(final FrameSender sender)
    {
        return (DurableOutput)sender;
    }

    public DurableInput input(final FrameReceiver receiver)
    {
        return receiver instanceof DurableInput ? (DurableInput)receiver : NOT_SEEKABLE;
    }
}
