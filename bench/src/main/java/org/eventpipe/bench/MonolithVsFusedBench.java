package org.eventpipe.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.eventpipe.ingest.NdjsonLineReader;
import org.eventpipe.metrics.RejectSink;
import org.eventpipe.metrics.RunResult;
import org.eventpipe.monolith.FusedPipeline;
import org.eventpipe.monolith.MonolithPipeline;
import org.eventpipe.monolith.PipelineSettings;
import org.eventpipe.workload.EventGenerator;

/**
 * Side-by-side runner: the Disruptor monolith and the single-threaded fused loop over the same NDJSON file, in one
 * JVM, alternating, after warm-up rounds. Prints every round and the medians, and the ratio of the medians.
 * <p>
 * Usage: {@code java -cp bench/target/benchmarks.jar org.eventpipe.bench.MonolithVsFusedBench
 * [--input FILE] [--events N] [--rounds N] [--warmup N] [--wait-strategy NAME] [--ring-size N] [--ingest-batch N]}.
 * Without --input it generates {@code events} lines (default 10,000,000) to {@code target/bench-input-N.ndjson} once
 * and reuses the file; the first warm-up round brings it into the page cache.
 */
public final class MonolithVsFusedBench
{
    private MonolithVsFusedBench()
    {
    }

    /**
     * Run the comparison.
     *
     * @param args see the class comment.
     * @throws IOException if the input cannot be read or generated.
     */
    public static void main(final String[] args) throws IOException
    {
        Path input = null;
        long events = 10_000_000L;
        int rounds = 5;
        int warmup = 2;
        PipelineSettings settings = PipelineSettings.defaults();
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--input" -> input = Path.of(args[++i]);
                case "--events" -> events = Long.parseLong(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--wait-strategy" -> settings = withWait(settings, args[++i]);
                case "--ring-size" -> settings = withRing(settings, Integer.parseInt(args[++i]));
                case "--ingest-batch" -> settings = withIngestBatch(settings, Integer.parseInt(args[++i]));
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        if (null == input)
        {
            input = BenchInput.generated(events);
        }

        System.out.printf(Locale.ROOT, "input %s (%d bytes), wait=%s ring=%d, %d warm-up + %d measured rounds%n",
            input, Files.size(input), settings.waitStrategy(), settings.ringSize(), warmup, rounds);
        final List<Double> monolith = new ArrayList<>();
        final List<Double> fused = new ArrayList<>();
        for (int round = 0; round < warmup + rounds; round++)
        {
            final String label = round < warmup ? "warm-up " + (round + 1) : "round " + (round - warmup + 1);
            final RunResult monolithResult = runMonolith(input, settings);
            final RunResult fusedResult = runFused(input, settings);
            if (!monolithResult.results().equals(fusedResult.results()) ||
                !monolithResult.counts().sameAs(fusedResult.counts()))
            {
                throw new IllegalStateException("monolith and fused loop disagree: " + monolithResult.results() +
                    " vs " + fusedResult.results());
            }
            System.out.printf(Locale.ROOT, "%-10s monolith %6.2f M events/s   fused %6.2f M events/s%n", label,
                monolithResult.eventsPerSecond() / 1e6, fusedResult.eventsPerSecond() / 1e6);
            if (round >= warmup)
            {
                monolith.add(monolithResult.eventsPerSecond());
                fused.add(fusedResult.eventsPerSecond());
            }
        }
        final double monolithMedian = median(monolith);
        final double fusedMedian = median(fused);
        System.out.printf(Locale.ROOT, "median     monolith %6.2f M events/s   fused %6.2f M events/s   " +
            "ratio monolith/fused %.2f%n", monolithMedian / 1e6, fusedMedian / 1e6, monolithMedian / fusedMedian);
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

    private static PipelineSettings withWait(final PipelineSettings s, final String wait)
    {
        return new PipelineSettings(wait, s.ringSize(), s.ingestBatch(), s.maxLineLength(),
            s.latencySampleInterval(), s.droppedTypes());
    }

    private static PipelineSettings withIngestBatch(final PipelineSettings s, final int batch)
    {
        return new PipelineSettings(s.waitStrategy(), s.ringSize(), batch, s.maxLineLength(),
            s.latencySampleInterval(), s.droppedTypes());
    }

    private static PipelineSettings withRing(final PipelineSettings s, final int ring)
    {
        return new PipelineSettings(s.waitStrategy(), ring, s.ingestBatch(), s.maxLineLength(),
            s.latencySampleInterval(), s.droppedTypes());
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
