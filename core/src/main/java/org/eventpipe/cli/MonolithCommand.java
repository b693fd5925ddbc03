package org.eventpipe.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import org.eventpipe.fault.FaultConfiguration;
import org.eventpipe.fault.FaultInjection;
import org.eventpipe.ingest.IngestConfiguration;
import org.eventpipe.ingest.LineSource;
import org.eventpipe.ingest.NdjsonLineReader;
import org.eventpipe.metrics.ColdRun;
import org.eventpipe.metrics.LatencyIntervals;
import org.eventpipe.metrics.LatencySummary;
import org.eventpipe.metrics.RejectFileWriter;
import org.eventpipe.metrics.RejectSink;
import org.eventpipe.metrics.RunResult;
import org.eventpipe.metrics.RunSummary;
import org.eventpipe.model.EventType;
import org.eventpipe.monolith.FusedPipeline;
import org.eventpipe.monolith.MonolithConfiguration;
import org.eventpipe.monolith.MonolithPipeline;
import org.eventpipe.monolith.MonolithQueue;
import org.eventpipe.monolith.PipelineSettings;
import org.eventpipe.pacing.IngestPacer;
import org.eventpipe.pacing.PacingConfiguration;
import org.eventpipe.pacing.PacingOutcome;
import org.eventpipe.workload.Workload;
import org.eventpipe.workload.events.EventsWorkload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code Monolith} command: runs the Disruptor pipeline (or, with {@code --queue jdk}, the same on JDK queues)
 * over generated events or an NDJSON file and prints the aggregates, the counts, the throughput and the latency
 * summary. Exit status: 0 on success, 1 if a handler failed or the counts do not add up, 2 on a usage or input error,
 * 7 ({@link ExitCodes#RATE_NOT_ACHIEVED}) if a paced run missed its rate.
 */
@Command(
    name = "Monolith",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    version = "eventpipe monolith 0.1.0",
    description = "Runs parse -> rules -> aggregate on an LMAX Disruptor ring buffer (or JDK queues) in one JVM.%n" +
        "Without --input it generates the deterministic workload (seed 42, 10,000 users) in memory.")
public final class MonolithCommand implements Callable<Integer>
{
    /** Exit status of a successful run: {@link ExitCodes#OK}. */
    public static final int EXIT_OK = ExitCodes.OK;
    /** Exit status of a run whose handlers failed or whose counts do not add up: {@link ExitCodes#FAILED}. */
    public static final int EXIT_FAILED = ExitCodes.FAILED;
    /** Exit status of a usage or input error: {@link ExitCodes#USAGE}. */
    public static final int EXIT_USAGE = ExitCodes.USAGE;

    @Option(names = "--events", paramLabel = "N",
        defaultValue = "${sys:" + IngestConfiguration.EVENTS_PROP_NAME + ":-" + IngestConfiguration.EVENTS_DEFAULT +
            "}",
        description = "Events to generate when no --input is given (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--seed",
        defaultValue = "${sys:" + IngestConfiguration.SEED_PROP_NAME + ":-" + IngestConfiguration.SEED_DEFAULT + "}",
        description = "Seed of the generator (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--users",
        defaultValue = "${sys:" + IngestConfiguration.USERS_PROP_NAME + ":-" + IngestConfiguration.USERS_DEFAULT + "}",
        description = "Distinct users of the generator (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--input", paramLabel = "FILE",
        description = "Read NDJSON events from FILE ('-' for standard input) instead of generating them.")
    String input;

    @Option(names = "--write-input", paramLabel = "FILE",
        description = "Write the generated events to FILE as NDJSON and exit without running the pipeline.")
    Path writeInput;

    @Option(names = "--results", paramLabel = "FILE",
        description = "Write the aggregates as JSON lines, one per type, sorted by key.")
    Path results;

    @Option(names = "--histogram", paramLabel = "FILE",
        description = "Write the latency percentile distribution in HdrHistogram .hgrm format (microseconds).")
    Path histogram;

    @Option(names = "--rejects", paramLabel = "FILE",
        description = "Write each rejected line as: line number, TAB, reason, TAB, the line.")
    Path rejects;

    @Option(names = "--queue", paramLabel = "NAME",
        defaultValue = "${sys:" + MonolithConfiguration.QUEUE_PROP_NAME + ":-" + MonolithConfiguration.QUEUE_DEFAULT +
            "}",
        description = "What joins the threads: disruptor (one ring buffer) or jdk (an ArrayBlockingQueue between " +
            "each pair of threads, the baseline) (default: ${DEFAULT-VALUE}).")
    String queue;

    @Option(names = "--wait-strategy", paramLabel = "NAME",
        description = "Disruptor wait strategy: " + MonolithConfiguration.WAIT_STRATEGY_NAMES +
            " (default: -D" + MonolithConfiguration.WAIT_STRATEGY_PROP_NAME + " or " +
            MonolithConfiguration.WAIT_STRATEGY_DEFAULT + "); not with --queue jdk, whose threads block in the queues.")
    String waitStrategy;

    @Option(names = "--ring-size", paramLabel = "SLOTS",
        defaultValue = "${sys:" + MonolithConfiguration.RING_SIZE_PROP_NAME + ":-0}",
        description = "Ring buffer size, a power of two (default: the workload's, " +
            MonolithConfiguration.RING_SIZE_DEFAULT + " for events and 4096 for work-items).")
    int ringSize;

    @Option(names = "--ingest-batch", paramLabel = "N",
        defaultValue = "${sys:" + MonolithConfiguration.INGEST_BATCH_PROP_NAME + ":-" +
            MonolithConfiguration.INGEST_BATCH_DEFAULT + "}",
        description = "Lines the ingest thread publishes together (default: ${DEFAULT-VALUE}).")
    int ingestBatch;

    @Option(names = "--warmup-events", paramLabel = "N", defaultValue = "${sys:eventpipe.warmup.events:--1}",
        description = "Leave the first N lines out of the measured window and the latency histogram; " +
            "the window runs from the aggregate applying the first event past line N to it applying the last " +
            "(default: none in the throughput mode; with --rate one second of events, at least 20,000, at most " +
            "half the run).")
    long warmupEvents;

    @Option(names = "--rate", paramLabel = "R",
        defaultValue = "${sys:" + PacingConfiguration.RATE_PROP_NAME + ":-" + PacingConfiguration.RATE_DEFAULT + "}",
        description = "Latency mode: offer R events per second, each timed from its intended send time, and record " +
            "every event's latency (default: 0, the throughput mode).")
    long rate;

    @Option(names = "--burst", paramLabel = "N",
        defaultValue = "${sys:" + PacingConfiguration.BURST_PROP_NAME + ":-" + PacingConfiguration.BURST_DEFAULT +
            "}",
        description = "Latency mode: events due together, at start + k * N / R (default: ${DEFAULT-VALUE}).")
    int burst;

    @Option(names = "--histogram-log", paramLabel = "FILE",
        description = "Write the latency as an HdrHistogram interval log (HistogramLogWriter), one interval a second.")
    Path histogramLog;

    @Option(names = "--summary", paramLabel = "FILE",
        description = "Write a machine-readable summary of the run (JSON: configuration, counts, window, " +
            "throughput, latency, checks).")
    Path summary;

    @Option(names = "--fused",
        description = "Run the single-threaded fused loop (same handlers, one thread) instead of the Disruptor.")
    boolean fused;

    @Mixin
    HandlerOptions handlerOptions = new HandlerOptions();

    private PrintStream out = System.out;
    private PacingOutcome pacing;
    private long negativeLatencySamples;
    private LatencyIntervals intervals;

    /**
     * Run the command.
     *
     * @param args command-line arguments.
     * @param out  where the report goes.
     * @param err  where errors go.
     * @return the exit status.
     */
    public static int execute(final String[] args, final PrintStream out, final PrintStream err)
    {
        final MonolithCommand command = new MonolithCommand();
        command.out = out;
        return CommandLines.execute(command, args, out, err);
    }

    /**
     * {@inheritDoc}
     */
    public Integer call() throws Exception
    {
        if (events < 0)
        {
            throw new UsageException("--events must not be negative: " + events);
        }
        if (users < 1)
        {
            throw new UsageException("--users must be at least 1: " + users);
        }
        final String pacingProblem = PacingConfiguration.check(rate, burst);
        if (null != pacingProblem)
        {
            throw new UsageException(pacingProblem);
        }
        if (rate > 0 && fused)
        {
            throw new UsageException("--rate runs the Disruptor pipeline: drop --fused");
        }
        if (warmupEvents < PacingConfiguration.WARMUP_AUTO)
        {
            throw new UsageException("--warmup-events must be in [0, --events): " + warmupEvents);
        }
        warmupEvents = PacingConfiguration.warmupEvents(warmupEvents, rate, null == input ? events : -1);
        if (null == input && null == writeInput && warmupEvents > 0 && warmupEvents >= events)
        {
            throw new UsageException("--warmup-events must be in [0, --events): " + warmupEvents);
        }
        final PipelineSettings settings = settings();
        if (MonolithQueue.JDK == settings.queue() && (fused || null != waitStrategy))
        {
            throw new UsageException((fused ? "--fused" : "--wait-strategy") +
                " does not apply to --queue jdk" + (fused ? "" : ", whose threads block in the queues"));
        }
        final FaultInjection fault = fault();
        final Workload workload = handlerOptions.workload();

        if (null != writeInput)
        {
            return writeGeneratedInput(workload);
        }

        CommandLines.checkWritable(results, "--results");
        CommandLines.checkWritable(histogram, "--histogram");
        CommandLines.checkWritable(histogramLog, "--histogram-log");
        CommandLines.checkWritable(rejects, "--rejects");
        CommandLines.checkWritable(summary, "--summary");

        final RunResult result;
        final String sourceDescription;
        try (LineSource source = openSource(workload, settings.maxLineLength());
            RejectFileWriter rejectWriter = null == rejects ? null : new RejectFileWriter(rejects))
        {
            final RejectSink rejectSink = null == rejectWriter ? RejectSink.NONE : rejectWriter;
            if (fault.isActive())
            {
                out.println(fault);
            }
            if (fused)
            {
                result = new FusedPipeline(settings, workload, rejectSink).warmupEvents(warmupEvents).run(source);
            }
            else
            {
                intervals = null == histogramLog ? null : new LatencyIntervals();
                final MonolithPipeline pipeline = MonolithPipeline.withFault(settings, workload, rejectSink, fault)
                    .warmupEvents(warmupEvents)
                    .pacing(rate > 0 ? new IngestPacer(rate, burst) : null)
                    .recordIntervals(intervals);
                result = pipeline.run(source);
                pacing = pipeline.pacingOutcome();
                negativeLatencySamples = pipeline.negativeLatencySamples();
            }
            sourceDescription = source.description();
            printReport(workload, source.description(), settings, result);
        }

        if (null != results)
        {
            Files.writeString(results, result.results().toJsonLines(), StandardCharsets.UTF_8);
        }
        if (null != histogram)
        {
            LatencySummary.writeHgrm(result.latency(), histogram);
        }
        if (null != histogramLog)
        {
            (null == intervals ? new LatencyIntervals() : intervals).write(histogramLog);
        }

        if (null != summary)
        {
            writeSummary(workload, settings, sourceDescription, result);
        }

        final List<String> problems = result.problems();
        out.println(problems.isEmpty() ? "checks: OK (every line accounted for, nothing lost or duplicated)" :
            "checks: FAILED");
        for (final String problem : problems)
        {
            out.println("FAILED: " + problem);
        }
        if (!problems.isEmpty())
        {
            return EXIT_FAILED;
        }
        if (null != pacing && !pacing.achieved())
        {
            out.println(pacing.notAchievedMessage());
            return ExitCodes.RATE_NOT_ACHIEVED;
        }
        return EXIT_OK;
    }

    private void writeSummary(final Workload workload, final PipelineSettings settings,
        final String sourceDescription, final RunResult result) throws IOException
    {
        final RunSummary runSummary = new RunSummary(fused ? "fused" : "monolith")
            .configuration("workload", workload.name())
            .configuration("input", sourceDescription)
            .configuration("queue", fused ? "none" : settings.queue().label())
            .configuration("waitStrategy", fused || MonolithQueue.JDK == settings.queue() ? "none" :
                settings.waitStrategy())
            .configuration("ringSize", fused ? 0 : settings.ringSize())
            .configuration("ingestBatch", fused ? 0 : settings.ingestBatch())
            .configuration("latencySample", settings.latencySampleInterval())
            .configuration("maxLineLength", settings.maxLineLength())
            .configuration("dropTypes", workload instanceof EventsWorkload ? settings.droppedTypes().toString() : "n/a")
            .outcome(result.counts(), result.results())
            .window(warmupEvents > 0 ? "aggregate applied first event past the warm-up -> aggregate applied last" :
                fused ? "first line read -> last line applied" : "first event published -> last applied by aggregate",
                warmupEvents, result.measuredEvents(), result.elapsedNanos())
            .latency(fused ? null : result.latency(), result.latencySampleInterval())
            .pacing(pacing, negativeLatencySamples)
            .file("results", results)
            .file("histogram", histogram)
            .file("histogramLog", histogramLog)
            .file("rejects", rejects)
            .check("conservation", result.counts().violations(result.results()))
            .check("handler errors", 0 == result.handlerErrors(),
                result.handlerErrors() + " handler error(s), first: " + result.firstHandlerError());
        if (warmupEvents > 0)
        {
            runSummary.check("window", result.elapsedNanos() > 0,
                "no event past the warm-up of " + warmupEvents + " lines was applied");
        }
        runSummary.write(summary);
    }

    private FaultInjection fault()
    {
        final FaultInjection fault;
        try
        {
            fault = FaultConfiguration.faultInjection();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UsageException(ex.getMessage());
        }
        if (fused && fault.isActive())
        {
            throw new UsageException("--fused runs no injected fault: unset -D" + FaultConfiguration.STAGE_PROP_NAME);
        }
        return fault;
    }

    private PipelineSettings settings()
    {
        final Set<EventType> dropped = handlerOptions.droppedTypes();
        try
        {
            final String strategy = null != waitStrategy ? waitStrategy : System.getProperty(
                MonolithConfiguration.WAIT_STRATEGY_PROP_NAME, MonolithConfiguration.WAIT_STRATEGY_DEFAULT);
            final int slots = 0 == ringSize ? handlerOptions.workload().defaultRingSize() : ringSize;
            return new PipelineSettings(strategy, slots, ingestBatch, handlerOptions.maxLineLength(),
                handlerOptions.latencySample(), dropped, MonolithQueue.of(queue),
                Integer.getInteger(MonolithConfiguration.SLOT_LINE_CAPACITY_PROP_NAME,
                    MonolithConfiguration.SLOT_LINE_CAPACITY_DEFAULT),
                Integer.getInteger(MonolithConfiguration.LONG_LINE_POOL_BYTES_PROP_NAME,
                    MonolithConfiguration.LONG_LINE_POOL_BYTES_DEFAULT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UsageException(ex.getMessage());
        }
    }

    private int writeGeneratedInput(final Workload workload) throws IOException
    {
        CommandLines.checkWritable(writeInput, "--write-input");
        final LineSource generator = generator(workload);
        final long written;
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(writeInput), 1 << 20))
        {
            written = generator.writeTo(file);
        }
        out.println("wrote " + written + " lines to " + writeInput + " (" + generator.description() + ")");
        return EXIT_OK;
    }

    private LineSource generator(final Workload workload)
    {
        return workload instanceof EventsWorkload eventsWorkload ?
            eventsWorkload.generator(seed, events, users) : workload.generator(seed, events);
    }

    private LineSource openSource(final Workload workload, final int maxLineLength) throws IOException
    {
        if (null == input)
        {
            return generator(workload);
        }
        if ("-".equals(input))
        {
            return new NdjsonLineReader(System.in, "standard input", maxLineLength);
        }
        final InputStream stream = CommandLines.openInput(Path.of(input));
        return new NdjsonLineReader(stream, input, maxLineLength);
    }

    private void printReport(
        final Workload workload, final String description, final PipelineSettings settings, final RunResult result)
    {
        out.println("eventpipe " + (fused ? "fused loop (one thread)" : MonolithQueue.JDK == settings.queue() ?
            "monolith (JDK queues, ArrayBlockingQueue of " + settings.ringSize() + ")" :
            "monolith (Disruptor, wait=" + settings.waitStrategy() + ", ring=" + settings.ringSize() + ")") +
            ", workload " + workload.name() + ", over " + description);
        out.println("results:");
        for (final String line : result.results().reportLines())
        {
            out.println("  " + line);
        }
        out.println("lines: " + result.counts().summary());
        if (result.counts().rejected() > 0)
        {
            out.println("rejected by reason: " + result.counts().rejectBreakdown());
        }
        final long published = result.counts().linesRead() - result.counts().blankLines();
        out.printf(Locale.ROOT, "elapsed: %.1f ms for %d events, throughput: %.2f M events/s%n",
            result.elapsedNanos() / 1e6, warmupEvents > 0 ? result.measuredEvents() : published,
            result.eventsPerSecond() / 1e6);
        final String coldNote = null == pacing ? ColdRun.note(warmupEvents, result.elapsedNanos()) : null;
        if (null != coldNote)
        {
            out.println(coldNote);
        }
        if (warmupEvents > 0)
        {
            out.println("measured window: after a warm-up of " + warmupEvents + " lines, from the aggregate " +
                "applying the first event past it to the last");
        }
        if (null != pacing)
        {
            out.println("latency (intended send time -> aggregate applied, every event past the warm-up): " +
                LatencySummary.summary(result.latency()));
            out.println("rate: " + pacing.summary());
        }
        else if (!fused)
        {
            out.println("latency (ingest publish -> aggregate applied, 1 in " + result.latencySampleInterval() +
                " events sampled): " + LatencySummary.summary(result.latency()));
        }
        if (negativeLatencySamples > 0)
        {
            out.println("latency samples stamped later than the aggregate's clock (recorded as 0): " +
                negativeLatencySamples);
        }
        out.println("handler errors: " + result.handlerErrors());
    }
}
