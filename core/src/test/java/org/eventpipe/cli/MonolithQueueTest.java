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
import org.eventpipe.workload.EventGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code Monolith --queue jdk} against the Disruptor monolith: on generated events and on a file of bad lines of every
 * kind, short and long, the results and rejects files are byte-equal and every count and aggregate of the summaries
 * is equal.
 */
@Timeout(120)
final class MonolithQueueTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldGiveTheDisruptorsResultsAndCountsOnGeneratedEvents() throws IOException
    {
        final JsonNode jdk = compareQueues("--events", "50000", "--ring-size", "256");

        assertEquals(50_000, jdk.at("/counts/linesRead").asLong());
        assertTrue(jdk.at("/counts/kept").asLong() > 0 && jdk.at("/counts/filtered").asLong() > 0, jdk.toString());
    }

    @Test
    void shouldGiveTheDisruptorsResultsRejectsAndCountsOnAFileWithBadLines() throws IOException
    {
        final Path input = Files.write(dir.resolve("bad-lines.ndjson"), badLines(400));

        final JsonNode jdk = compareQueues("--input", input.toString(), "--ring-size", "64", "--ingest-batch", "16");

        assertEquals(400 * 16 + 1, jdk.at("/counts/linesRead").asLong());
        assertEquals(400 * 2, jdk.at("/counts/blank").asLong(), jdk.toString());
        for (final RejectReason reason : RejectReason.values())
        {
            // WRONG_LENGTH is the work items' reason: no event line can give it
            assertTrue(RejectReason.WRONG_LENGTH == reason ||
                jdk.at("/counts/rejectedByReason/" + reason.name()).asLong() > 0, reason + ": " + jdk);
        }
    }

    /**
     * Run the Disruptor and the JDK-queue monolith with the same arguments and compare what they wrote.
     *
     * @return the JDK-queue run's summary.
     */
    private JsonNode compareQueues(final String... arguments) throws IOException
    {
        final JsonNode disruptor = run("disruptor", arguments);
        final JsonNode jdk = run("jdk", arguments);

        assertArrayEquals(Files.readAllBytes(dir.resolve("disruptor-results.jsonl")),
            Files.readAllBytes(dir.resolve("jdk-results.jsonl")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("disruptor-rejects.txt")),
            Files.readAllBytes(dir.resolve("jdk-rejects.txt")));
        assertEquals(disruptor.get("counts"), jdk.get("counts"));
        assertEquals(disruptor.get("results"), jdk.get("results"));
        assertEquals("disruptor", disruptor.at("/configuration/queue").asText());
        assertEquals("jdk", jdk.at("/configuration/queue").asText());
        assertEquals("none", jdk.at("/configuration/waitStrategy").asText());
        return jdk;
    }

    private JsonNode run(final String queue, final String... arguments) throws IOException
    {
        final List<String> args = new ArrayList<>(List.of(arguments));
        args.addAll(List.of("--queue", queue,
            "--results", dir.resolve(queue + "-results.jsonl").toString(),
            "--rejects", dir.resolve(queue + "-rejects.txt").toString(),
            "--summary", dir.resolve(queue + "-summary.json").toString()));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        final int status = MonolithCommand.execute(args.toArray(new String[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        final String output = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCodes.OK, status, output);
        assertTrue(output.contains("checks: OK"), output);
        return MAPPER.readTree(dir.resolve(queue + "-summary.json").toFile());
    }

    /**
     * Blocks of generated events, a bad line of every reason, blank and CRLF lines, lines longer than a ring slot
     * keeps (valid and broken) and a line over the maximum length; the last line has no newline.
     */
    private static byte[] badLines(final int blocks)
    {
        final StringBuilder input = new StringBuilder();
        final EventGenerator generator = new EventGenerator(3, 100, 4L * blocks);
        for (int block = 0; block < blocks; block++)
        {
            for (int i = 0; i < 4; i++)
            {
                generator.next();
                input.append(new String(generator.lineBuffer(), 0, generator.lineLength(), StandardCharsets.US_ASCII))
                    .append(i % 2 == 0 ? "\n" : "\r\n");
            }
            input.append("\n").append(" \t \r\n");
            input.append("{\"userId\":1,\"type\":\"click\"\n");
            input.append("[").append(block).append("]\n");
            input.append("{\"userId\":1,\"type\":\"view\",\"value\":2}\n");
            input.append("{\"userId\":1,\"type\":\"view\",\"value\":2,\"ts\":3,\"ts\":4}\n");
            input.append("{\"userId\":1.5,\"type\":\"view\",\"value\":2,\"ts\":3}\n");
            input.append("{\"userId\":1,\"type\":\"view\",\"value\":2147483648,\"ts\":3}\n");
            input.append("{\"userId\":1,\"type\":\"scroll\",\"value\":2,\"ts\":3}\n");
            input.append("{\"pad\":\"").append("p".repeat(3000 + block)).append("\",\"userId\":").append(block)
                .append(",\"type\":\"purchase\",\"value\":").append(block).append(",\"ts\":4}\n");
            input.append("{\"pad\":\"").append("q".repeat(2500 + block)).append("\",\"userId\":1,\"type\":\"click\"\n");
            input.append("{\"pad\":\"").append("r".repeat(17_000)).append("\"}\n");
        }
        input.append("{\"userId\":3,\"type\":\"click\",\"value\":3,\"ts\":3}");
        return input.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
