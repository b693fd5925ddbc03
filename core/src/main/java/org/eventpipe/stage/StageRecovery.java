package org.eventpipe.stage;

import org.eventpipe.bridge.FrameReceiver;
import org.eventpipe.recovery.DurableInput;
import org.eventpipe.recovery.DurableLink;
import org.eventpipe.recovery.DurableOutput;
import org.eventpipe.recovery.StageCheckpoint;

/**
 * Restart without loss for a stage whose transport persists frames: a component of its own, wired in only where the
 * link offers {@link DurableLink}. Over other transports a stage has none, and nothing in its adapter, step or
 * output pays for it.
 * <p>
 * While the stage runs it keeps a {@link StageCheckpoint} at every entry and frame boundary that its
 * {@link InputAdapter} reports; the output's transport stores it with every frame sent, and the output sends its
 * pending batches before forwarding a frame so that the checkpoint is exact. {@link #restore()} resumes a restarted
 * stage from the checkpoint of the last frame it sent: it seeks the input to the frame being consumed, has the
 * adapter skip the entries already done, and restores the step's counters. A stage whose output does not follow its
 * input frame by frame (the aggregate, whose state is its aggregates) replays its input from the start instead, and
 * its output suppresses the frames already sent. A stage that resumes at its checkpoint releases the input frames it
 * no longer needs: those before the one its last sent frame's checkpoint resumes at.
 */
public final class StageRecovery implements StageOutput.ForwardListener
{
    /** The step's counters, kept in the checkpoint. */
    public interface Counters
    {
        /**
         * Store the step's counters.
         *
         * @param checkpoint to fill.
         */
        void save(StageCheckpoint checkpoint);

        /**
         * Continue the step's counters from a checkpoint.
         *
         * @param checkpoint of the last frame sent before the restart.
         */
        void restore(StageCheckpoint checkpoint);
    }

    /** For a step that keeps no counters in the checkpoint. */
    public static final Counters NO_COUNTERS = new Counters()
    {
        public void save(final StageCheckpoint checkpoint)
        {
        }

        public void restore(final StageCheckpoint checkpoint)
        {
        }
    };

    private final String stageName;
    private final InputAdapter input;
    private final FrameReceiver receiver;
    private final DurableInput durableInput;
    private final EdgePublisher publisher;
    private final DurableOutput durableOutput;
    private final boolean replayInput;
    private final Counters counters;
    private final StageCheckpoint checkpoint = new StageCheckpoint();

    private long framePosition = StageCheckpoint.NULL_POSITION;
    private long frameSequence;
    private long framesBefore;
    private long eventsBefore;
    private long eventsDoneInFrame;
    private boolean skipPassThrough;
    private StageCheckpoint resumeAt;
    private long replayUntilPosition = StageCheckpoint.NULL_POSITION;
    private boolean endOfStreamSent;

    private StageRecovery(
        final String stageName,
        final InputAdapter input,
        final DurableInput durableInput,
        final StageOutput output,
        final DurableOutput durableOutput,
        final boolean replayInput,
        final Counters counters)
    {
        this.stageName = stageName;
        this.input = input;
        this.receiver = input.receiver();
        this.durableInput = durableInput;
        this.publisher = output.publisher();
        this.durableOutput = durableOutput;
        this.replayInput = replayInput;
        this.counters = counters;
    }

    /**
     * Wire recovery into a stage: the output's transport stores the checkpoint with every frame, the output keeps
     * its batches in order with the forwarded frames, and the adapter reports its boundaries.
     *
     * @param stageName   for messages.
     * @param input       adapter of the input edge.
     * @param output      of the stage.
     * @param durable     the link's durable side.
     * @param replayInput true for a stage whose state is not in its output: replay the input from the start after a
     *                    restart instead of resuming at the checkpoint.
     * @param counters    of the step.
     * @return the recovery, {@link #restore()} to be called before the stage runs.
     */
    public static StageRecovery attach(
        final String stageName,
        final InputAdapter input,
        final StageOutput output,
        final DurableLink durable,
        final boolean replayInput,
        final Counters counters)
    {
        final StageRecovery recovery = new StageRecovery(stageName, input, durable.input(input.receiver()), output,
            durable.output(output.publisher().sender()), replayInput, counters);
        recovery.durableOutput.recordCheckpoints(recovery.checkpoint);
        output.publisher().keepCheckpoint(recovery.checkpoint);
        output.keepCheckpoints(recovery);
        input.recovery(recovery);
        return recovery;
    }

    /**
     * Before the stage runs: if an earlier process of this stage sent frames on its output, continue from the
     * checkpoint of the last one.
     *
     * @return what was resumed, for the log, or null on a first start.
     * @throws StageFailure if the input cannot be positioned where the checkpoint says.
     */
    public String restore()
    {
        final StageCheckpoint last = new StageCheckpoint();
        if (!durableOutput.readLastCheckpoint(last))
        {
            return null;
        }
        if (last.isEndOfStreamSent())
        {
            endOfStreamSent = true;
            return "restarted after its end of stream was sent: nothing left to do";
        }
        if (replayInput)
        {
            publisher.suppressUntil(last.outputSequence() + 1);
            replayUntilPosition = last.inputPosition();
            return "restarted: replaying " + input.edge().edgeName() + " from the start, frames up to " +
                last.outputSequence() + " on " + publisher.edge().edgeName() + " already sent";
        }
        publisher.restore(last);
        checkpoint.copyFrom(last);
        counters.restore(last);
        if (StageCheckpoint.NULL_POSITION != last.inputPosition())
        {
            if (!durableInput.seek(last.inputPosition()))
            {
                throw StageFailure.deterministic("stage " + stageName + ": cannot resume " + input.edge().edgeName() +
                    " at position " + last.inputPosition() + " (" + receiver.description() + ")");
            }
            input.resumeAt(last.inputSequence(), last.inputFramesBefore(), last.inputEventsBefore());
            resumeAt = last;
        }
        return "restarted: resuming at " + last;
    }

    /**
     * Whether an earlier process of this stage already sent its end of stream: the stage has nothing left to do.
     *
     * @return true if so.
     */
    public boolean isEndOfStreamSent()
    {
        return endOfStreamSent;
    }

    /**
     * Whether the stage is replaying input that an earlier process of it had already consumed.
     *
     * @return true while replaying up to the input position of the last frame the earlier process sent.
     */
    public boolean isReplaying()
    {
        return StageCheckpoint.NULL_POSITION != replayUntilPosition && framePosition <= replayUntilPosition;
    }

    /**
     * After a poll that delivered frames: release the input frames no longer needed.
     *
     * @param frames delivered by the poll.
     */
    public void afterPoll(final int frames)
    {
        if (!replayInput && frames > 0)
        {
            durableInput.releaseBefore(publisher.sentInputPosition());
        }
    }

    void onFrame()
    {
        framePosition = durableInput.framePosition();
    }

    long onFrameHeader(final long sequence, final long framesBefore, final long eventsBefore, final int eventCount)
    {
        this.frameSequence = sequence;
        this.framesBefore = framesBefore;
        this.eventsBefore = eventsBefore;
        long eventsToSkip = 0;
        eventsDoneInFrame = 0;
        skipPassThrough = false;
        if (null != resumeAt)
        {
            eventsToSkip = resumeAt.inputFrameDone() ? eventCount : resumeAt.inputEventsDone();
            eventsDoneInFrame = eventsToSkip;
            skipPassThrough = resumeAt.inputFrameDone();
            resumeAt = null;
        }
        return eventsToSkip;
    }

    boolean skipPassThrough()
    {
        return skipPassThrough;
    }

    void onEventDone()
    {
        eventsDoneInFrame++;
        boundary(false);
    }

    void onFrameDone()
    {
        boundary(true);
    }

    /**
     * {@inheritDoc}
     */
    public void beforeForward()
    {
        boundary(true);
    }

    private void boundary(final boolean frameDone)
    {
        checkpoint.input(framePosition, eventsDoneInFrame, frameDone, frameSequence, framesBefore, eventsBefore);
        counters.save(checkpoint);
    }
}
