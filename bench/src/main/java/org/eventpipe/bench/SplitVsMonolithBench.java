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
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eventpipe.cli.CommandLines;
import org.eventpipe.cli.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Side-by-side runner of the split pipeline against the monolith, each run a fresh process over the same NDJSON file
 * (so both pay the same JVM warm-up), interleaved round by round so that drift on a shared machine hits all of them
 * alike. Prints every run's throughput and, per configuration, the median and its ratio to the monolith's median.
 * <p>
 * Usage, from the repository root after {@code mvn -DskipTests package}:
 * {@code java -cp bench/target/benchmarks.jar org.eventpipe.bench.SplitVsMonolithBench
 * [--transports aeron-ipc,chronicle] [--batches 1,10,100,1000,0] [--rounds 3] [--events 10000000]
 * [--input FILE] [--idle-strategies backoff,yielding] [--variant LABEL=ARGS]... [--monolith-variant LABEL=ARGS]...}.
 * Batch 0 is the adaptive policy; without {@code --idle-strategies} the stages use the launcher's default. A
 * {@code --variant} adds launcher arguments (space separated) to every split configuration, one row per variant, to
 * compare launcher settings side by side; a {@code --monolith-variant} adds a monolith row with extra JVM arguments.
 * Ratios are always to the plain {@code monolith} row: the command the README documents. Throughput is the one each
 * report prints: for the monolith, first event published to last applied; for the split pipeline, first event
 * ingested to last applied (JVM start-up excluded in both).
 */
@Command(name = "SplitVsMonolithBench", mixinStandardHelpOptions = true,
    description = "Runs the split pipeline and the monolith side by side, fresh processes, interleaved rounds.")
public final class SplitVsMonolithBench implements Callable<Integer>
{
    private static final Pattern THROUGHPUT = Pattern.compile("throughput: ([0-9.]+) M events/s");
    private static final long RUN_TIMEOUT_SECONDS = 600;

    @Option(names = "--transports", split = ",", paramLabel = "NAME",
        description = "Transports to run, comma separated (default: aeron-ipc).")
    List<String> transports = new ArrayList<>(List.of("aeron-ipc"));

    @Option(names = "--batches", split = ",", paramLabel = "N",
        description = "Batch sizes, comma separated; 0 = adaptive (default: 1,10,100,1000,0).")
    List<Integer> batches = new ArrayList<>(List.of(1, 10, 100, 1000, 0));

    @Option(names = "--rounds", paramLabel = "N", description = "Rounds (default: 3).")
    int rounds = 3;

    @Option(names = "--events", paramLabel = "N",
        description = "Events to generate when no --input is given (default: 10000000).")
    long events = 10_000_000L;

    @Option(names = "--input", paramLabel = "FILE", description = "NDJSON input file (default: generated).")
    Path input;

    @Option(names = "--idle-strategies", split = ",", paramLabel = "NAME",
        description = "Stage idle strategies to compare, comma separated (default: the launcher's).")
    List<String> idleStrategies = new ArrayList<>();

    @Option(names = "--variant", paramLabel = "LABEL=ARGS",
        description = "Extra launcher arguments for a row of every split configuration; repeatable.")
    Map<String, String> variants = new LinkedHashMap<>();

    @Option(names = "--monolith-variant", paramLabel = "LABEL=ARGS",
        description = "Extra JVM arguments for another monolith row; repeatable.")
    Map<String, String> monolithVariants = new LinkedHashMap<>();

    /**
     * Run the comparison.
     *
     * @param args see the class comment.
     */
    public static void main(final String[] args)
    {
        System.exit(CommandLines.execute(new SplitVsMonolithBench(), args, System.out, System.err));
    }

    /**
     * {@inheritDoc}
     */
    public Integer call() throws Exception
    {
        if (rounds < 1 || events < 1)
        {
            throw new UsageException("--rounds and --events must be at least 1");
        }
        for (final int batch : batches)
        {
            if (batch < 0)
            {
                throw new UsageException("batch " + batch + " is negative (0 is adaptive)");
            }
        }
        final Path benchInput = null == input ? MonolithVsFusedBench.BenchInput.generated(events) : input;
        if (!Files.isRegularFile(benchInput))
        {
            throw new UsageException("no input file " + benchInput);
        }
        final Map<String, List<String>> commands = commands(benchInput);

        System.out.printf(Locale.ROOT, "input %s (%d bytes), %d rounds, %d cores%n", benchInput,
            Files.size(benchInput), rounds, Runtime.getRuntime().availableProcessors());
        final Map<String, List<Double>> results = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++)
        {
            for (final Map.Entry<String, List<String>> entry : commands.entrySet())
            {
                final double throughput = run(entry.getValue());
                results.computeIfAbsent(entry.getKey(), (key) -> new ArrayList<>()).add(throughput);
                System.out.printf(Locale.ROOT, "round %d  %-44s %7.2f M events/s%n", round, entry.getKey(),
                    throughput);
            }
        }

        final double monolith = MonolithVsFusedBench.median(results.get("monolith"));
        System.out.println();
        System.out.printf(Locale.ROOT, "%-44s %14s %10s   %s%n", "configuration", "median M ev/s", "x monolith",
            "runs");
        for (final Map.Entry<String, List<Double>> entry : results.entrySet())
        {
            final double median = MonolithVsFusedBench.median(entry.getValue());
            System.out.printf(Locale.ROOT, "%-44s %14.2f %10.2f   %s%n", entry.getKey(), median, median / monolith,
                format(entry.getValue()));
        }
        return 0;
    }

    private Map<String, List<String>> commands(final Path benchInput)
    {
        final Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put("monolith", List.of(java(), "-cp", "core/target/core.jar", "Monolith", "--input",
            benchInput.toString()));
        for (final Map.Entry<String, String> variant : monolithVariants.entrySet())
        {
            final List<String> command = new ArrayList<>(List.of(java()));
            command.addAll(words(variant.getValue()));
            command.addAll(List.of("-cp", "core/target/core.jar", "Monolith", "--input", benchInput.toString()));
            commands.put("monolith " + variant.getKey(), command);
        }
        final Map<String, String> splitVariants = new LinkedHashMap<>();
        if (variants.isEmpty())
        {
            splitVariants.put("", "");
        }
        splitVariants.putAll(variants);
        final List<String> idles = idleStrategies.isEmpty() ? List.of("") : idleStrategies;
        for (final String transport : transports)
        {
            final String jar = transport.startsWith("aeron") ? "ipc-aeron/target/ipc-aeron.jar" :
                "ipc-" + transport + "/target/ipc-" + transport + ".jar";
            for (final int batch : batches)
            {
                for (final String idle : idles)
                {
                    for (final Map.Entry<String, String> variant : splitVariants.entrySet())
                    {
                        final List<String> command = new ArrayList<>(List.of(java(), "-cp", jar, "SplitPipeline",
                            "--transport", transport, "--batch", Integer.toString(batch), "--input",
                            benchInput.toString()));
                        if (!idle.isEmpty())
                        {
                            command.add("--idle-strategy");
                            command.add(idle);
                        }
                        command.addAll(words(variant.getValue()));
                        commands.put(transport + " batch " + (0 == batch ? "adaptive" : Integer.toString(batch)) +
                            (idle.isEmpty() ? "" : " " + idle) +
                            (variant.getKey().isEmpty() ? "" : " " + variant.getKey()), command);
                    }
                }
            }
        }
        return commands;
    }

    private static List<String> words(final String arguments)
    {
        final String trimmed = arguments.trim();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
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
