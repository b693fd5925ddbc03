package org.eventpipe.stage;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.AgentTerminationException;
import org.eventpipe.bridge.Edge;
import org.eventpipe.bridge.FrameReceiver;
import org.eventpipe.bridge.StageLink;
import org.eventpipe.bridge.Transport;
import org.eventpipe.bridge.Transports;
import org.eventpipe.cli.CommandLines;
import org.eventpipe.cli.ExitCodes;
import org.eventpipe.cli.HandlerOptions;
import org.eventpipe.cli.MappedWriteFault;
import org.eventpipe.cli.UsageException;
import org.eventpipe.codec.StageId;
import org.eventpipe.counters.StageCounters;
import org.eventpipe.counters.StageCountersFile;
import org.eventpipe.fault.FaultConfiguration;
import org.eventpipe.fault.FaultInjection;
import org.eventpipe.ingest.IngestConfiguration;
import org.eventpipe.ingest.LineSource;
import org.eventpipe.ingest.NdjsonLineReader;
import org.eventpipe.launch.LauncherWatch;
import org.eventpipe.metrics.LatencySummary;
import org.eventpipe.metrics.RejectFileWriter;
import org.eventpipe.metrics.RejectSink;
import org.eventpipe.metrics.RunSummary;
import org.eventpipe.model.EventType;
import org.eventpipe.pacing.IngestPacer;
import org.eventpipe.pacing.PacingConfiguration;
import org.eventpipe.recovery.DurableLink;
import org.eventpipe.topology.Topology;
import org.eventpipe.workload.Workload;
import org.eventpipe.workload.events.EventsWorkload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * One stage of the split pipeline as a process: connects to the transport, lets the transport warm up its own code
 * ({@link StageLink#warmUp()}; not the sink, which receives a handful of frames), runs the stage's agent under an
 * {@link AgentRunner} until the stream ends, and exits 0, or 1 with a message naming the stage if it failed.
 */
@Command(
    name = "Stage",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Runs one stage (ingest, parse, rules, aggregate, sink) of the split pipeline as a process.")
public final class StageMain implements Callable<Integer>
{
    /** Line a stage prints once its edges are joined, followed by the stage name. */
    public static final String READY_LINE = "eventpipe stage ready: ";

    /** The stages in pipeline order. */
    public static final List<String> STAGES = Topology.names();

    @Option(names = "--stage", required = true, paramLabel = "NAME",
        description = "Stage to run: ingest, parse, rules, aggregate, sink.")
    String stage;

    @Option(names = "--transport", required = true, paramLabel = "NAME", description = "Transport name.")
    String transport;

    @Option(names = "--batch", paramLabel = "N",
        defaultValue = "${sys:" + StageConfiguration.BATCH_PROP_NAME + ":-" + StageConfiguration.BATCH_DEFAULT + "}",
        description = "Events per frame; 0 = adaptive (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--linger-us", paramLabel = "T",
        defaultValue = "${sys:" + StageConfiguration.LINGER_US_PROP_NAME + ":-" +
            StageConfiguration.LINGER_US_DEFAULT + "}",
        description = "Send a partial batch at the latest T microseconds after its first event; 0 = never.")
    long lingerMicros;

    @Option(names = "--adaptive-max-batch", paramLabel = "N",
        defaultValue = "${sys:" + StageConfiguration.ADAPTIVE_MAX_BATCH_PROP_NAME + ":-" +
            StageConfiguration.ADAPTIVE_MAX_BATCH_DEFAULT + "}",
        description = "Largest batch of the adaptive policy (default: ${DEFAULT-VALUE}).")
    int adaptiveMaxBatch;

    @Option(names = "--idle-strategy", paramLabel = "NAME",
        defaultValue = "${sys:" + StageConfiguration.IDLE_STRATEGY_PROP_NAME + ":-" +
            StageConfiguration.IDLE_STRATEGY_DEFAULT + "}",
        description = "Agent idle strategy: " + StageConfiguration.IDLE_STRATEGY_NAMES +
            " (default: ${DEFAULT-VALUE}).")
    String idleStrategy;

    @Option(names = "--events",
        defaultValue = "" + IngestConfiguration.EVENTS_DEFAULT,
        description = "Ingest: events to generate.")
    long events;

    @Option(names = "--seed",
        defaultValue = "" + IngestConfiguration.SEED_DEFAULT,
        description = "Ingest: generator seed.")
    long seed;

    @Option(names = "--users",
        defaultValue = "" + IngestConfiguration.USERS_DEFAULT,
        description = "Ingest: generator users.")
    int users;

    @Option(names = "--input", paramLabel = "FILE", description = "Ingest: NDJSON file to read ('-' = stdin).")
    String input;

    @Option(names = "--report", paramLabel = "FILE", description = "Sink: write the report to FILE too.")
    Path report;

    @Option(names = "--results", paramLabel = "FILE", description = "Sink: write the aggregates as JSON lines.")
    Path results;

    @Option(names = "--rejects", paramLabel = "FILE", description = "Sink: write rejected lines.")
    Path rejects;

    @Option(names = "--histogram", paramLabel = "FILE", description = "Sink: write the latency .hgrm file.")
    Path histogram;

    @Option(names = "--title", description = "Sink: first line of the report.")
    String title;

    @Option(names = "--counters-dir", paramLabel = "DIR",
        description = "Keep the stage's counters in DIR/<stage>.counters, readable while it runs (EventpipeStat).")
    Path countersDirectory;

    @Option(names = "--summary", paramLabel = "FILE", description = "Sink: write the run summary (JSON).")
    Path summary;

    @Option(names = "--warmup-events", paramLabel = "N", defaultValue = "0",
        description = "Aggregate and sink: leave the first N lines out of the measured window and the latency.")
    long warmupEvents;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "0",
        description = "Ingest: offer R lines per second, each stamped with its intended time; aggregate: record " +
            "every event; sink: check the rate was achieved (0 = the throughput mode).")
    long rate;

    @Option(names = "--burst", paramLabel = "N", defaultValue = "1",
        description = "With --rate: lines due together (default: ${DEFAULT-VALUE}).")
    int burst;

    @Option(names = "--histogram-log", paramLabel = "FILE",
        description = "Aggregate: write the latency as an HdrHistogram interval log, one interval a second.")
    Path histogramLog;

    @Mixin
    HandlerOptions handlerOptions = new HandlerOptions();

    private Workload workload;

    private List<Path> mappedDirectories = List.of();
    private PrintStream out = System.out;
    private PrintStream err = System.err;

    /**
     * Run a stage process.
     *
     * @param args see {@code --help}.
     */
    public static void main(final String[] args)
    {
        System.exit(execute(args, System.out, System.err));
    }

    /**
     * Run a stage.
     *
     * @param args command-line arguments.
     * @param out  standard output.
     * @param err  standard error.
     * @return the exit status.
     */
    public static int execute(final String[] args, final PrintStream out, final PrintStream err)
    {
        final StageMain command = new StageMain();
        command.out = out;
        command.err = err;
        return CommandLines.execute(command, args, out, err);
    }

    /**
     * {@inheritDoc}
     */
    public Integer call() throws Exception
    {
        if (!STAGES.contains(stage))
        {
            throw new UsageException("--stage must be one of " + STAGES + ": " + stage);
        }
        final StageSettings settings = settings();
        final FaultInjection fault = fault();
        workload = handlerOptions.workload();
        LauncherWatch.watch("stage " + stage, null);
        final Transport selected;
        try
        {
            selected = Transports.find(transport);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UsageException(ex.getMessage());
        }
        CommandLines.checkWritable(report, "--report");
        CommandLines.checkWritable(results, "--results");
        CommandLines.checkWritable(rejects, "--rejects");
        CommandLines.checkWritable(histogram, "--histogram");
        if (null != countersDirectory && !Files.isDirectory(countersDirectory))
        {
            throw new UsageException("--counters-dir: directory " + countersDirectory + " does not exist");
        }
        CommandLines.checkWritable(summary, "--summary");
        if (warmupEvents < 0)
        {
            throw new UsageException("--warmup-events must not be negative: " + warmupEvents);
        }
        final String pacingProblem = PacingConfiguration.check(rate, burst);
        if (null != pacingProblem)
        {
            throw new UsageException(pacingProblem);
        }
        CommandLines.checkWritable(histogramLog, "--histogram-log");

        final Map<String, String> properties = new HashMap<>();
        System.getProperties().forEach((key, value) -> properties.put(key.toString(), value.toString()));
        try (StageLink link = selected.connect(stage, properties))
        {
            mappedDirectories = new ArrayList<>(link.mappedDirectories());
            if (null != countersDirectory)
            {
                mappedDirectories.add(countersDirectory);
            }
            return run(link, settings, fault);
        }
        catch (final InternalError | IOException | RuntimeException ex)
        {
            if (MappedWriteFault.isMappedWriteFault(ex))
            {
                err.println("stage " + stage + " failed: " + MappedWriteFault.describe(mappedDirectories));
                return ExitCodes.NO_SPACE;
            }
            throw ex;
        }
    }

    private int run(final StageLink link, final StageSettings settings, final FaultInjection fault)
        throws IOException
    {
        if (fault.isActive())
        {
            out.println("stage " + stage + ": " + fault);
            out.flush();
        }
        final String warmedUp = "sink".equals(stage) ? null : link.warmUp();
        if (null != warmedUp)
        {
            out.println("stage " + stage + " " + warmedUp);
            out.flush();
        }
        try (StageCounters counters = null == countersDirectory ? StageCounters.inMemory() :
            StageCounters.mapped(StageCountersFile.path(countersDirectory, stage)))
        {
            return run(link, settings, fault, new StageMetricsRecorder(counters));
        }
    }

    private int run(
        final StageLink link,
        final StageSettings settings,
        final FaultInjection fault,
        final StageMetricsRecorder metrics)
        throws IOException
    {
        final Topology.Stage role = Topology.stage(stage);
        final Optional<DurableLink> durable = link.durability();
        switch (role.id())
        {
            case INGEST:
                try (LineSource source = openSource())
                {
                    final EdgePublisher output = ready(publisher(link, role.output(), metrics, settings));
                    final IngestStageAgent agent = new IngestStageAgent(source, output, metrics, settings)
                        .pacing(rate > 0 ? new IngestPacer(rate, burst) : null);
                    if (durable.isPresent())
                    {
                        announceRestore(agent.recover(durable.get().output(output.sender())));
                    }
                    return runAgent(agent);
                }
            case SINK:
                return runSink(link, role, metrics, settings);
            default:
            {
                final FrameReceiver input = link.receiver(role.input());
                final EdgePublisher output = ready(publisher(link, role.output(), metrics, settings));
                final StageAgent agent =
                    StageAgent.of(role.id(), input, output, metrics, settings, fault, warmupEvents, workload);
                if (null != histogramLog && StageId.AGGREGATE == role.id())
                {
                    agent.writeLatencyIntervals(histogramLog);
                }
                if (durable.isPresent())
                {
                    announceRestore(agent.recover(durable.get()));
                }
                return runAgent(agent);
            }
        }
    }

    private int runSink(
        final StageLink link,
        final Topology.Stage role,
        final StageMetricsRecorder metrics,
        final StageSettings settings)
        throws IOException
    {
        final String reportTitle = null != title ? title :
            "eventpipe split pipeline over " + transport + " (" + settings.batchingDescription() + "), workload " +
            workload.name();
        try (RejectFileWriter rejectWriter = null == rejects ? null : new RejectFileWriter(rejects))
        {
            final SinkStep sink = new SinkStep(null == rejectWriter ? RejectSink.NONE : rejectWriter, metrics,
                settings.latencySampleInterval(), reportTitle).warmupEvents(warmupEvents).pacing(rate, burst);
            final StageAgent agent =
                StageAgent.sink(link.receiver(role.input()), sink, metrics, settings, workload);
            announceReady();
            final int status = runAgent(agent);
            final SplitRunOutcome outcome = sink.outcome();
            if (0 != status || null == outcome)
            {
                return 0 != status ? status : ExitCodes.FAILED;
            }
            out.print(outcome.report());
            out.flush();
            if (null != report)
            {
                Files.writeString(report, outcome.report(), StandardCharsets.UTF_8);
            }
            if (null != results)
            {
                Files.writeString(results, outcome.results().toJsonLines(), StandardCharsets.UTF_8);
            }
            if (null != histogram && null != outcome.latency())
            {
                LatencySummary.writeHgrm(outcome.latency(), histogram);
            }
            if (null != summary)
            {
                writeSummary(outcome, settings);
            }
            if (!outcome.problems().isEmpty())
            {
                return ExitCodes.CHECKS_FAILED;
            }
            return null != outcome.pacing() && !outcome.pacing().achieved() ? ExitCodes.RATE_NOT_ACHIEVED :
                ExitCodes.OK;
        }
    }

    private void writeSummary(final SplitRunOutcome outcome, final StageSettings settings) throws IOException
    {
        final RunSummary runSummary = new RunSummary("split")
            .configuration("workload", workload.name())
            .configuration("transport", transport)
            .configuration("batch", settings.batch())
            .configuration("batching", settings.batchingDescription())
            .configuration("idleStrategy", settings.idleStrategy())
            .configuration("latencySample", settings.latencySampleInterval())
            .configuration("maxLineLength", settings.maxLineLength())
            .configuration("dropTypes", workload instanceof EventsWorkload ? settings.droppedTypes().toString() : "n/a")
            .outcome(outcome.counts(), outcome.results())
            .window(warmupEvents > 0 ? "aggregate applied first event past the warm-up -> aggregate applied last" :
                "ingest sent first event -> aggregate applied last", warmupEvents, outcome.measuredEvents(),
                outcome.windowNanos())
            .latency(outcome.latency(), settings.latencySampleInterval())
            .pacing(outcome.pacing(), outcome.negativeLatencySamples())
            .transit(outcome.transit())
            .notComparable(outcome.notComparable())
            .file("results", results)
            .file("histogram", null == outcome.latency() ? null : histogram)
            .file("rejects", rejects)
            .checks(outcome.checks());
        for (final StageReport stageReport : outcome.stages())
        {
            runSummary.stage(new RunSummary.StageShare(stageReport.stage(), stageReport.wallNanos(),
                stageReport.processingNanos(), stageReport.sendingNanos(), stageReport.waitingNanos(),
                stageReport.framesIn(), stageReport.eventsIn(), stageReport.framesOut(), stageReport.eventsOut(),
                stageReport.backPressureRetries()));
        }
        if (warmupEvents > 0)
        {
            runSummary.check("window", outcome.windowNanos() > 0,
                "no event past the warm-up of " + warmupEvents + " lines was applied");
        }
        runSummary.write(summary);
    }

    private EdgePublisher ready(final EdgePublisher output)
    {
        output.awaitConnected();
        announceReady();
        return output;
    }

    private void announceRestore(final String restored)
    {
        if (null != restored)
        {
            out.println("stage " + stage + " " + restored);
            out.flush();
        }
    }

    private void announceReady()
    {
        out.println(READY_LINE + stage);
        out.flush();
    }

    private int runAgent(final Agent agent)
    {
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Agent failFast = new FailFastAgent(agent, failure);
        final AgentRunner runner = new AgentRunner(
            StageConfiguration.newIdleStrategy(idleStrategy),
            (throwable) ->
            {
                if (!(throwable instanceof AgentTerminationException) || null != throwable.getCause())
                {
                    failure.compareAndSet(null, throwable);
                }
            },
            null,
            failFast);
        final Thread thread = AgentRunner.startOnThread(runner);
        try
        {
            thread.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            runner.close();
        }
        final Throwable cause = failure.get();
        if (null != cause)
        {
            final Throwable reported = cause instanceof AgentTerminationException && null != cause.getCause() ?
                cause.getCause() : cause;
            if (MappedWriteFault.isMappedWriteFault(reported))
            {
                err.println("stage " + stage + " failed: " + MappedWriteFault.describe(mappedDirectories));
                return ExitCodes.NO_SPACE;
            }
            err.println("stage " + stage + " failed: " + (reported instanceof StageFailure ?
                reported.getMessage() : reported.toString()));
            return reported instanceof StageFailure ? ((StageFailure)reported).exitStatus() : ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    private EdgePublisher publisher(
        final StageLink link, final Edge edge, final StageMetricsRecorder metrics, final StageSettings settings)
    {
        return new EdgePublisher(stage, edge, link.sender(edge), StageConfiguration.newIdleStrategy(idleStrategy),
            settings.connectTimeoutMs(), metrics);
    }

    private LineSource openSource()
    {
        if (null == input)
        {
            return workload instanceof EventsWorkload eventsWorkload ?
                eventsWorkload.generator(seed, events, users) : workload.generator(seed, events);
        }
        if ("-".equals(input))
        {
            return new NdjsonLineReader(System.in, "standard input", handlerOptions.maxLineLength()).mayBlock(true);
        }
        final Path path = Path.of(input);
        return new NdjsonLineReader(CommandLines.openInput(path), input, handlerOptions.maxLineLength())
            .mayBlock(!Files.isRegularFile(path));
    }

    private static FaultInjection fault()
    {
        try
        {
            return FaultConfiguration.faultInjection();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UsageException(ex.getMessage());
        }
    }

    private StageSettings settings()
    {
        final Set<EventType> dropped = handlerOptions.droppedTypes();
        try
        {
            return new StageSettings(batch, adaptiveMaxBatch, lingerMicros, idleStrategy,
                Integer.getInteger(StageConfiguration.FRAME_LIMIT_PROP_NAME, StageConfiguration.FRAME_LIMIT_DEFAULT),
                Long.getLong(StageConfiguration.CONNECT_TIMEOUT_MS_PROP_NAME,
                    StageConfiguration.CONNECT_TIMEOUT_MS_DEFAULT),
                handlerOptions.maxLineLength(), rate > 0 ? 1 : handlerOptions.latencySample(), dropped);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UsageException(ex.getMessage());
        }
    }

    /**
     * Stops the runner at the first exception, keeping it for the exit message.
     */
    static final class FailFastAgent implements Agent
    {
        private final Agent delegate;
        private final AtomicReference<Throwable> failure;

        FailFastAgent(final Agent delegate, final AtomicReference<Throwable> failure)
        {
            this.delegate = delegate;
            this.failure = failure;
        }

        public void onStart()
        {
            delegate.onStart();
        }

        public int doWork() throws Exception
        {
            try
            {
                return delegate.doWork();
            }
            catch (final AgentTerminationException ex)
            {
                throw ex;
            }
            catch (final Throwable ex)
            {
                failure.compareAndSet(null, ex);
                throw new AgentTerminationException(ex);
            }
        }

        public void onClose()
        {
            delegate.onClose();
        }

        public String roleName()
        {
            return delegate.roleName();
        }
    }
}
