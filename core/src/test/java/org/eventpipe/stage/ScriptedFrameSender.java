package org.eventpipe.stage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.eventpipe.bridge.FrameSender;
import org.eventpipe.recovery.DurableOutput;
import org.eventpipe.recovery.StageCheckpoint;

/**
 * A {@link FrameSender} that answers each send attempt from a script of result codes, then succeeds (or repeats a
 * fixed failure forever), and keeps a copy of every frame committed or offered.
 */
final class ScriptedFrameSender implements FrameSender, DurableOutput
{
    private final Deque<Long> script = new ArrayDeque<>();
    private final List<byte[]> frames = new ArrayList<>();
    private final UnsafeBuffer claimBuffer;
    private final int maxClaimLength;
    private final int maxFrameLength;
    private long alwaysResult;
    private int claimLength = -1;
    private int claimAttempts;
    private int offerAttempts;
    private int aborts;
    private boolean storesCheckpoints;
    private StageCheckpoint lastCheckpoint;

    ScriptedFrameSender(final int maxClaimLength, final int maxFrameLength)
    {
        this.maxClaimLength = maxClaimLength;
        this.maxFrameLength = maxFrameLength;
        this.claimBuffer = new UnsafeBuffer(new byte[maxClaimLength + 64]);
    }

    ScriptedFrameSender storingCheckpoints()
    {
        storesCheckpoints = true;
        return this;
    }

    /**
     * Store checkpoints, as if an earlier process of the stage had sent a frame with this one: the stage is being
     * restarted.
     */
    ScriptedFrameSender restartingFrom(final StageCheckpoint last)
    {
        storesCheckpoints = true;
        lastCheckpoint = new StageCheckpoint().copyFrom(last);
        return this;
    }

    public void recordCheckpoints(final StageCheckpoint checkpoint)
    {
        if (!storesCheckpoints)
        {
            throw new IllegalStateException("this sender stores no checkpoints");
        }
    }

    public boolean readLastCheckpoint(final StageCheckpoint checkpoint)
    {
        if (null == lastCheckpoint)
        {
            return false;
        }
        checkpoint.copyFrom(lastCheckpoint);
        return true;
    }

    ScriptedFrameSender then(final long... results)
    {
        for (final long result : results)
        {
            script.add(result);
        }
        return this;
    }

    ScriptedFrameSender always(final long result)
    {
        alwaysResult = result;
        return this;
    }

    List<byte[]> frames()
    {
        return frames;
    }

    int claimAttempts()
    {
        return claimAttempts;
    }

    int offerAttempts()
    {
        return offerAttempts;
    }

    int aborts()
    {
        return aborts;
    }

    private long nextResult()
    {
        if (!script.isEmpty())
        {
            return script.poll();
        }
        return alwaysResult;
    }

    public long tryClaim(final int length)
    {
        claimAttempts++;
        if (length > maxClaimLength)
        {
            throw new IllegalArgumentException("claim of " + length + " > " + maxClaimLength);
        }
        final long result = nextResult();
        if (result >= 0)
        {
            claimLength = length;
            claimBuffer.setMemory(0, claimBuffer.capacity(), (byte)0);
        }
        return result;
    }

    public MutableDirectBuffer claimBuffer()
    {
        return claimBuffer;
    }

    public int claimOffset()
    {
        return 32;
    }

    public void commit()
    {
        final byte[] frame = new byte[claimLength];
        claimBuffer.getBytes(claimOffset(), frame);
        frames.add(frame);
        claimLength = -1;
    }

    public void abort()
    {
        aborts++;
        claimLength = -1;
    }

    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        offerAttempts++;
        if (length > maxFrameLength)
        {
            throw new IllegalArgumentException("offer of " + length + " > " + maxFrameLength);
        }
        final long result = nextResult();
        if (result >= 0)
        {
            final byte[] frame = new byte[length];
            buffer.getBytes(offset, frame);
            frames.add(frame);
        }
        return result;
    }

    public int maxClaimLength()
    {
        return maxClaimLength;
    }

    public int maxFrameLength()
    {
        return maxFrameLength;
    }

    public boolean isConnected()
    {
        return alwaysResult != NOT_CONNECTED;
    }

    public String description()
    {
        return "scripted sender";
    }

    public void close()
    {
    }
}
