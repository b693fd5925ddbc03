package org.eventpipe.stage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.AgentTerminationException;
import org.eventpipe.bridge.Edge;
import org.eventpipe.bridge.StageLink;
import org.eventpipe.bridge.injvm.InJvmStageLinks;
import org.eventpipe.counters.StageCounters;
import org.eventpipe.fault.FaultInjection;
import org.eventpipe.ingest.LineSource;
import org.eventpipe.metrics.RejectSink;
import org.eventpipe.workload.Workloads;

/**
 * Runs the five stage agents of the split pipeline in this JVM, each under its own {@link AgentRunner}, joined by
 * {@link InJvmStageLinks}:
 * <pre>
 * ingest --ring--> parse --ring--> rules --ring--> aggregate --ring--> sink
 * </pre>
 * A stage closes its link when its agent ends, as a stage process does when it exits.
 */
final class InJvmSplitRun
{
    /** Failure deadline of a whole run: a run that has not ended by then has hung. */
    static final long RUN_DEADLINE_SECONDS = 60;

    private final Map<String, AtomicReference<Throwable>> failures = new LinkedHashMap<>();
    private final Map<String, StageMetricsRecorder> metrics = new LinkedHashMap<>();
    private SinkStep sink;

    private InJvmSplitRun()
    {
    }

    /**
     * Run a source through the five agents until every agent ends or the deadline passes.
     *
     * @param source     of lines; not closed.
     * @param settings   of every stage.
     * @param rejectSink of the sink.
     * @return the finished run.
     * @throws InterruptedException if interrupted while waiting.
     */
    static InJvmSplitRun run(final LineSource source, final StageSettings settings, final RejectSink rejectSink)
        throws InterruptedException
    {
        final InJvmSplitRun run = new InJvmSplitRun();
        run.execute(source, settings, rejectSink);
        return run;
    }

    /**
     * The counters a stage kept during the run.
     *
     * @param stage name.
     * @return its counters.
     */
    StageCounters counters(final String stage)
    {
        return metrics.get(stage).counters();
    }

    private StageMetricsRecorder recorder(final String stage)
    {
        final StageMetricsRecorder recorder = new StageMetricsRecorder();
        metrics.put(stage, recorder);
        return recorder;
    }

    SplitRunOutcome outcome()
    {
        return sink.outcome();
    }

    /**
     * Failures by stage name, only stages that failed.
     *
     * @return the failures.
     */
    Map<String, Throwable> failures()
    {
        final Map<String, Throwable> failed = new LinkedHashMap<>();
        failures.forEach((stage, failure) ->
        {
            if (null != failure.get())
            {
                failed.put(stage, failure.get());
            }
        });
        return failed;
    }

    private void execute(final LineSource source, final StageSettings settings, final RejectSink rejectSink)
        throws InterruptedException
    {
        final InJvmStageLinks links = new InJvmStageLinks();
        final Map<String, Agent> agents = new LinkedHashMap<>();
        final Map<String, StageLink> stageLinks = new LinkedHashMap<>();
        for (final String stage : StageMain.STAGES)
        {
            stageLinks.put(stage, links.link());
        }

        final StageMetricsRecorder sinkMetrics = recorder("sink");
        sink = new SinkStep(rejectSink, sinkMetrics, settings.latencySampleInterval(),
            "in-jvm split run (" + settings.batchingDescription() + ")");
        agents.put("sink", StageAgent.sink(stageLinks.get("sink").receiver(Edge.AGGREGATE_TO_SINK), sink,
            sinkMetrics, settings, Workloads.events()));

        final StageMetricsRecorder aggregateMetrics = recorder("aggregate");
        agents.put("aggregate", StageAgent.aggregate(
            stageLinks.get("aggregate").receiver(Edge.RULES_TO_AGGREGATE),
            publisher("aggregate", stageLinks.get("aggregate"), Edge.AGGREGATE_TO_SINK, aggregateMetrics, settings),
            aggregateMetrics, settings, FaultInjection.NONE, 0, Workloads.events()));

        final StageMetricsRecorder rulesMetrics = recorder("rules");
        agents.put("rules", StageAgent.rules(
            stageLinks.get("rules").receiver(Edge.PARSE_TO_RULES),
            publisher("rules", stageLinks.get("rules"), Edge.RULES_TO_AGGREGATE, rulesMetrics, settings),
            rulesMetrics, settings, FaultInjection.NONE, Workloads.events()));

        final StageMetricsRecorder parseMetrics = recorder("parse");
        agents.put("parse", StageAgent.parse(
            stageLinks.get("parse").receiver(Edge.INGEST_TO_PARSE),
            publisher("parse", stageLinks.get("parse"), Edge.PARSE_TO_RULES, parseMetrics, settings),
            parseMetrics, settings, FaultInjection.NONE, Workloads.events()));

        final StageMetricsRecorder ingestMetrics = recorder("ingest");
        agents.put("ingest", new IngestStageAgent(source,
            publisher("ingest", stageLinks.get("ingest"), Edge.INGEST_TO_PARSE, ingestMetrics, settings),
            ingestMetrics, settings));

        final List<AgentRunner> runners = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();
        for (final Map.Entry<String, Agent> entry : agents.entrySet())
        {
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            failures.put(entry.getKey(), failure);
            final Agent agent = new LinkClosingAgent(
                new StageMain.FailFastAgent(entry.getValue(), failure), stageLinks.get(entry.getKey()));
            final AgentRunner runner = new AgentRunner(
                StageConfiguration.newIdleStrategy(settings.idleStrategy()),
                (throwable) ->
                {
                    if (!(throwable instanceof AgentTerminationException) || null != throwable.getCause())
                    {
                        failure.compareAndSet(null, throwable);
                    }
                },
                null,
                agent);
            runners.add(runner);
            threads.add(AgentRunner.startOnThread(runner));
        }

        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RUN_DEADLINE_SECONDS);
        boolean hung = false;
        for (final Thread thread : threads)
        {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            hung |= thread.isAlive();
        }
        for (final AgentRunner runner : runners)
        {
            runner.close();
        }
        if (hung)
        {
            throw new AssertionError("in-jvm split run did not end within " + RUN_DEADLINE_SECONDS +
                " s; failures so far: " + failures());
        }
    }

    private static EdgePublisher publisher(
        final String stage,
        final StageLink link,
        final Edge edge,
        final StageMetricsRecorder metrics,
        final StageSettings settings)
    {
        return new EdgePublisher(stage, edge, link.sender(edge),
            StageConfiguration.newIdleStrategy(settings.idleStrategy()), settings.connectTimeoutMs(), metrics);
    }

    /**
     * Closes the stage's link when its agent ends, as the stage process does on exit.
     */
    private static final class LinkClosingAgent implements Agent
    {
        private final Agent delegate;
        private final StageLink link;

        LinkClosingAgent(final Agent delegate, final StageLink link)
        {
            this.delegate = delegate;
            this.link = link;
        }

        public void onStart()
        {
            delegate.onStart();
        }

        public int doWork() throws Exception
        {
            return delegate.doWork();
        }

        public void onClose()
        {
            try
            {
                delegate.onClose();
            }
            finally
            {
                link.close();
            }
        }

        public String roleName()
        {
            return delegate.roleName();
        }
    }
}
