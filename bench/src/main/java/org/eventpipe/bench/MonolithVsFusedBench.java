package org.eventpipe.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.eventpipe.cli.CommandLines;
import org.eventpipe.cli.MonolithCommand;
import org.eventpipe.cli.UsageException;
import org.eventpipe.ingest.NdjsonLineReader;
import org.eventpipe.metrics.RejectSink;
import org.eventpipe.metrics.RunResult;
import org.eventpipe.monolith.FusedPipeline;
import org.eventpipe.monolith.MonolithConfiguration;
import org.eventpipe.monolith.MonolithPipeline;
import org.eventpipe.monolith.PipelineSettings;
import org.eventpipe.workload.EventGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Side-by-side runner: the Disruptor monolith and the single-threaded fused loop over the same NDJSON file, in one
 * JVM, alternating, after warm-up rounds. Prints every round and the medians, and the ratio of the medians.
 * <p>
 * Usage: {@code java -cp bench/target/benchmarks.jar org.eventpipe.bench.MonolithVsFusedBench
 * [--input FILE] [--events N] [--rounds N] [--warmup N] [--wait-strategy NAME] [--ring-size N] [--ingest-batch N]
 * [--help]}. Defaults: 5 measured rounds, 2 warm-up rounds, and the pipeline settings of
 * {@link PipelineSettings#defaults()}. Without --input it generates {@code events} lines (default 10,000,000) to
 * {@code target/bench-input-N.ndjson} (or to the directory named by the system property {@code eventpipe.bench.dir})
 * once and reuses the file; the first warm-up round brings it into the page cache.
 * <p>
 * Exit status: 0 on success (and for {@code --help}), 1 if the run fails (for instance the two pipelines disagree),
 * 2 on an unknown option or a bad value (one error line and the usage on stderr) or an input error.
 */
public final class MonolithVsFusedBench
{
    private static final String NAME = "MonolithVsFusedBench";

    private MonolithVsFusedBench()
    {
    }

    /**
     * Run the comparison and exit with its status.
     *
     * @param args see the class comment, or run with {@code --help}.
     */
    public static void main(final String[] args)
    {
        System.exit(execute(args, System.out, System.err));
    }

    /**
     * Parse the arguments and run the comparison.
     *
     * @param args command-line arguments.
     * @param out  where help and the report go.
     * @param err  where errors go.
     * @return the exit status: 0 on success, 1 if the run failed, 2 on a usage or input error.
     */
    static int execute(final String[] args, final PrintStream out, final PrintStream err)
    {
        return CommandLines.execute(new Options(out), args, out, err, true);
    }

    /**
     * The options, and the comparison itself.
     */
    @Command(
        name = NAME,
        sortOptions = false,
        description = "Runs the Disruptor monolith and the single-threaded fused loop over the same NDJSON file, " +
            "alternating in one JVM after warm-up rounds, and prints every round, the medians and their ratio.")
    private static final class Options implements Callable<Integer>
    {
        @Spec
        CommandSpec spec;

        @Option(names = "--input", paramLabel = "FILE",
            description = "NDJSON file to read. Without it, --events lines are generated once, to " +
                "bench-input-N.ndjson in target (or in -Deventpipe.bench.dir), and reused.")
        Path input;

        @Option(names = "--events", paramLabel = "N", defaultValue = "10000000",
            description = "Events to generate when no --input is given (default: ${DEFAULT-VALUE}).")
        long events;

        @Option(names = "--rounds", paramLabel = "N", defaultValue = "5",
            description = "Measured rounds (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--warmup", paramLabel = "N", defaultValue = "2",
            description = "Warm-up rounds, run first and not counted (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--wait-strategy", paramLabel = "NAME",
            defaultValue = MonolithConfiguration.WAIT_STRATEGY_DEFAULT,
            description = "Disruptor wait strategy: " + MonolithConfiguration.WAIT_STRATEGY_NAMES +
                " (default: ${DEFAULT-VALUE}).")
        String waitStrategy;

        @Option(names = "--ring-size", paramLabel = "N", defaultValue = "" + MonolithConfiguration.RING_SIZE_DEFAULT,
            description = "Ring buffer size, a power of two of at least 64 (default: ${DEFAULT-VALUE}).")
        int ringSize;

        @Option(names = "--ingest-batch", paramLabel = "N",
            defaultValue = "" + MonolithConfiguration.INGEST_BATCH_DEFAULT,
            description = "Lines the ingest thread publishes together, at most ring size / 4 " +
                "(default: ${DEFAULT-VALUE}).")
        int ingestBatch;

        @Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        private final PrintStream out;

        Options(final PrintStream out)
        {
            this.out = out;
        }

        /**
         * Validate the options and run the comparison.
         *
         * @return the exit status.
         * @throws IOException if the input cannot be read or generated.
         */
        @Override
        public Integer call() throws IOException
        {
            final PipelineSettings settings = validate();
            final Path file = null == input ? BenchInput.generated(events) : input;
            compare(file, settings);
            return MonolithCommand.EXIT_OK;
        }

        private PipelineSettings validate()
        {
            if (events < 1)
            {
                throw usage("--events must be at least 1: " + events);
            }
            if (rounds < 1)
            {
                throw usage("--rounds must be at least 1: " + rounds);
            }
            if (warmup < 0)
            {
                throw usage("--warmup must not be negative: " + warmup);
            }
            if (null != input)
            {
                try
                {
                    CommandLines.openInput(input).close();
                }
                catch (final UsageException | IOException ex)
                {
                    throw usage(ex.getMessage());
                }
            }
            final PipelineSettings defaults = PipelineSettings.defaults();
            try
            {
                return new PipelineSettings(waitStrategy, ringSize, ingestBatch, defaults.maxLineLength(),
                    defaults.latencySampleInterval(), defaults.droppedTypes());
            }
            catch (final IllegalArgumentException ex)
            {
                throw usage(ex.getMessage());
            }
        }

        private ParameterException usage(final String message)
        {
            return new ParameterException(spec.commandLine(), message);
        }

        private void compare(final Path file, final PipelineSettings settings) throws IOException
        {
            out.printf(Locale.ROOT, "input %s (%d bytes), wait=%s ring=%d, %d warm-up + %d measured rounds%n",
                file, Files.size(file), settings.waitStrategy(), settings.ringSize(), warmup, rounds);
            final List<Double> monolith = new ArrayList<>();
            final List<Double> fused = new ArrayList<>();
            for (int round = 0; round < warmup + rounds; round++)
            {
                final String label = round < warmup ? "warm-up " + (round + 1) : "round " + (round - warmup + 1);
                final RunResult monolithResult = runMonolith(file, settings);
                final RunResult fusedResult = runFused(file, settings);
                if (!monolithResult.results().equals(fusedResult.results()) ||
                    !monolithResult.counts().sameAs(fusedResult.counts()))
                {
                    throw new IllegalStateException("monolith and fused loop disagree: " + monolithResult.results() +
                        " vs " + fusedResult.results());
                }
                out.printf(Locale.ROOT, "%-10s monolith %6.2f M events/s   fused %6.2f M events/s%n", label,
                    monolithResult.eventsPerSecond() / 1e6, fusedResult.eventsPerSecond() / 1e6);
                if (round >= warmup)
                {
                    monolith.add(monolithResult.eventsPerSecond());
                    fused.add(fusedResult.eventsPerSecond());
                }
            }
            final double monolithMedian = median(monolith);
            final double fusedMedian = median(fused);
            out.printf(Locale.ROOT, "median     monolith %6.2f M events/s   fused %6.2f M events/s   " +
                "ratio monolith/fused %.2f%n", monolithMedian / 1e6, fusedMedian / 1e6, monolithMedian / fusedMedian);
        }
    }

    static RunResult runMonolith(final Path input, final PipelineSettings settings) throws IOException
    {
        try (NdjsonLineReader reader = open(input, settings))
        {
            return new MonolithPipeline(settings, RejectSink.NONE).run(reader);
        }
    }

    static RunResult runFused(final Path input, final PipelineSettings settings) throws IOException
    {
        try (NdjsonLineReader reader = open(input, settings))
        {
            return new FusedPipeline(settings, RejectSink.NONE).run(reader);
        }
    }

    private static NdjsonLineReader open(final Path input, final PipelineSettings settings) throws IOException
    {
        final InputStream stream = Files.newInputStream(input);
        return new NdjsonLineReader(stream, input.toString(), settings.maxLineLength());
    }

    static double median(final List<Double> values)
    {
        final double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        final int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * Generated benchmark input files, made once and reused.
     */
    static final class BenchInput
    {
        private BenchInput()
        {
        }

        static Path generated(final long events) throws IOException
        {
            final Path dir = Path.of(System.getProperty("eventpipe.bench.dir", "target"));
            Files.createDirectories(dir);
            final Path file = dir.resolve("bench-input-" + events + ".ndjson");
            if (!Files.exists(file))
            {
                final Path partial = dir.resolve(file.getFileName() + ".partial");
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 20))
                {
                    new EventGenerator(42, 10_000, events).writeTo(out);
                }
                Files.move(partial, file);
            }
            return file;
        }
    }
}
