package org.eventpipe.stage;

import java.util.concurrent.TimeUnit;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.eventpipe.bridge.Edge;
import org.eventpipe.bridge.FrameConsumer;
import org.eventpipe.bridge.FrameReceiver;
import org.eventpipe.bridge.StageCheckpoint;
import org.eventpipe.codec.CorruptFrameException;
import org.eventpipe.codec.EndOfStreamCounts;
import org.eventpipe.codec.FrameDecoder;
import org.eventpipe.codec.FrameEncoder;
import org.eventpipe.codec.FrameHandler;
import org.eventpipe.codec.FrameType;
import org.eventpipe.codec.StageId;

/**
 * The duty cycle shared by every stage with an input: poll a bounded number of frames, decode each (validating it
 * whole first), check that frames arrive in sequence from the expected upstream stage, hand the events to the stage,
 * and flush by policy. When the upstream's end of stream arrives its counts are checked against what was received,
 * then the stage finishes: flushes, sends its metrics and its own end of stream, and terminates.
 * <p>
 * Exceptions are never thrown through the transport's poll (Aeron would report and skip them): the first one is
 * kept and rethrown once the poll returns.
 * <p>
 * A corrupt frame, a sequence gap, a lost or duplicated event, or an upstream that goes away before its end of stream
 * fails the stage with a {@link StageFailure} that names the stage, the edge and the sequence number.
 * <p>
 * Restart: over a transport that stores checkpoints, a stage made {@link #restartable(EdgePublisher, boolean)}
 * keeps its {@link StageCheckpoint} at every event and frame boundary (subclasses call {@link #skipEvent()} and
 * {@link #eventDone()} around each event) and flushes its batches before forwarding a frame, so that the checkpoint
 * sent with each frame is exact. {@link #restore()} resumes a restarted stage from the last one: it seeks the input
 * to the frame being consumed, skips the events already done, and restores the counters. A stage whose output does
 * not follow its input frame by frame in time (the aggregate) replays its input from the start instead and
 * suppresses the frames already sent. A stage that resumes at its checkpoint tells its receiver which input frames it
 * no longer needs ({@link FrameReceiver#releaseBefore(long)}): those before the one its last sent frame's checkpoint
 * resumes at.
 */
public abstract class ReceivingStageAgent implements Agent, FrameConsumer, FrameHandler
{
    protected final String stageName;
    protected final StageId stageId;
    protected final StageSettings settings;
    protected final StageMetricsRecorder metrics;
    protected final FrameEncoder encoder = new FrameEncoder();
    protected final EndOfStreamCounts upstreamCounts = new EndOfStreamCounts();

    private final StageId upstreamId;
    private final Edge inputEdge;
    private final FrameReceiver receiver;
    private final FrameDecoder decoder;
    private final int frameLimit;
    private final long lingerNanos;
    private final long connectTimeoutNanos;
    private final ForwardingWriter forwardingWriter = new ForwardingWriter();

    private RuntimeException failure;
    private long expectedSequence;
    private int currentEventCount;
    private long framesReceived;
    private long eventsReceived;
    private boolean endOfStream;
    private boolean finished;
    private boolean everConnected;
    private boolean started;
    private long startNanos;

    private EdgePublisher restartOutput;
    private boolean replayAfterRestart;
    private boolean releaseInput;
    private StageCheckpoint checkpoint;
    private long framePosition = StageCheckpoint.NULL_POSITION;
    private long frameSequence;
    private long framesBefore;
    private long eventsBefore;
    private long eventsDoneInFrame;
    private long eventsToSkip;
    private boolean skipPassThrough;
    private StageCheckpoint resumeAt;
    private long replayUntilPosition = StageCheckpoint.NULL_POSITION;

    /**
     * Create the agent.
     *
     * @param stageId    of this stage.
     * @param upstreamId of the stage sending to it.
     * @param inputEdge  received on.
     * @param receiver   of the input edge.
     * @param metrics    of the stage, shared with its publisher.
     * @param settings   of the run.
     */
    protected ReceivingStageAgent(
        final StageId stageId,
        final StageId upstreamId,
        final Edge inputEdge,
        final FrameReceiver receiver,
        final StageMetricsRecorder metrics,
        final StageSettings settings)
    {
        this.metrics = metrics;
        this.stageId = stageId;
        this.stageName = stageId.name().toLowerCase(java.util.Locale.ROOT);
        this.upstreamId = upstreamId;
        this.inputEdge = inputEdge;
        this.receiver = receiver;
        this.settings = settings;
        this.decoder = new FrameDecoder(this, settings.maxLineLength());
        this.frameLimit = settings.frameLimit();
        this.lingerNanos = settings.lingerNanos();
        this.connectTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(settings.connectTimeoutMs());
    }

    /**
     * Make the stage restartable when its output edge stores checkpoints; call from the constructor.
     *
     * @param output      publisher of the output edge.
     * @param replayInput true to replay the input from the start after a restart (and suppress the frames already
     *                    sent) instead of resuming at the checkpoint: for a stage whose state is not in its output.
     */
    protected final void restartable(final EdgePublisher output, final boolean replayInput)
    {
        this.restartOutput = output;
        this.replayAfterRestart = replayInput;
    }

    /**
     * Before the stage runs: turn checkpoints on if the output edge stores them, and if an earlier process of this
     * stage sent frames on it, continue from the checkpoint of the last one.
     *
     * @return what was resumed, for the log, or null on a first start.
     */
    public final String restore()
    {
        if (null == restartOutput || null == (checkpoint = restartOutput.enableCheckpoints()))
        {
            return null;
        }
        onCheckpointsEnabled();
        releaseInput = !replayAfterRestart;
        final StageCheckpoint last = new StageCheckpoint();
        if (!restartOutput.readLastCheckpoint(last))
        {
            return null;
        }
        if (last.isEndOfStreamSent())
        {
            finished = true;
            return "restarted after its end of stream was sent: nothing left to do";
        }
        if (replayAfterRestart)
        {
            restartOutput.suppressUntil(last.outputSequence() + 1);
            replayUntilPosition = last.inputPosition();
            return "restarted: replaying " + inputEdge.edgeName() + " from the start, frames up to " +
                last.outputSequence() + " on " + restartOutput.edge().edgeName() + " already sent";
        }
        restartOutput.restore(last);
        checkpoint.copyFrom(last);
        restoreCounters(last);
        if (StageCheckpoint.NULL_POSITION != last.inputPosition())
        {
            if (!receiver.seek(last.inputPosition()))
            {
                throw new StageFailure("stage " + stageName + ": cannot resume " + inputEdge.edgeName() +
                    " at position " + last.inputPosition() + " (" + receiver.description() + ")");
            }
            expectedSequence = last.inputSequence();
            framesReceived = last.inputFramesBefore();
            eventsReceived = last.inputEventsBefore();
            resumeAt = last;
        }
        return "restarted: resuming at " + last;
    }

    /**
     * {@inheritDoc}
     */
    public void onStart()
    {
        startNanos = System.nanoTime();
    }

    /**
     * {@inheritDoc}
     */
    public int doWork()
    {
        if (finished)
        {
            throw new AgentTerminationException();
        }

        final int frames = receiver.poll(this, frameLimit);
        if (null != failure)
        {
            throw failure;
        }
        if (releaseInput && frames > 0)
        {
            receiver.releaseBefore(restartOutput.sentInputPosition());
        }
        if (endOfStream)
        {
            finish();
            metrics.stop(System.nanoTime());
            sendMetricsAndEndOfStream();
            finished = true;
            return 1;
        }
        if (frames < frameLimit && settings.adaptive())
        {
            onInputDrained();
        }
        if (lingerNanos > 0)
        {
            onLingerCheck(System.nanoTime());
        }
        if (0 == frames)
        {
            checkUpstream();
        }
        return frames;
    }

    private void checkUpstream()
    {
        if (receiver.isConnected())
        {
            everConnected = true;
            return;
        }
        if (everConnected || receiver.isSenderGone())
        {
            throw new StageFailure("stage " + stageName + ": upstream stage " + upstreamName() +
                " went away before its end of stream on edge " + inputEdge.edgeName() + " after frame " +
                (expectedSequence - 1));
        }
        if (System.nanoTime() - startNanos > connectTimeoutNanos)
        {
            throw new StageFailure("stage " + stageName + ": no upstream stage " + upstreamName() +
                " connected on edge " + inputEdge.edgeName() + " (" + receiver.description() + ") within " +
                TimeUnit.NANOSECONDS.toMillis(connectTimeoutNanos) + " ms");
        }
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
        if (null != checkpoint)
        {
            framePosition = receiver.framePosition();
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
            type = FrameType.fromTemplateId(decoder.decode(buffer, offset, length));
        }
        catch (final CorruptFrameException ex)
        {
            throw new StageFailure("stage " + stageName + ": corrupt frame on edge " + inputEdge.edgeName() +
                " where sequence " + expectedSequence + " was expected: " + ex.getMessage(), ex);
        }
        if ((type == FrameType.REJECT_BATCH || type == FrameType.STAGE_METRICS) && !skipPassThrough)
        {
            onPassThrough(type, buffer, offset, length);
        }
        skipPassThrough = false;
        if (null != checkpoint && type != FrameType.END_OF_STREAM)
        {
            frameBoundary(true);
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
            throw new StageFailure("stage " + stageName + ": frame " + sequence + " (" + type + ") after the end " +
                "of stream on edge " + inputEdge.edgeName());
        }
        if (sender != upstreamId)
        {
            throw new StageFailure("stage " + stageName + ": frame " + sequence + " on edge " +
                inputEdge.edgeName() + " comes from stage " + sender + ", expected " + upstreamId);
        }
        if (sequence != expectedSequence)
        {
            throw new StageFailure("stage " + stageName + ": frame sequence gap on edge " + inputEdge.edgeName() +
                ": expected " + expectedSequence + ", got " + sequence + " (" + type + ")");
        }
        frameSequence = sequence;
        framesBefore = framesReceived;
        eventsBefore = eventsReceived;
        eventsDoneInFrame = 0;
        eventsToSkip = 0;
        if (null != resumeAt)
        {
            eventsToSkip = resumeAt.inputFrameDone() ? eventCount : resumeAt.inputEventsDone();
            eventsDoneInFrame = eventsToSkip;
            skipPassThrough = resumeAt.inputFrameDone();
            resumeAt = null;
        }
        expectedSequence++;
        currentEventCount = eventCount;
        if (type != FrameType.END_OF_STREAM)
        {
            framesReceived++;
            eventsReceived += eventCount;
            metrics.onFrameIn(eventCount);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onEndOfStream(final EndOfStreamCounts counts)
    {
        upstreamCounts.copyFrom(counts);
        if (counts.framesSent() != framesReceived || counts.eventsSent() != eventsReceived)
        {
            throw new StageFailure("stage " + stageName + ": lost or duplicated frames on edge " +
                inputEdge.edgeName() + ": upstream " + upstreamName() + " sent " + counts.framesSent() +
                " frames / " + counts.eventsSent() + " events, received " + framesReceived + " frames / " +
                eventsReceived + " events");
        }
        endOfStream = true;
    }

    /**
     * Call first for every event of an input frame: whether the event is to be skipped because its outcome was sent
     * before the stage was restarted.
     *
     * @return true to skip the event.
     */
    protected final boolean skipEvent()
    {
        if (eventsToSkip > 0)
        {
            eventsToSkip--;
            return true;
        }
        return false;
    }

    /**
     * Call when an event not skipped is done, its outcome counted and appended to a batch: moves the checkpoint on.
     */
    protected final void eventDone()
    {
        if (null != checkpoint)
        {
            eventsDoneInFrame++;
            frameBoundary(false);
        }
    }

    /**
     * Whether the stage is replaying input that an earlier process of it had already consumed.
     *
     * @return true while replaying up to the input position of the last frame the earlier process sent.
     */
    protected final boolean isReplaying()
    {
        return StageCheckpoint.NULL_POSITION != replayUntilPosition && framePosition <= replayUntilPosition;
    }

    private void frameBoundary(final boolean frameDone)
    {
        checkpoint.input(framePosition, eventsDoneInFrame, frameDone, frameSequence, framesBefore, eventsBefore);
        saveCounters(checkpoint);
    }

    /**
     * Checkpoints are on: e.g. pair the batchers of one edge.
     */
    protected void onCheckpointsEnabled()
    {
    }

    /**
     * Store the stage's counters in its checkpoint.
     *
     * @param checkpoint to fill.
     */
    protected void saveCounters(final StageCheckpoint checkpoint)
    {
    }

    /**
     * Continue the stage's counters from a checkpoint.
     *
     * @param checkpoint of the last frame sent before the restart.
     */
    protected void restoreCounters(final StageCheckpoint checkpoint)
    {
    }

    /**
     * Send every pending batch, before a frame is forwarded with a checkpoint.
     */
    protected void flushBeforeForward()
    {
    }

    /**
     * Copy a frame received to the output edge under this stage's name and the output's next sequence number.
     *
     * @param publisher of the output edge.
     * @param buffer    holding the frame being received.
     * @param offset    of the frame.
     * @param length    of the frame.
     */
    protected final void forward(
        final EdgePublisher publisher, final DirectBuffer buffer, final int offset, final int length)
    {
        if (null != checkpoint)
        {
            flushBeforeForward();
            frameBoundary(true);
        }
        forwardingWriter.set(publisher, buffer, offset, length);
        publisher.publish(length, currentEventCount, forwardingWriter);
    }

    /**
     * Send this stage's metrics and end of stream on an edge, this stage's counts filled in by the caller.
     *
     * @param publisher of the output edge.
     * @param counts    to send; frames and events sent are set here.
     */
    protected final void sendMetricsAndEndOfStream(final EdgePublisher publisher, final EndOfStreamCounts counts)
    {
        StageFrames.sendMetrics(publisher, encoder, stageId, metrics, metricsHistogram());
        StageFrames.sendEndOfStream(publisher, encoder, stageId, counts);
    }

    /**
     * The latency histogram to attach to this stage's metrics.
     *
     * @return the histogram, or null if the stage records none.
     */
    protected org.HdrHistogram.Histogram metricsHistogram()
    {
        return null;
    }

    /**
     * Name of the upstream stage.
     *
     * @return lower-case stage name.
     */
    protected final String upstreamName()
    {
        return upstreamId.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * A frame to pass through (rejects, metrics) was received and validated.
     *
     * @param type   of the frame.
     * @param buffer holding it.
     * @param offset of the frame.
     * @param length of the frame.
     */
    protected abstract void onPassThrough(FrameType type, DirectBuffer buffer, int offset, int length);

    /**
     * The input has nothing more this duty cycle: adaptive batching sends now.
     */
    protected abstract void onInputDrained();

    /**
     * Send partial batches whose linger time has passed.
     *
     * @param nowNanos {@link System#nanoTime()}.
     */
    protected abstract void onLingerCheck(long nowNanos);

    /**
     * The upstream ended and all its frames were received: flush and send what ends the stream, except the metrics
     * and end of stream frames.
     */
    protected abstract void finish();

    /**
     * Send this stage's metrics and end of stream.
     */
    protected abstract void sendMetricsAndEndOfStream();

    /**
     * {@inheritDoc}
     */
    public String roleName()
    {
        return "eventpipe-" + stageName;
    }

    private final class ForwardingWriter implements EdgePublisher.FrameWriter
    {
        private EdgePublisher publisher;
        private DirectBuffer source;
        private int sourceOffset;
        private int sourceLength;

        void set(final EdgePublisher publisher, final DirectBuffer source, final int offset, final int length)
        {
            this.publisher = publisher;
            this.source = source;
            this.sourceOffset = offset;
            this.sourceLength = length;
        }

        public int write(final MutableDirectBuffer buffer, final int offset)
        {
            return encoder.forward(source, sourceOffset, sourceLength, buffer, offset, stageId,
                publisher.nextSequence());
        }
    }
}
