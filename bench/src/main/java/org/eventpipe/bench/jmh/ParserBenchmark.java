package org.eventpipe.bench.jmh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eventpipe.handler.JsonEventParser;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.workload.EventGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of parsing one event line, in ns/line: the zero-allocation {@link JsonEventParser} against Jackson's streaming
 * {@link JsonParser} extracting the four fields, and against {@link ObjectMapper#readTree(byte[], int, int)}. Each
 * invocation parses the same {@value #LINES} generated lines (seed 42, 10,000 users); the {@code invalid} mix replaces
 * every tenth line with a malformed or rejected one.
 * <pre>
 * java -jar bench/target/benchmarks.jar ParserBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ParserBenchmark
{
    /** Lines parsed per invocation. */
    public static final int LINES = 1024;

    private static final String[] INVALID_LINES = {
        "{\"userId\":1,\"type\":\"click\",\"value\":2,\"ts\":",
        "{\"userId\":1,\"type\":\"hover\",\"value\":2,\"ts\":1700000000000}",
        "{\"userId\":-1,\"type\":\"click\",\"value\":2,\"ts\":1700000000000}",
        "{\"userId\":\"1\",\"type\":\"view\",\"value\":2,\"ts\":1700000000000}",
        "[1,2,3]",
        "{\"userId\":1,\"type\":\"click\",\"value\":2}" };

    /** Percentage of invalid lines in the input. */
    @Param({ "0", "10" })
    public int invalidPercent;

    private byte[][] lines;
    private final JsonEventParser parser = new JsonEventParser();
    private final PipelineEvent event = new PipelineEvent();
    private final JsonFactory jsonFactory = new JsonFactory();
    private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Generate the lines.
     */
    @Setup
    public void setUp()
    {
        lines = new byte[LINES][];
        final EventGenerator generator = new EventGenerator(42, 10_000, LINES);
        int invalid = 0;
        for (int i = 0; i < LINES; i++)
        {
            generator.next();
            if (invalidPercent > 0 && i % (100 / invalidPercent) == 0)
            {
                lines[i] = INVALID_LINES[invalid++ % INVALID_LINES.length].getBytes(StandardCharsets.US_ASCII);
            }
            else
            {
                lines[i] = Arrays.copyOf(generator.lineBuffer(), generator.lineLength());
            }
        }
    }

    /**
     * The project's parser.
     *
     * @param blackhole sink.
     */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void eventParser(final Blackhole blackhole)
    {
        final JsonEventParser parser = this.parser;
        final PipelineEvent event = this.event;
        for (final byte[] line : lines)
        {
            blackhole.consume(parser.parse(line, 0, line.length, event));
            blackhole.consume(event.value());
        }
    }

    /**
     * Jackson's streaming parser, extracting the four fields and validating the whole line.
     *
     * @param blackhole sink.
     */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void jacksonStreaming(final Blackhole blackhole)
    {
        for (final byte[] line : lines)
        {
            blackhole.consume(parseStreaming(line));
        }
    }

    /**
     * Jackson's tree model.
     *
     * @param blackhole sink.
     */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void jacksonReadTree(final Blackhole blackhole)
    {
        for (final byte[] line : lines)
        {
            try
            {
                final JsonNode node = mapper.readTree(line, 0, line.length);
                blackhole.consume(node.get("value"));
                blackhole.consume(node.get("type"));
            }
            catch (final IOException ex)
            {
                blackhole.consume(ex);
            }
        }
    }

    private long parseStreaming(final byte[] line)
    {
        try (JsonParser json = jsonFactory.createParser(line, 0, line.length))
        {
            if (json.nextToken() != JsonToken.START_OBJECT)
            {
                json.skipChildren();
                return -1;
            }
            long userId = -1;
            long value = 0;
            long ts = -1;
            String type = null;
            while (json.nextToken() == JsonToken.FIELD_NAME)
            {
                final String name = json.currentName();
                final JsonToken token = json.nextToken();
                switch (name)
                {
                    case "userId":
                        userId = token == JsonToken.VALUE_NUMBER_INT ? json.getLongValue() : -1;
                        break;
                    case "type":
                        type = token == JsonToken.VALUE_STRING ? json.getText() : null;
                        break;
                    case "value":
                        value = token == JsonToken.VALUE_NUMBER_INT ? json.getIntValue() : 0;
                        break;
                    case "ts":
                        ts = token == JsonToken.VALUE_NUMBER_INT ? json.getLongValue() : -1;
                        break;
                    default:
                        json.skipChildren();
                        break;
                }
            }
            if (json.nextToken() != null)
            {
                return -1;
            }
            return userId ^ value ^ ts ^ (null == type ? 0 : type.length());
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }
}
