package org.eventpipe.stage;

import java.util.ArrayList;
import java.util.List;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.eventpipe.codec.FrameDecoder;
import org.eventpipe.codec.FrameHandler;
import org.eventpipe.codec.FrameType;
import org.eventpipe.codec.StageId;
import org.eventpipe.model.PipelineEvent;

/**
 * Decodes frames captured by a {@link ScriptedFrameSender} into what a test asserts on.
 */
final class FrameLog implements FrameHandler
{
    /** Header of one decoded frame with the line numbers it carried. */
    record Frame(FrameType type, StageId sender, long sequence, int eventCount, List<Long> lineNumbers)
    {
    }

    private final List<Frame> frames = new ArrayList<>();
    private List<Long> lineNumbers;

    private FrameLog()
    {
    }

    static List<Frame> decode(final List<byte[]> captured)
    {
        final FrameLog log = new FrameLog();
        final FrameDecoder decoder = new FrameDecoder(log, 1 << 16);
        for (final byte[] frame : captured)
        {
            decoder.decode(new UnsafeBuffer(frame), 0, frame.length);
        }
        return log.frames;
    }

    public void onFrameHeader(final FrameType type, final StageId sender, final long sequence, final int eventCount)
    {
        lineNumbers = new ArrayList<>();
        frames.add(new Frame(type, sender, sequence, eventCount, lineNumbers));
    }

    public void onRawLine(final PipelineEvent event)
    {
        lineNumbers.add(event.lineNumber());
    }

    public void onEntry(final PipelineEvent event, final DirectBuffer buffer, final int offset)
    {
        lineNumbers.add(event.lineNumber());
    }
}
