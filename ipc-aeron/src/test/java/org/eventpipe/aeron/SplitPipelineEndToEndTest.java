package org.eventpipe.aeron;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.eventpipe.model.RejectReason;
import org.eventpipe.support.JacksonReference;
import org.eventpipe.support.ReferenceGenerator;
import org.eventpipe.support.ReferenceOutcome;
import org.eventpipe.workload.EventGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end with real processes: the {@code SplitPipeline} launcher started from {@code ipc-aeron.jar} runs a media
 * driver and five stage processes over Aeron IPC or UDP (loopback), and its results file, rejects file and printed
 * counts must equal what {@link JacksonReference} makes of the same input (for generated input, of
 * {@link ReferenceGenerator}'s lines), read back with Jackson and plain string handling.
 */
@Timeout(180)
final class SplitPipelineEndToEndTest
{
    private static final long RUN_DEADLINE_SECONDS = 120;
    private static final long GENERATED_EVENTS = 100_000;
    private static final long SEED = 42;
    private static final int USERS = 10_000;
    private static final int OVERLONG_LENGTH = JacksonReference.MAX_LINE_LENGTH_DEFAULT + 3_000;

    @TempDir
    static Path workDir;

    private static Path mixedInput;
    private static ReferenceOutcome generatedExpected;
    private static ReferenceOutcome mixedExpected;

    @BeforeAll
    static void runReference() throws IOException
    {
        mixedInput = workDir.resolve("mixed.ndjson");
        Files.write(mixedInput, mixedInput(2_000));
        generatedExpected =
            JacksonReference.defaults().run(ReferenceGenerator.ndjson(SEED, USERS, GENERATED_EVENTS));
        mixedExpected = JacksonReference.defaults().run(mixedInput);

        assertEquals(0, generatedExpected.rejected());
        assertEquals(GENERATED_EVENTS, generatedExpected.kept() + generatedExpected.filtered());
        assertTrue(mixedExpected.blankLines() > 0);
        for (final RejectReason reason : List.of(RejectReason.MALFORMED_JSON, RejectReason.NOT_AN_OBJECT,
            RejectReason.MISSING_FIELD, RejectReason.UNKNOWN_TYPE, RejectReason.LINE_TOO_LONG))
        {
            assertTrue(mixedExpected.rejected(reason) > 0, reason.name());
        }
    }

    static Stream<Arguments> transportsAndBatches()
    {
        return Stream.of(
            Arguments.of("aeron-ipc", 1),
            Arguments.of("aeron-ipc", 10),
            Arguments.of("aeron-ipc", 100),
            Arguments.of("aeron-ipc", 0),
            Arguments.of("aeron-udp", 100),
            Arguments.of("aeron-udp", 0));
    }

    @ParameterizedTest(name = "{0} batch {1}")
    @MethodSource("transportsAndBatches")
    void shouldMatchReferenceOnGeneratedInput(final String transport, final int batch) throws Exception
    {
        final List<String> source = List.of("--events", Long.toString(GENERATED_EVENTS), "--seed",
            Long.toString(SEED), "--users", Integer.toString(USERS));

        assertSplitRunMatches(generatedExpected, transport, batch, source);
    }

    @ParameterizedTest(name = "{0} batch {1}")
    @MethodSource("transportsAndBatches")
    void shouldMatchReferenceOnFileWithBadBlankAndOverlongLines(final String transport, final int batch)
        throws Exception
    {
        assertSplitRunMatches(mixedExpected, transport, batch, List.of("--input", mixedInput.toString()));
    }

    /**
     * Blocks of valid generated lines with blank and whitespace-only lines, malformed JSON, a non-object, an unknown
     * type, a missing field, CRLF endings, and every hundredth block over-long lines (valid JSON and garbage) longer
     * than the default maximum line length. The last line has no newline.
     */
    private static byte[] mixedInput(final int blocks)
    {
        final StringBuilder input = new StringBuilder();
        final EventGenerator generator = new EventGenerator(7, 50, 8L * blocks);
        for (int block = 0; block < blocks; block++)
        {
            for (int i = 0; i < 8; i++)
            {
                generator.next();
                input.append(new String(generator.lineBuffer(), 0, generator.lineLength(), StandardCharsets.US_ASCII));
                input.append(i % 3 == 0 ? "\r\n" : "\n");
            }
            input.append('\n').append(" \t \r\n");
            input.append("{\"userId\":1,\"type\":\"click\"\n");
            input.append("[").append(block).append("]\n");
            input.append("{\"userId\":1,\"type\":\"scroll\",\"value\":2,\"ts\":3}\n");
            input.append("{\"userId\":1,\"type\":\"view\",\"value\":2}\n");
            if (block % 100 == 0)
            {
                input.append("{\"userId\":2,\"type\":\"purchase\",\"value\":3,\"ts\":4,\"pad\":\"")
                    .append("p".repeat(OVERLONG_LENGTH + block)).append("\"}\n");
                input.append("#".repeat(OVERLONG_LENGTH)).append('\n');
            }
        }
        input.append("{\"userId\":3,\"type\":\"click\",\"value\":3,\"ts\":3}");
        return input.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void assertSplitRunMatches(
        final ReferenceOutcome expected, final String transport, final int batch, final List<String> source)
        throws Exception
    {
        final String name = transport + "-batch" + batch + "-" + System.nanoTime();
        final Path results = workDir.resolve(name + "-results.jsonl");
        final Path rejectsOut = workDir.resolve(name + "-rejects.txt");
        final List<String> arguments = new ArrayList<>(List.of("--transport", transport, "--batch",
            Integer.toString(batch), "--results", results.toString(), "--rejects", rejectsOut.toString(),
            "--timeout-s", Long.toString(RUN_DEADLINE_SECONDS)));
        arguments.addAll(source);
        if ("aeron-udp".equals(transport))
        {
            final List<Integer> ports = LauncherProcess.freeUdpPorts(4);
            final String[] edges = { "ingest-parse", "parse-rules", "rules-aggregate", "aggregate-sink" };
            for (int i = 0; i < edges.length; i++)
            {
                arguments.add("--endpoint");
                arguments.add(edges[i] + "=localhost:" + ports.get(i));
            }
        }

        final LauncherProcess launcher = LauncherProcess.start(workDir, arguments);
        final int exit;
        try
        {
            exit = launcher.awaitExit(RUN_DEADLINE_SECONDS + 30);
        }
        finally
        {
            launcher.destroyAll();
        }

        assertEquals(0, exit, launcher.output());
        assertTrue(launcher.stdout().contains("checks: OK"), launcher.output());
        assertEquals(List.of(), expected.reportMismatches(launcher.stdout()), launcher.output());
        assertEquals(List.of(), expected.resultsFileMismatches(Files.readString(results, StandardCharsets.UTF_8)));
        assertEquals(List.of(), expected.rejectsFileMismatches(Files.readAllBytes(rejectsOut)));
        final Path runDirectory = launcher.runDirectory();
        assertTrue(null != runDirectory, launcher.output());
        assertFalse(Files.exists(runDirectory), "run directory left behind: " + runDirectory);
    }
}
