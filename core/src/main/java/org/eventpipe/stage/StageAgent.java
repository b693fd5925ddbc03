package org.eventpipe.stage;

import java.nio.file.Path;
import java.util.Locale;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.status.AtomicCounter;
import org.eventpipe.bridge.FrameReceiver;
import org.eventpipe.codec.EndOfStreamCounts;
import org.eventpipe.codec.StageId;
import org.eventpipe.counters.PipelineCounter;
import org.eventpipe.fault.FaultInjection;
import org.eventpipe.recovery.DurableLink;
import org.eventpipe.topology.Topology;
import org.eventpipe.workload.Workload;

/**
 * A stage with an input, composed rather than inherited: an {@link InputAdapter} (receiver, decoder, edge protocol)
 * dispatches entries to a {@link StageStep} (the workload's handler), which appends to a {@link StageOutput}
 * (batchers and publisher). A {@link StageRecovery} is attached only where the transport persists frames.
 * <pre>
 *   FrameReceiver --poll--> InputAdapter --entry--> StageStep --append--> StageOutput --> FrameSender
 *   doWork() = adapter.poll() + output.onEndOfPoll(input drained)
 * </pre>
 * When the upstream's end of stream has arrived, the step finishes (flush, results), then the stage sends its
 * metrics and its own end of stream and terminates.
 */
public final class StageAgent implements Agent
{
    private final String stageName;
    private final InputAdapter input;
    private final StageStep step;
    private final StageOutput output;
    private final StageMetricsRecorder metrics;
    private final boolean replayInputOnRestart;
    private final StageRecovery.Counters counters;
    private final EndOfStreamCounts counts = new EndOfStreamCounts();
    private final AtomicCounter heartbeat;
    private StageRecovery recovery;
    private boolean finished;

    StageAgent(
        final StageId stageId,
        final FrameReceiver receiver,
        final StageStep step,
        final StageOutput output,
        final StageMetricsRecorder metrics,
        final StageSettings settings,
        final boolean replayInputOnRestart,
        final StageRecovery.Counters counters,
        final Workload workload)
    {
        this.stageName = stageId.name().toLowerCase(Locale.ROOT);
        final Topology.Stage stage = Topology.stage(stageId);
        this.input = new InputAdapter(stageId, stage.upstream().id(), stage.input(), receiver, step, metrics,
            settings, workload);
        this.step = step;
        this.output = output;
        this.metrics = metrics;
        this.replayInputOnRestart = replayInputOnRestart;
        this.counters = counters;
        this.heartbeat = metrics.counters().get(PipelineCounter.HEARTBEAT);
    }

    /**
     * The parse stage of a workload.
     *
     * @param receiver of raw line batches.
     * @param output   publisher of the parse-to-rules edge.
     * @param metrics  of the stage, shared with the publisher.
     * @param settings of the run.
     * @param fault    to inject; {@link FaultInjection#NONE} for none.
     * @param workload whose parser to run.
     * @return the agent.
     */
    public static StageAgent parse(
        final FrameReceiver receiver,
        final EdgePublisher output,
        final StageMetricsRecorder metrics,
        final StageSettings settings,
        final FaultInjection fault,
        final Workload workload)
    {
        final StageOutput out = new StageOutput(StageId.PARSE, output, metrics, settings);
        final ParseStep step = new ParseStep(out, settings, fault, metrics.counters(), workload);
        return new StageAgent(StageId.PARSE, receiver, step, out, metrics, settings, false, step, workload);
    }

    /**
     * The rules stage of a workload.
     *
     * @param receiver of entry batches from parse.
     * @param output   publisher of the rules-to-aggregate edge.
     * @param metrics  of the stage, shared with the publisher.
     * @param settings of the run.
     * @param fault    to inject; {@link FaultInjection#NONE} for none.
     * @param workload whose rules to run.
     * @return the agent.
     */
    public static StageAgent rules(
        final FrameReceiver receiver,
        final EdgePublisher output,
        final StageMetricsRecorder metrics,
        final StageSettings settings,
        final FaultInjection fault,
        final Workload workload)
    {
        final StageOutput out = new StageOutput(StageId.RULES, output, metrics, settings);
        final RulesStep step = new RulesStep(out, settings, fault, metrics.counters(), workload);
        return new StageAgent(StageId.RULES, receiver, step, out, metrics, settings, false, step, workload);
    }

    /**
     * The aggregate stage of a workload, with a warm-up left out of its measured window and its latency.
     *
     * @param receiver     of entry batches from rules.
     * @param output       publisher of the aggregate-to-sink edge.
     * @param metrics      of the stage, shared with the publisher.
     * @param settings     of the run.
     * @param fault        to inject; {@link FaultInjection#NONE} for none.
     * @param warmupEvents lines of warm-up, 0 for none.
     * @param workload     whose aggregator to run.
     * @return the agent.
     */
    public static StageAgent aggregate(
        final FrameReceiver receiver,
        final EdgePublisher output,
        final StageMetricsRecorder metrics,
        final StageSettings settings,
        final FaultInjection fault,
        final long warmupEvents,
        final Workload workload)
    {
        final StageOutput out = new StageOutput(StageId.AGGREGATE, output, metrics, settings);
        final AggregateStep step = new AggregateStep(out, settings, fault, metrics, warmupEvents, workload);
        final StageAgent agent = new StageAgent(
            StageId.AGGREGATE, receiver, step, out, metrics, settings, true, StageRecovery.NO_COUNTERS, workload);
        step.replaying(agent::isReplaying);
        return agent;
    }

    /**
     * The aggregate stage only: also write its latency as an HdrHistogram interval log, one interval a second, when
     * its input ends.
     *
     * @param file to write.
     * @return this.
     * @throws IllegalStateException if this is not the aggregate stage.
     */
    public StageAgent writeLatencyIntervals(final Path file)
    {
        if (!(step instanceof AggregateStep aggregate))
        {
            throw new IllegalStateException("only the aggregate stage records latency: " + stageName);
        }
        aggregate.writeLatencyIntervals(file);
        return this;
    }

    /**
     * The sink of a workload.
     *
     * @param receiver of the aggregate-to-sink edge.
     * @param sink     the step that checks and reports.
     * @param metrics  of the stage.
     * @param settings of the run.
     * @param workload whose results arrive.
     * @return the agent.
     */
    public static StageAgent sink(
        final FrameReceiver receiver,
        final SinkStep sink,
        final StageMetricsRecorder metrics,
        final StageSettings settings,
        final Workload workload)
    {
        return new StageAgent(StageId.SINK, receiver, sink, null, metrics, settings, false,
            StageRecovery.NO_COUNTERS, workload);
    }

    /**
     * The stage of a workload with an input and an output, by id.
     *
     * @param id           of the stage: parse, rules or aggregate.
     * @param receiver     of its input edge.
     * @param output       publisher of its output edge.
     * @param metrics      of the stage, shared with the publisher.
     * @param settings     of the run.
     * @param fault        to inject; {@link FaultInjection#NONE} for none.
     * @param warmupEvents lines of warm-up the aggregate leaves out of its measured window, 0 for none.
     * @param workload     whose handlers to run.
     * @return the agent.
     */
    public static StageAgent of(
        final StageId id,
        final FrameReceiver receiver,
        final EdgePublisher output,
        final StageMetricsRecorder metrics,
        final StageSettings settings,
        final FaultInjection fault,
        final long warmupEvents,
        final Workload workload)
    {
        switch (id)
        {
            case PARSE:
                return parse(receiver, output, metrics, settings, fault, workload);
            case RULES:
                return rules(receiver, output, metrics, settings, fault, workload);
            case AGGREGATE:
                return aggregate(receiver, output, metrics, settings, fault, warmupEvents, workload);
            default:
                throw new IllegalArgumentException("stage " + id + " has no input and output edge");
        }
    }

    /**
     * Wire in recovery, for a transport that persists frames, and if an earlier process of this stage sent frames on
     * its output, continue from the checkpoint of the last one. Call before the stage runs.
     *
     * @param durable the link's durable side.
     * @return what was resumed, for the log, or null on a first start.
     * @throws StageFailure if the input cannot be positioned where the checkpoint says.
     */
    public String recover(final DurableLink durable)
    {
        if (null == output)
        {
            return null;
        }
        recovery = StageRecovery.attach(stageName, input, output, durable, replayInputOnRestart, counters);
        final String restored = recovery.restore();
        finished = recovery.isEndOfStreamSent();
        return restored;
    }

    /**
     * The stage's step.
     *
     * @return the step.
     */
    public StageStep step()
    {
        return step;
    }

    private boolean isReplaying()
    {
        return null != recovery && recovery.isReplaying();
    }

    /**
     * {@inheritDoc}
     */
    public void onStart()
    {
        input.onStart(System.nanoTime());
    }

    /**
     * {@inheritDoc}
     */
    public int doWork()
    {
        if (finished)
        {
            // done: no heartbeat any more, so that the launcher does not take the process's exit for a hang
            heartbeat.setRelease(0);
            throw new AgentTerminationException();
        }

        heartbeat.setRelease(System.currentTimeMillis());
        final int frames = input.poll();
        if (frames > 0)
        {
            step.updateCounters();
            if (null != recovery)
            {
                recovery.afterPoll(frames);
            }
        }
        if (input.isEndOfStream())
        {
            step.onUpstreamEnd(input.upstreamCounts(), counts);
            metrics.stop(System.nanoTime());
            if (null != output)
            {
                // the aggregate's end-to-end latency (null elsewhere) and the transit of the stage's input edge
                output.sendMetricsAndEndOfStream(counts, step.metricsHistogram(), input.transit());
            }
            finished = true;
            return 1;
        }
        int workCount = frames;
        if (null != output)
        {
            workCount += output.onEndOfPoll(input.isInputDrained());
        }
        if (0 == frames)
        {
            input.checkUpstream(System.nanoTime());
        }
        return workCount;
    }

    /**
     * {@inheritDoc}
     */
    public String roleName()
    {
        return "eventpipe-" + stageName;
    }
}
