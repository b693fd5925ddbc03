package org.eventpipe.bench.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eventpipe.metrics.RunSummary;
import org.eventpipe.workload.Workloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs a tiny matrix of the report with real processes (the jars the reactor built before this module): the fused
 * loop, the monolith, one split row over aeron-ipc and a deliberately wrong row (the fused loop keeping views), in
 * both regimes, one round.
 */
final class ReportCommandTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String WRONG_ROW = "fused keeps views";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldWriteEveryFileAndFailTheRunOfARowThatDiffersFromTheMonolith() throws IOException
    {
        final Set<String> shmBefore = shm();

        final int status = run("--rows", "fused loop,monolith,aeron-ipc batch 100", "--regimes", "cold,steady",
            "--rounds", "1",
            "--row", WRONG_ROW + "={java} -cp {core.jar} Monolith --fused --drop-types none",
            "--cold-events", "20000", "--warmup-events", "10000", "--steady-events", "10000",
            "--out", dir.toString(), "--input-dir", dir.resolve("input").toString());

        assertEquals(1, status, out() + err());
        assertEquals(shmBefore, shm(), "left in /dev/shm");
        final Path results = onlyResultsFolder();
        final String report = Files.readString(results.resolve("report.md"), StandardCharsets.UTF_8);
        final List<List<String>> csv = Comparison.parse(Files.readString(results.resolve("results.csv"),
            StandardCharsets.UTF_8));

        assertEquals(namedColumns(report), csv.get(0));
        assertEquals(8, csv.size() - 1, "one CSV row per run: 4 rows x 2 regimes");
        final List<String> header = csv.get(0);
        for (final List<String> row : csv.subList(1, csv.size()))
        {
            final String label = row.get(header.indexOf("row"));
            final boolean wrong = WRONG_ROW.equals(label);
            assertEquals(wrong ? "FAILED" : "OK", row.get(header.indexOf("correct")), label);
            assertEquals("0", row.get(header.indexOf("exit_status")), label);
            assertTrue(Double.parseDouble(row.get(header.indexOf("throughput_meps"))) > 0, label);

            final JsonNode summary = MAPPER.readTree(results.resolve(row.get(header.indexOf("summary_file")))
                .toFile());
            assertEquals(RunSummary.FORMAT, summary.get("format").asText());
            assertTrue(summary.get("passed").asBoolean(), label + ": its own checks pass, only the comparison fails");
            final boolean steady = "steady".equals(row.get(header.indexOf("regime")));
            assertEquals(steady ? 10_000 : 0, summary.at("/window/warmupEvents").asLong(), label);
            assertEquals(steady ? 10_000 : 20_000, summary.at("/window/events").asLong(), label);
            assertEquals(20_000, summary.at("/counts/linesRead").asLong(), label);
            assertEquals("aeron-ipc batch 100".equals(label) ? 5 : 0, summary.get("stages").size(), label);

            final Path hgrm = results.resolve(row.get(header.indexOf("histogram_file")));
            assertTrue(Files.isRegularFile(hgrm), label);
            if (!label.startsWith("fused"))
            {
                assertFalse(Charts.hgrmPoints(hgrm).isEmpty(), label + ": histogram has percentiles");
            }
        }
        assertTrue(report.contains("| " + WRONG_ROW + " |"), report);
        assertTrue(report.contains("- FAILED: file cold round 1 " + WRONG_ROW + ": kept 20000 != monolith's"),
            report);
        assertTrue(report.contains("| aeron-ipc batch 100 |"), report);
        assertFalse(report.contains("FAILED: file cold round 1 aeron-ipc"), report);

        final List<Path> charts;
        try (Stream<Path> files = Files.list(results.resolve("charts")))
        {
            charts = files.sorted().toList();
        }
        assertEquals(6, charts.size(), charts.toString());
        for (final Path chart : charts)
        {
            final BufferedImage image = ImageIO.read(chart.toFile());
            assertNotNull(image, chart + " decodes");
            assertTrue(image.getWidth() > 100 && image.getHeight() > 100, chart.toString());
            assertTrue(report.contains("](charts/" + chart.getFileName() + ")"), chart + " is embedded");
        }

        outBytes.reset();
        assertEquals(0, run("--compare", results.toString(), "--against", results.toString()), err());
        assertTrue(out().contains("monolith") && out().contains("+0.0%"), out());
        assertTrue(out().contains("file cold: ranking kept"), out());
        assertTrue(out().contains("0 ratio(s) to the monolith moved by more than 15 %"), out());
    }

    @Test
    void shouldRefuseBadArgumentsWithOneLineBeforeAnyRun() throws IOException
    {
        assertEquals(2, run("--regimes", "warm", "--out", dir.toString()));
        assertEquals(2, run("--quick", "--full", "--out", dir.toString()));
        assertEquals(2, run("--rows", "no such row", "--out", dir.toString()));
        assertEquals(2, run("--repo", dir.resolve("nowhere").toString(), "--out", dir.toString()));
        assertTrue(err().contains("build first"), err());
        assertEquals(2, run("--compare", dir.toString(), "--against", dir.toString()));
        assertTrue(err().contains("not a results folder"), err());
        assertEquals(1, err().lines().count(), err());
        try (Stream<Path> files = Files.list(dir))
        {
            assertEquals(0, files.count(), "nothing written");
        }
    }

    private Path onlyResultsFolder() throws IOException
    {
        final List<Path> folders = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir))
        {
            files.filter((path) -> path.getFileName().toString().startsWith("report-")).forEach(folders::add);
        }
        assertEquals(1, folders.size(), folders.toString());
        return folders.get(0);
    }

    private static List<String> namedColumns(final String report)
    {
        for (final String line : report.split("\n"))
        {
            if (line.startsWith("- `results.csv`"))
            {
                final List<String> columns = new ArrayList<>();
                final String list = line.substring(line.indexOf("Columns: ") + "Columns: ".length());
                for (final String column : list.replaceAll("\\.$", "").split(", "))
                {
                    columns.add(column.replace("`", ""));
                }
                return columns;
            }
        }
        throw new AssertionError("the report names no CSV columns");
    }

    private static Set<String> shm() throws IOException
    {
        final Set<String> names = new TreeSet<>();
        final Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm))
        {
            try (Stream<Path> files = Files.list(shm))
            {
                files.map((path) -> path.getFileName().toString())
                    .filter((name) -> name.startsWith("eventpipe-") || name.startsWith("aeron-"))
                    .forEach(names::add);
            }
        }
        return names;
    }

    @Test
    void shouldPlanQuickAsThreeSteadyRoundsOfSevenRowsAndFullAsFourteenRowsInBothRegimes()
    {
        final ReportCommand quick = new ReportCommand();
        new CommandLine(quick).parseArgs("--quick");
        final ReportCommand.Plan quickPlan = quick.plan(Workloads.events());
        assertEquals(3, quickPlan.rounds());
        assertEquals(List.of("steady"), quickPlan.regimes().stream().map(ReportCommand.Regime::name).toList());
        assertEquals(List.of(1_000_000L, 3_000_000L), List.of(quickPlan.regimes().get(0).warmupEvents(),
            quickPlan.regimes().get(0).measuredEvents()));
        assertEquals(List.of("fused loop", "monolith", "aeron-ipc batch 100", "aeron-ipc adaptive",
            "aeron-udp batch 100", "chronicle batch 100", "chronicle adaptive"),
            quickPlan.rows().stream().map(Row::label).toList());

        final ReportCommand full = new ReportCommand();
        new CommandLine(full).parseArgs("--full");
        final ReportCommand.Plan fullPlan = full.plan(Workloads.events());
        assertEquals(3, fullPlan.rounds());
        assertEquals(List.of("cold", "steady"), fullPlan.regimes().stream().map(ReportCommand.Regime::name).toList());
        assertEquals(List.of("fused loop", "monolith", "monolith (jdk queues)", "aeron-ipc batch 1",
            "aeron-ipc batch 10", "aeron-ipc batch 100", "aeron-ipc batch 1000", "aeron-ipc adaptive",
            "aeron-udp batch 100", "aeron-udp adaptive", "chronicle batch 100", "chronicle adaptive", "tcp batch 100",
            "tcp adaptive"), fullPlan.rows().stream().map(Row::label).toList(), "--full fits 30 minutes on 2 cores");
        final Row tcp = fullPlan.rows().stream().filter((row) -> "tcp batch 100".equals(row.label())).findFirst()
            .orElseThrow();
        assertEquals(List.of("{java}", "-cp", "{bench.jar}", "SplitPipeline", "--transport", "tcp", "--batch", "100"),
            tcp.template(), "the baseline transports run from bench.jar");
        final ReportCommand every = new ReportCommand();
        new CommandLine(every).parseArgs("--full", "--transports", String.join(",", Row.TRANSPORTS));
        final ReportCommand.Plan everyPlan = every.plan(Workloads.events());
        assertEquals(3 + Row.TRANSPORTS.size() * Row.BATCHES.size(), everyPlan.rows().size(),
            "--full with --transports runs every batch size of them");
        assertTrue(everyPlan.rows().stream().anyMatch((row) -> "grpc batch 1".equals(row.label()) &&
            row.template().contains("{bench.jar}")), "the gRPC rows run from bench.jar");

        final ReportCommand narrowed = new ReportCommand();
        new CommandLine(narrowed).parseArgs("--batches", "10");
        assertEquals(3 + Row.TRANSPORTS.size(), narrowed.plan(Workloads.events()).rows().size(),
            "a --batches narrows the standard rows instead of the quick ones");
    }

    private int run(final String... args)
    {
        errBytes.reset();
        return ReportCommand.execute(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
            new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    private String out()
    {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err()
    {
        return errBytes.toString(StandardCharsets.UTF_8);
    }
}
