package org.eventpipe.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eventpipe.model.RejectReason;
import org.eventpipe.support.HostileWorkItems;
import org.eventpipe.support.WorkItemReference;
import org.eventpipe.workload.items.WorkItemGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code Monolith --workload}: the work-items workload through the Disruptor, JDK queues and the fused loop on a
 * hostile input gives byte-equal results and rejects files, equal summary counts, and what {@link WorkItemReference}
 * makes of the input; an unknown workload is a usage error before any work; {@code --write-input} writes the
 * generator's items.
 */
@Timeout(120)
final class MonolithWorkloadTest
{
    private static final int ITEMS = 3_000;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    @Test
    void shouldGiveEqualFilesInTheDisruptorJdkQueuesAndTheFusedLoopThatMatchTheReferenceOnHostileInput()
        throws IOException
    {
        final byte[] bytes = HostileWorkItems.input(5, ITEMS);
        final Path input = Files.write(dir.resolve("hostile.ndjson"), bytes);
        final WorkItemReference.Outcome expected = new WorkItemReference(HostileWorkItems.MAX_LINE_LENGTH).run(bytes);
        assertEquals(HostileWorkItems.lines(bytes), expected.lines());
        for (final RejectReason reason : RejectReason.values())
        {
            assertTrue(RejectReason.UNKNOWN_TYPE == reason || expected.rejected(reason) > 0, reason.name());
        }
        assertTrue(expected.blank() > 0 && expected.filtered() > 0 && expected.kept() > ITEMS / 2, expected.toString());

        final JsonNode disruptor = runOver(input, "disruptor", "--ring-size=256");
        final JsonNode fused = runOver(input, "fused", "--fused");
        final JsonNode jdk = runOver(input, "jdk", "--queue=jdk");

        for (final String other : new String[]{ "fused", "jdk" })
        {
            assertArrayEquals(Files.readAllBytes(dir.resolve("disruptor-results.jsonl")),
                Files.readAllBytes(dir.resolve(other + "-results.jsonl")), other);
            assertArrayEquals(Files.readAllBytes(dir.resolve("disruptor-rejects.txt")),
                Files.readAllBytes(dir.resolve(other + "-rejects.txt")), other);
        }
        assertEquals(disruptor.get("counts"), fused.get("counts"));
        assertEquals(disruptor.get("results"), fused.get("results"));
        assertEquals(disruptor.get("counts"), jdk.get("counts"));
        assertEquals(disruptor.get("results"), jdk.get("results"));
        assertEquals("work-items", fused.at("/configuration/workload").asText());
        assertEquals(List.of(), HostileWorkItems.mismatches(expected,
            Files.readAllBytes(dir.resolve("fused-results.jsonl")),
            Files.readAllBytes(dir.resolve("fused-rejects.txt")), fused.get("counts")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "--events=10", "--fused", "--write-input" })
    void shouldExitWithUsageStatusNamingTheKnownWorkloadsBeforeAnyWork(final String mode)
    {
        final Path results = dir.resolve("results.jsonl");
        final Path written = dir.resolve("written.ndjson");
        final String modeArgument = "--write-input".equals(mode) ? "--write-input=" + written : mode;

        final int status = run("--workload", "nope", modeArgument, "--results", results.toString(), "--summary",
            dir.resolve("summary.json").toString());

        assertEquals(ExitCodes.USAGE, status, out() + err());
        final List<String> errLines = err().lines().toList();
        assertEquals(1, errLines.size(), err());
        assertTrue(errLines.get(0).startsWith("Monolith: error: "), err());
        assertTrue(errLines.get(0).contains("'nope'"), err());
        assertTrue(errLines.get(0).contains("events") && errLines.get(0).contains("work-items"), err());
        assertEquals("", out());
        assertFalse(Files.exists(results), "results written");
        assertFalse(Files.exists(written), "input written");
        assertFalse(Files.exists(dir.resolve("summary.json")), "summary written");
    }

    @Test
    void shouldWriteTheGeneratedItemsAsNdjson() throws IOException
    {
        final Path file = dir.resolve("items.ndjson");

        assertEquals(ExitCodes.OK, run("--workload", "work-items", "--write-input", file.toString(), "--events", "300",
            "--seed", "9"), out() + err());

        final ByteArrayOutputStream expected = new ByteArrayOutputStream();
        new WorkItemGenerator(9, 300).writeTo(expected);
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file));
        assertTrue(out().startsWith("wrote 300 lines to "), out());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "events", "work-items" })
    void shouldTakeTheWorkloadsRingSizeUnlessOneIsGiven(final String workload) throws IOException
    {
        final int expected = "work-items".equals(workload) ? 4_096 : 16_384;

        assertEquals(expected, ringSizeOf(workload));
        assertEquals(512, ringSizeOf(workload, "--ring-size", "512"));
    }

    private int ringSizeOf(final String workload, final String... more) throws IOException
    {
        final Path summary = dir.resolve(workload + more.length + "-summary.json");
        final List<String> args = new ArrayList<>(List.of("--workload", workload, "--events", "200",
            "--summary", summary.toString()));
        args.addAll(List.of(more));
        assertEquals(ExitCodes.OK, run(args.toArray(String[]::new)), out() + err());
        return new ObjectMapper().readTree(summary.toFile()).at("/configuration/ringSize").asInt();
    }

    private JsonNode runOver(final Path input, final String name, final String mode) throws IOException
    {
        outBytes.reset();
        errBytes.reset();
        final Path summary = dir.resolve(name + "-summary.json");
        final int status = run("--workload", "work-items", "--input", input.toString(), mode,
            "--results", dir.resolve(name + "-results.jsonl").toString(),
            "--rejects", dir.resolve(name + "-rejects.txt").toString(),
            "--summary", summary.toString());
        assertEquals(ExitCodes.OK, status, out() + err());
        assertTrue(out().contains("checks: OK"), out());
        return new ObjectMapper().readTree(summary.toFile());
    }

    private int run(final String... args)
    {
        final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        return MonolithCommand.execute(args, out, err);
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
