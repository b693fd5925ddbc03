package org.eventpipe.stage;

import java.nio.ByteOrder;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.eventpipe.bridge.Edge;
import org.eventpipe.bridge.FrameConsumer;
import org.eventpipe.bridge.FrameReceiver;
import org.eventpipe.cli.ExitCodes;
import org.eventpipe.codec.CorruptFrameException;
import org.eventpipe.codec.EndOfStreamCounts;
import org.eventpipe.codec.FrameDecoder;
import org.eventpipe.codec.FrameEncoder;
import org.eventpipe.codec.FrameHandler;
import org.eventpipe.codec.FrameType;
import org.eventpipe.codec.StageId;
import org.eventpipe.codec.StageMetricsSnapshot;
import org.eventpipe.metrics.LatencyRecorder;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.workload.Workload;
import org.eventpipe.workload.WorkloadResults;

/**
 * The input side of a stage, in the shape of Aeron's adapters: owns the receiver of its input edge and the decoder,
 * checks the edge protocol, and dispatches the decoded entries to the stage's {@link StageStep}. {@link #poll()}
 * returns the number of frames delivered.
 * <p>
 * The protocol checks: every frame is valid as a whole before any entry is dispatched (a corrupt frame fails the
 * stage); it comes from the expected upstream stage; sequence numbers have no gap; nothing follows the end of stream;
 * the end of stream's frame and event counts equal what arrived; and the upstream stays connected until its end of
 * stream, and connects within the connect timeout. A violation throws a {@link StageFailure} that names the stage,
 * the edge and the sequence number.
 * <p>
 * Exceptions are never thrown through the transport's poll (Aeron would report and skip them): the first one is kept
 * and rethrown once the poll returns.
 * <p>
 * When a {@link StageRecovery} is attached, it learns of every frame and entry boundary, and tells the adapter which
 * entries of the first frame after a restart were already done: those are not dispatched again.
 */
public final class InputAdapter implements FrameConsumer, FrameHandler
{
    private static final int COMMIT_NANOS_OFFSET = FrameEncoder.COMMIT_NANOS_OFFSET;

    private final String stageName;
    private final StageId upstreamId;
    private final Edge edge;
    private final FrameReceiver receiver;
    private final FrameDecoder decoder;
    private final StageStep step;
    private final StageMetricsRecorder metrics;
    private final int frameLimit;
    private final long connectTimeoutNanos;
    private final EndOfStreamCounts upstreamCounts = new EndOfStreamCounts();
    private final Histogram transit = new Histogram(LatencyRecorder.HIGHEST_TRACKABLE_NANOS, 3);

    private StageRecovery recovery;
    private RuntimeException failure;
    private long expectedSequence;
    private long framesReceived;
    private long eventsReceived;
    private int framesThisPoll;
    private boolean inputDrained;
    private boolean endOfStream;
    private boolean everConnected;
    private boolean started;
    private long createdNanos;
    private long eventsToSkip;
    private int currentEventCount;

    /**
     * Create the adapter.
     *
     * @param stageId    of the stage it feeds.
     * @param upstreamId of the stage sending on the edge.
     * @param edge       received on.
     * @param receiver   of the edge.
     * @param step       to dispatch entries to.
     * @param metrics    of the stage.
     * @param settings   of the run.
     * @param workload   whose entries the edge carries.
     */
    public InputAdapter(
        final StageId stageId,
        final StageId upstreamId,
        final Edge edge,
        final FrameReceiver receiver,
        final StageStep step,
        final StageMetricsRecorder metrics,
        final StageSettings settings,
        final Workload workload)
    {
        this.stageName = stageId.name().toLowerCase(Locale.ROOT);
        this.upstreamId = upstreamId;
        this.edge = edge;
        this.receiver = receiver;
        this.step = step;
        this.metrics = metrics;
        this.decoder = new FrameDecoder(this, settings.maxLineLength(), workload);
        this.frameLimit = settings.frameLimit();
        this.connectTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(settings.connectTimeoutMs());
        this.createdNanos = System.nanoTime();
    }

    /**
     * Attach the recovery of a stage whose transport persists frames.
     *
     * @param recovery to tell of frame and entry boundaries.
     */
    public void recovery(final StageRecovery recovery)
    {
        this.recovery = recovery;
    }

    /**
     * Continue the edge's checks after a restart, from the input frame a checkpoint names.
     *
     * @param sequence     of that frame: the next one expected.
     * @param framesBefore frames received before it.
     * @param eventsBefore events received before it.
     */
    public void resumeAt(final long sequence, final long framesBefore, final long eventsBefore)
    {
        expectedSequence = sequence;
        framesReceived = framesBefore;
        eventsReceived = eventsBefore;
    }

    /**
     * Start the connect timeout now.
     *
     * @param nowNanos {@link System#nanoTime()}.
     */
    public void onStart(final long nowNanos)
    {
        createdNanos = nowNanos;
    }

    /**
     * Deliver the frames available, up to the frame limit, to the step.
     *
     * @return the number of frames delivered.
     * @throws StageFailure if a frame breaks the edge protocol.
     */
    public int poll()
    {
        framesThisPoll = 0;
        final int fragments = receiver.poll(this, frameLimit);
        if (null != failure)
        {
            throw failure;
        }
        inputDrained = fragments < frameLimit;
        return framesThisPoll;
    }

    /**
     * Whether the last {@link #poll()} took everything that was available: the end-of-poll signal for flushing.
     *
     * @return true if the input had nothing more this duty cycle.
     */
    public boolean isInputDrained()
    {
        return inputDrained;
    }

    /**
     * Whether the upstream's end of stream arrived, all its frames and events accounted for.
     *
     * @return true once the end of stream is received.
     */
    public boolean isEndOfStream()
    {
        return endOfStream;
    }

    /**
     * The counts the upstream's end of stream carried.
     *
     * @return the counts, valid once {@link #isEndOfStream()}.
     */
    public EndOfStreamCounts upstreamCounts()
    {
        return upstreamCounts;
    }

    /**
     * The edge received on.
     *
     * @return the edge.
     */
    public Edge edge()
    {
        return edge;
    }

    /**
     * The receiver of the edge.
     *
     * @return the receiver.
     */
    public FrameReceiver receiver()
    {
        return receiver;
    }

    /**
     * Name of the upstream stage.
     *
     * @return lower-case stage name.
     */
    public String upstreamName()
    {
        return upstreamId.name().toLowerCase(Locale.ROOT);
    }

    /**
     * With nothing received this duty cycle: fail if the upstream went away before its end of stream, or never
     * connected within the connect timeout.
     *
     * @param nowNanos {@link System#nanoTime()}.
     * @throws StageFailure if so.
     */
    public void checkUpstream(final long nowNanos)
    {
        if (receiver.isConnected())
        {
            everConnected = true;
            return;
        }
        if (everConnected || receiver.isSenderGone())
        {
            throw new StageFailure("stage " + stageName + ": upstream stage " + upstreamName() +
                " went away before its end of stream on edge " + edge.edgeName() + " after frame " +
                (expectedSequence - 1));
        }
        if (nowNanos - createdNanos > connectTimeoutNanos)
        {
            throw new StageFailure("stage " + stageName + ": no upstream stage " + upstreamName() +
                " connected on edge " + edge.edgeName() + " (" + receiver.description() + ") within " +
                TimeUnit.NANOSECONDS.toMillis(connectTimeoutNanos) + " ms");
        }
    }

    /**
     * Per-frame transit time of the batch frames on this input edge (raw line, entry and reject batches): the poll
     * time less the nanoTime at which the sender encoded the frame to commit it
     * ({@link FrameEncoder#COMMIT_NANOS_OFFSET}). One {@link System#nanoTime()} per frame on each side, no allocation.
     * A frame held up by back-pressure before it was committed counts that wait too.
     *
     * @return the histogram in nanoseconds.
     */
    public Histogram transit()
    {
        return transit;
    }

    /**
     * {@inheritDoc}
     */
    public void onFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        if (null != failure)
        {
            return;
        }
        try
        {
            handleFrame(buffer, offset, length);
        }
        catch (final RuntimeException ex)
        {
            failure = ex;
        }
    }

    private void handleFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        if (null != recovery)
        {
            recovery.onFrame();
        }
        final long startNanos = System.nanoTime();
        if (!started)
        {
            started = true;
            metrics.start(startNanos);
        }
        final long sendingBefore = metrics.sendingNanos();
        final FrameType type;
        try
        {
            type = decoder.frameType(decoder.decode(buffer, offset, length));
        }
        catch (final CorruptFrameException ex)
        {
            throw new StageFailure("stage " + stageName + ": corrupt frame on edge " + edge.edgeName() +
                " where sequence " + expectedSequence + " was expected (a frame of " + length + " bytes): " +
                ex.getMessage(), ex, ExitCodes.CORRUPT_FRAME);
        }
        framesThisPoll++;
        if (type == FrameType.RAW_LINE_BATCH || type == FrameType.ENTRY_BATCH || type == FrameType.REJECT_BATCH)
        {
            // transit of this edge: from the nanoTime the sender stamped as it committed the frame to the poll
            final long nanos = startNanos - buffer.getLong(offset + COMMIT_NANOS_OFFSET, ByteOrder.LITTLE_ENDIAN);
            transit.recordValue(Math.max(0, Math.min(nanos, LatencyRecorder.HIGHEST_TRACKABLE_NANOS)));
        }
        if (type == FrameType.REJECT_BATCH || type == FrameType.STAGE_METRICS)
        {
            if (null == recovery || !recovery.skipPassThrough())
            {
                step.onPassThrough(type, buffer, offset, length, currentEventCount);
            }
        }
        if (null != recovery && type != FrameType.END_OF_STREAM)
        {
            recovery.onFrameDone();
        }
        final long endNanos = System.nanoTime();
        if (type.carriesEvents())
        {
            metrics.onEventsHandled(endNanos);
        }
        metrics.addProcessing(endNanos - startNanos - (metrics.sendingNanos() - sendingBefore));
    }

    /**
     * {@inheritDoc}
     */
    public void onFrameHeader(final FrameType type, final StageId sender, final long sequence, final int eventCount)
    {
        if (endOfStream)
        {
            throw StageFailure.deterministic("stage " + stageName + ": frame " + sequence + " (" + type +
                ") after the end of stream on edge " + edge.edgeName());
        }
        if (sender != upstreamId)
        {
            throw StageFailure.deterministic("stage " + stageName + ": frame " + sequence + " on edge " +
                edge.edgeName() + " comes from stage " + sender + ", expected " + upstreamId);
        }
        if (sequence != expectedSequence)
        {
            throw StageFailure.deterministic("stage " + stageName + ": frame sequence gap on edge " + edge.edgeName() +
                ": expected " + expectedSequence + ", got " + sequence + " (" + type + ")");
        }
        eventsToSkip = null == recovery ? 0 :
            recovery.onFrameHeader(sequence, framesReceived, eventsReceived, eventCount);
        currentEventCount = eventCount;
        expectedSequence++;
        if (type != FrameType.END_OF_STREAM)
        {
            framesReceived++;
            eventsReceived += eventCount;
        }
        // the end of stream too: the sender counts it among its frames out, so both ends of an edge agree
        metrics.onFrameIn(eventCount);
    }

    /**
     * {@inheritDoc}
     */
    public void onRawLine(final PipelineEvent event)
    {
        if (eventsToSkip > 0)
        {
            eventsToSkip--;
            return;
        }
        step.onRawLine(event);
        if (null != recovery)
        {
            recovery.onEventDone();
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onEntry(final PipelineEvent event, final DirectBuffer buffer, final int offset)
    {
        if (eventsToSkip > 0)
        {
            eventsToSkip--;
            return;
        }
        step.onEntry(event, buffer, offset);
        if (null != recovery)
        {
            recovery.onEventDone();
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onReject(final PipelineEvent event, final int excerptLength)
    {
        step.onReject(event, excerptLength);
    }

    /**
     * {@inheritDoc}
     */
    public void onResults(final WorkloadResults results)
    {
        step.onResults(results);
    }

    /**
     * {@inheritDoc}
     */
    public void onStageMetrics(final StageMetricsSnapshot snapshot)
    {
        step.onStageMetrics(snapshot);
    }

    /**
     * {@inheritDoc}
     */
    public void onEndOfStream(final EndOfStreamCounts counts)
    {
        upstreamCounts.copyFrom(counts);
        if (counts.framesSent() != framesReceived || counts.eventsSent() != eventsReceived)
        {
            throw StageFailure.deterministic("stage " + stageName + ": lost or duplicated frames on edge " +
                edge.edgeName() + ": upstream " + upstreamName() + " sent " + counts.framesSent() + " frames / " +
                counts.eventsSent() + " events, received " + framesReceived + " frames / " + eventsReceived +
                " events");
        }
        endOfStream = true;
    }
}
