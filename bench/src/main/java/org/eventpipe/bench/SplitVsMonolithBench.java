package org.eventpipe.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Side-by-side runner of the split pipeline against the monolith, each run a fresh process over the same NDJSON file
 * (so both pay the same JVM warm-up), interleaved round by round so that drift on a shared machine hits all of them
 * alike. Prints every run's throughput and, per configuration, the median and its ratio to the monolith's median.
 * <p>
 * Usage, from the repository root after {@code mvn -DskipTests package}:
 * {@code java -cp bench/target/benchmarks.jar org.eventpipe.bench.SplitVsMonolithBench
 * [--transports aeron-ipc,chronicle] [--batches 1,10,100,1000,0] [--rounds 3] [--events 10000000]
 * [--input FILE] [--idle-strategies backoff,yielding]}. Batch 0 is the adaptive policy; without
 * {@code --idle-strategies} the stages use the launcher's default. Throughput is the one each report prints: for the
 * monolith, first event published to last applied; for the split pipeline, first event ingested to last applied (JVM
 * start-up excluded in both).
 */
public final class SplitVsMonolithBench
{
    private static final Pattern THROUGHPUT = Pattern.compile("throughput: ([0-9.]+) M events/s");
    private static final long RUN_TIMEOUT_SECONDS = 600;

    private SplitVsMonolithBench()
    {
    }

    /**
     * Run the comparison.
     *
     * @param args see the class comment.
     * @throws Exception if a run cannot be started.
     */
    public static void main(final String[] args) throws Exception
    {
        List<String> transports = List.of("aeron-ipc");
        List<String> batches = List.of("1", "10", "100", "1000", "0");
        int rounds = 3;
        long events = 10_000_000L;
        Path input = null;
        List<String> idleStrategies = List.of("");
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--transports" -> transports = List.of(args[++i].split(","));
                case "--batches" -> batches = List.of(args[++i].split(","));
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--events" -> events = Long.parseLong(args[++i]);
                case "--input" -> input = Path.of(args[++i]);
                case "--idle-strategies" -> idleStrategies = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        if (null == input)
        {
            input = MonolithVsFusedBench.BenchInput.generated(events);
        }

        final Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put("monolith", List.of(java(), "-cp", "core/target/core.jar", "Monolith", "--input",
            input.toString()));
        for (final String transport : transports)
        {
            final String jar = transport.startsWith("aeron") ? "ipc-aeron/target/ipc-aeron.jar" :
                "ipc-" + transport + "/target/ipc-" + transport + ".jar";
            for (final String batch : batches)
            {
                for (final String idle : idleStrategies)
                {
                    final List<String> command = new ArrayList<>(List.of(java(), "-cp", jar, "SplitPipeline",
                        "--transport", transport, "--batch", batch, "--input", input.toString()));
                    if (!idle.isEmpty())
                    {
                        command.add("--idle-strategy");
                        command.add(idle);
                    }
                    commands.put(transport + " batch " + ("0".equals(batch) ? "adaptive" : batch) +
                        (idle.isEmpty() ? "" : " " + idle), command);
                }
            }
        }

        System.out.printf(Locale.ROOT, "input %s (%d bytes), %d rounds, %d cores%n", input, Files.size(input), rounds,
            Runtime.getRuntime().availableProcessors());
        final Map<String, List<Double>> results = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++)
        {
            for (final Map.Entry<String, List<String>> entry : commands.entrySet())
            {
                final double throughput = run(entry.getValue());
                results.computeIfAbsent(entry.getKey(), (key) -> new ArrayList<>()).add(throughput);
                System.out.printf(Locale.ROOT, "round %d  %-36s %7.2f M events/s%n", round, entry.getKey(),
                    throughput);
            }
        }

        final double monolith = MonolithVsFusedBench.median(results.get("monolith"));
        System.out.println();
        System.out.printf(Locale.ROOT, "%-36s %14s %10s   %s%n", "configuration", "median M ev/s", "x monolith",
            "runs");
        for (final Map.Entry<String, List<Double>> entry : results.entrySet())
        {
            final double median = MonolithVsFusedBench.median(entry.getValue());
            System.out.printf(Locale.ROOT, "%-36s %14.2f %10.2f   %s%n", entry.getKey(), median, median / monolith,
                format(entry.getValue()));
        }
    }

    private static double run(final List<String> command) throws IOException, InterruptedException
    {
        final Path log = Files.createTempFile("eventpipe-bench-", ".log");
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
            if (!process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS))
            {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            final String output = Files.readString(log, StandardCharsets.UTF_8);
            final Matcher matcher = THROUGHPUT.matcher(output);
            if (0 != process.exitValue() || !matcher.find())
            {
                throw new IllegalStateException("run failed (exit " + process.exitValue() + "): " +
                    String.join(" ", command) + "\n" + output);
            }
            return Double.parseDouble(matcher.group(1));
        }
        finally
        {
            Files.deleteIfExists(log);
        }
    }

    private static String format(final List<Double> values)
    {
        final StringBuilder out = new StringBuilder();
        for (final double value : values)
        {
            out.append(String.format(Locale.ROOT, "%.2f ", value));
        }
        return out.toString().trim();
    }

    private static String java()
    {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
