package org.eventpipe.bench.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --workload NAME}: refused before any work when unknown, given to every run, and naming what the throughput
 * counts; and one tiny work-items session end to end (real processes) whose rows agree byte for byte.
 */
final class WorkloadOptionTest
{
    private static final String SHORT_LINES_ROW = "fused rejects long lines";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    @Test
    void shouldRefuseAnUnknownWorkloadWithOneLineAndExit2BeforeAnyWork() throws IOException
    {
        assertEquals(2, run("--workload", "no-such-workload", "--out", dir.toString()));

        assertEquals(1, err().lines().count(), err());
        assertTrue(err().contains("unknown workload 'no-such-workload'"), err());
        assertTrue(err().contains("events") && err().contains("work-items"), "names the known ones: " + err());
        assertEquals("", out());
        assertEmpty(dir);
    }

    @Test
    void shouldRefuseARowWhoseTemplateNamesItsOwnWorkload() throws IOException
    {
        assertEquals(2, run("--workload", "work-items", "--rows", "monolith",
            "--row", "mine={java} -cp {core.jar} Monolith --workload events", "--out", dir.toString()));

        assertEquals(1, err().lines().count(), err());
        assertTrue(err().contains("leave --workload out of the template"), err());
        assertEmpty(dir);
    }

    @Test
    void shouldRefuseToCompareReportsOfDifferentWorkloads() throws IOException
    {
        final Path items = Files.createDirectories(dir.resolve("items"));
        Files.writeString(items.resolve(ReportWriter.CSV_NAME), "workload,source,regime,row,exit_status," +
            "throughput_meps\nwork-items,file,cold,monolith,0,0.06\n", StandardCharsets.UTF_8);
        final Path events = Files.createDirectories(dir.resolve("events"));
        Files.writeString(events.resolve(ReportWriter.CSV_NAME), "source,regime,row,exit_status,throughput_meps\n" +
            "file,cold,monolith,0,10.0\n", StandardCharsets.UTF_8);

        assertEquals(2, run("--compare", events.toString(), "--against", items.toString()));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().contains("is a report of the events workload, not of work-items"), err());

        assertEquals(2, run("--workload", "work-items", "--compare", events.toString(), "--out", dir.toString()));
        assertTrue(err().contains("is a report of the events workload, not of work-items"), err());

        assertEquals(0, run("--compare", items.toString(), "--against", items.toString()), err());
        assertTrue(out().contains("(work-items workload, k items/s)"), out());
        assertTrue(out().contains("60.00"), "the median in k items/s: " + out());
    }

    @Test
    void shouldGiveTheWorkloadToEveryRunOfEveryRowAndSource()
    {
        final List<Row> rows = new ArrayList<>(Row.standard(Row.TRANSPORTS, Row.BATCHES));
        rows.add(Row.custom("mine={java} -cp {core.jar} Monolith --fused"));
        final ReportCommand.Regime steady = new ReportCommand.Regime("steady", 5, 10);
        final ReportCommand.Plan plan = new ReportCommand.Plan("work-items", "CPU-bound", 1, List.of(steady),
            List.of("file", "generated"), rows);
        final Map<String, Path> jars = new LinkedHashMap<>();
        jars.put("core.jar", dir.resolve("core.jar"));
        jars.put("ipc-aeron.jar", dir.resolve("ipc-aeron.jar"));
        jars.put("ipc-chronicle.jar", dir.resolve("ipc-chronicle.jar"));
        jars.put("bench.jar", dir.resolve("bench.jar"));

        for (final String source : plan.sources())
        {
            for (final Row row : rows)
            {
                final RunRecord record = new RunRecord(source, "steady", row, 1, dir.resolve("s.json"),
                    dir.resolve("h.hgrm"), dir.resolve("r.jsonl"), dir.resolve("l.log"));
                final List<String> command = ReportCommand.commandLine(plan, row, jars, source, steady,
                    dir.resolve("input.ndjson"), record);

                final int at = command.indexOf("--workload");
                assertTrue(at > 0, row.label() + ": " + command);
                assertEquals("work-items", command.get(at + 1), row.label());
                assertEquals(at, command.lastIndexOf("--workload"), "once: " + command);
            }
        }
    }

    @Test
    void shouldLabelThroughputByWhatTheWorkloadCounts()
    {
        assertEquals("M events/s", ThroughputUnit.of("events").label());
        assertEquals("k items/s", ThroughputUnit.of("work-items").label());
        assertEquals("M lines/s", ThroughputUnit.of("my-own").label());
        assertEquals(60.0, ThroughputUnit.of("work-items").shown(0.06), 1e-9);
        assertEquals(2.5, ThroughputUnit.of("events").shown(2.5), 1e-12);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldRunATinyWorkItemsSessionWhoseRowsAgreeAndNameTheWorkload() throws IOException
    {
        final int status = run("--workload", "work-items", "--regimes", "cold", "--rounds", "1",
            "--rows", "fused loop,monolith,aeron-ipc batch 10",
            "--row", SHORT_LINES_ROW + "={java} -cp {core.jar} Monolith --fused --max-line-length 64",
            "--cold-events", "2000", "--out", dir.toString(), "--input-dir", dir.resolve("input").toString());

        assertEquals(1, status, "only the row that rejects every line fails: " + out() + err());
        final Path results = onlyResultsFolder();
        final String report = Files.readString(results.resolve(ReportWriter.REPORT_NAME), StandardCharsets.UTF_8);
        final List<List<String>> csv = Comparison.parse(Files.readString(results.resolve(ReportWriter.CSV_NAME),
            StandardCharsets.UTF_8));
        final List<String> header = csv.get(0);
        assertEquals(4, csv.size() - 1, csv.toString());
        for (final List<String> row : csv.subList(1, csv.size()))
        {
            final String label = row.get(header.indexOf("row"));
            assertEquals("work-items", row.get(header.indexOf("workload")), label);
            assertEquals(SHORT_LINES_ROW.equals(label) ? "FAILED" : "OK", row.get(header.indexOf("correct")),
                label + ": " + row.get(header.indexOf("correctness")));
            final String log = Files.readString(results.resolve(row.get(header.indexOf("log_file"))),
                StandardCharsets.UTF_8);
            assertTrue(log.lines().findFirst().orElse("").contains(" --workload work-items "), label + ": " + log);
        }
        assertTrue(Files.isRegularFile(dir.resolve("input").resolve("work-items-2000.ndjson")));
        assertTrue(Files.readString(dir.resolve("input").resolve("work-items-2000.ndjson"), StandardCharsets.UTF_8)
            .startsWith("{\"id\":"), "the work-items generator wrote the input");
        assertTrue(report.startsWith("# eventpipe comparison report: the work-items workload"), report);
        assertTrue(report.contains("## Throughput, work-items workload: cold"), report);
        assertTrue(report.contains("| row | runs (k items/s) |"), report);
        assertTrue(report.contains("fresh JVMs, 2,000 items"), report);
        assertTrue(report.contains("- FAILED: file cold round 1 " + SHORT_LINES_ROW + ": "), report);
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

    private static void assertEmpty(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            assertEquals(0, files.count(), "nothing written");
        }
    }

    private int run(final String... args)
    {
        outBytes.reset();
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
