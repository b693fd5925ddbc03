package org.eventpipe.bench.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The latency sweep of issue 13 ({@code --rates R1,R2,...}): runs every row (the fused loop excepted: it has no
 * latency mode) at every offered rate, each run in fresh processes, rows and rates interleaved round by round, and
 * prints one line per run: offered and achieved rate, p50, p99, p99.9 and max in microseconds, and PASS or FAIL (FAIL
 * when the run missed its rate or failed a check). It then names, per row, the highest rate that passed in every
 * round with a median p99 under 1 ms.
 * <pre>
 *   for each round, rate, row:
 *       java ... Monolith | SplitPipeline ... --events W + R * S --rate R --warmup-events W --summary F
 *       with W = max(20,000, R): one second of warm-up, as the latency mode's own default
 * </pre>
 */
final class RateSweep
{
    /** The p99 a rate must stay under to count as sustained, in microseconds. */
    static final double SUSTAINED_P99_MICROS = 1_000.0;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long MIN_WARMUP_EVENTS = 20_000;

    private final PrintStream out;
    private final List<Row> rows;
    private final List<Long> rates;
    private final long measuredSeconds;
    private final int rounds;
    private final long timeoutSeconds;

    /**
     * One run of the sweep.
     *
     * @param row     configuration.
     * @param rate    offered events per second.
     * @param round   from 1.
     * @param status  exit status.
     * @param summary the run's summary, or null if it wrote none.
     */
    record Run(Row row, long rate, int round, int status, JsonNode summary)
    {
        boolean passed()
        {
            return 0 == status && null != summary && summary.path("passed").asBoolean(false);
        }

        double micros(final String name)
        {
            return null == summary ? Double.NaN : summary.at("/latency/micros/" + name).asDouble(Double.NaN);
        }

        double achieved()
        {
            return null == summary ? Double.NaN : summary.at("/latency/achievedRate").asDouble(Double.NaN);
        }

        String line()
        {
            return String.format(Locale.ROOT, "%-22s round %d offered %,10d achieved %,12.0f p50 %10.1f p99 %10.1f " +
                "p99.9 %10.1f max %10.1f us  %s", row.label(), round, rate, achieved(), micros("p50"),
                micros("p99"), micros("p99.9"), micros("max"), passed() ? "PASS" : "FAIL (exit " + status + ")");
        }
    }

    RateSweep(
        final PrintStream out, final List<Row> rows, final List<Long> rates, final long measuredSeconds,
        final int rounds, final long timeoutSeconds)
    {
        this.out = out;
        this.rows = rows.stream().filter((row) -> !Row.FUSED.equals(row.label())).toList();
        this.rates = List.copyOf(rates);
        this.measuredSeconds = measuredSeconds;
        this.rounds = rounds;
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * Run the sweep.
     *
     * @param commandOf  the command line of a row, without events, warm-up, rate and summary.
     * @param directory  for each run's summary and log.
     * @param repository the working directory of the runs.
     * @return 0 if every run passed, 1 otherwise.
     * @throws IOException          if a run cannot be started or its files written.
     * @throws InterruptedException if interrupted while waiting for a run.
     */
    int run(final java.util.function.Function<Row, List<String>> commandOf, final Path directory, final Path repository)
        throws IOException, InterruptedException
    {
        Files.createDirectories(directory);
        out.println("eventpipe latency sweep: rates " + rates + ", " + measuredSeconds + " s measured after a " +
            "one-second warm-up, " + rounds + " round(s), rows " + rows.stream().map(Row::label).toList());
        final List<Run> runs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++)
        {
            for (final long rate : rates)
            {
                for (final Row row : rows)
                {
                    final long warmup = Math.max(MIN_WARMUP_EVENTS, rate);
                    final String stem = row.slug() + "-" + rate + "-r" + round;
                    final Path summary = directory.resolve(stem + ".summary.json");
                    final Path log = directory.resolve(stem + ".log");
                    final List<String> command = new ArrayList<>(commandOf.apply(row));
                    command.addAll(List.of("--events", Long.toString(warmup + rate * measuredSeconds), "--rate",
                        Long.toString(rate), "--warmup-events", Long.toString(warmup), "--summary",
                        summary.toString()));
                    final int status = execute(command, repository, log);
                    final JsonNode json = Files.isRegularFile(summary) ? MAPPER.readTree(summary.toFile()) : null;
                    final Run run = new Run(row, rate, round, status, json);
                    out.println(run.line());
                    runs.add(run);
                }
            }
        }
        out.println();
        for (final String line : sustained(runs))
        {
            out.println(line);
        }
        return runs.stream().allMatch(Run::passed) ? 0 : 1;
    }

    /**
     * Per row, the highest rate whose runs all passed with a median p99 under {@link #SUSTAINED_P99_MICROS}.
     *
     * @param runs of the sweep.
     * @return one line per row.
     */
    static List<String> sustained(final List<Run> runs)
    {
        final Map<String, Map<Long, List<Run>>> byRow = new LinkedHashMap<>();
        for (final Run run : runs)
        {
            byRow.computeIfAbsent(run.row().label(), (label) -> new LinkedHashMap<>())
                .computeIfAbsent(run.rate(), (rate) -> new ArrayList<>()).add(run);
        }
        final List<String> lines = new ArrayList<>();
        for (final Map.Entry<String, Map<Long, List<Run>>> row : byRow.entrySet())
        {
            long best = 0;
            for (final Map.Entry<Long, List<Run>> rate : row.getValue().entrySet())
            {
                final List<Run> atRate = rate.getValue();
                final double[] p99 = atRate.stream().mapToDouble((run) -> run.micros("p99")).sorted().toArray();
                final double median = p99[p99.length / 2];
                if (atRate.stream().allMatch(Run::passed) && median < SUSTAINED_P99_MICROS && rate.getKey() > best)
                {
                    best = rate.getKey();
                }
            }
            lines.add(String.format(Locale.ROOT, "%-22s highest rate sustained with p99 under 1 ms: %s", row.getKey(),
                0 == best ? "none of those offered" : String.format(Locale.ROOT, "%,d events/s", best)));
        }
        return lines;
    }

    private int execute(final List<String> command, final Path repository, final Path log)
        throws IOException, InterruptedException
    {
        Files.writeString(log, String.join(" ", command) + "\n", StandardCharsets.UTF_8);
        final Process process = new ProcessBuilder(command).directory(repository.toFile()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        process.getOutputStream().close();
        try
        {
            if (process.waitFor(timeoutSeconds, TimeUnit.SECONDS))
            {
                return process.exitValue();
            }
            return -1;
        }
        finally
        {
            if (process.isAlive())
            {
                // SIGTERM lets the launcher stop its stages and clean up; whatever is left is killed
                final List<ProcessHandle> descendants = process.descendants().toList();
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS))
                {
                    process.destroyForcibly();
                }
                descendants.forEach(ProcessHandle::destroyForcibly);
            }
        }
    }
}
