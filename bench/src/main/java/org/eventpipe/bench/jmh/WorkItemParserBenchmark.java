package org.eventpipe.bench.jmh;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.eventpipe.workload.items.WorkItem;
import org.eventpipe.workload.items.WorkItemGenerator;
import org.eventpipe.workload.items.WorkItemParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of parsing one work-item line (an id and 128 numbers, about 1.5 KB), in ns/line: {@link WorkItemParser} with
 * Clinger's fast path, the same parser converting every number with {@link Double#parseDouble} (which allocates a
 * string per number), and Jackson's streaming parser reading the numbers as doubles. Each invocation parses the same
 * {@value #LINES} generated lines (seed 42, no edge cases among them).
 * <pre>
 * java -jar bench/target/benchmarks.jar WorkItemParserBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class WorkItemParserBenchmark
{
    /** Lines parsed per invocation. */
    public static final int LINES = 256;

    private static final int MAX_LINE_LENGTH = 16_384;

    private byte[][] lines;
    private final WorkItemParser clingerParser = new WorkItemParser(MAX_LINE_LENGTH, true);
    private final WorkItemParser parseDoubleParser = new WorkItemParser(MAX_LINE_LENGTH, false);
    private final WorkItem item = new WorkItem();
    private final JsonFactory jsonFactory = new JsonFactory();

    /**
     * Generate the lines.
     */
    @Setup
    public void setUp()
    {
        lines = new byte[LINES][];
        final WorkItemGenerator generator = new WorkItemGenerator(42, LINES);
        for (int i = 0; i < LINES; i++)
        {
            generator.next();
            lines[i] = Arrays.copyOf(generator.lineBuffer(), generator.lineLength());
        }
    }

    /**
     * The project's parser, numbers through Clinger's fast path.
     *
     * @param blackhole sink.
     */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void clingerFastPath(final Blackhole blackhole)
    {
        parseAll(clingerParser, blackhole);
    }

    /**
     * The same parser, every number through {@link Double#parseDouble}.
     *
     * @param blackhole sink.
     */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void parseDouble(final Blackhole blackhole)
    {
        parseAll(parseDoubleParser, blackhole);
    }

    /**
     * Jackson's streaming parser, reading the id and every number as a double, validating the whole line.
     *
     * @param blackhole sink.
     */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void jacksonStreaming(final Blackhole blackhole)
    {
        final WorkItem item = this.item;
        for (final byte[] line : lines)
        {
            blackhole.consume(parseStreaming(line, item));
            blackhole.consume(item.vector()[63]);
        }
    }

    private void parseAll(final WorkItemParser parser, final Blackhole blackhole)
    {
        final WorkItem item = this.item;
        for (final byte[] line : lines)
        {
            blackhole.consume(parser.parse(line, 0, line.length, item));
            blackhole.consume(item.vector()[63]);
        }
    }

    private boolean parseStreaming(final byte[] line, final WorkItem item)
    {
        try (JsonParser json = jsonFactory.createParser(line, 0, line.length))
        {
            if (json.nextToken() != JsonToken.START_OBJECT)
            {
                return false;
            }
            while (json.nextToken() == JsonToken.FIELD_NAME)
            {
                final String name = json.currentName();
                json.nextToken();
                switch (name)
                {
                    case "id":
                        item.id(json.getLongValue());
                        break;
                    case "vector":
                        readArray(json, item.vector());
                        break;
                    case "matrix":
                        readArray(json, item.matrix());
                        break;
                    default:
                        json.skipChildren();
                        break;
                }
            }
            return json.nextToken() == null;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private static void readArray(final JsonParser json, final double[] into) throws IOException
    {
        int count = 0;
        while (json.nextToken() != JsonToken.END_ARRAY)
        {
            if (count < into.length)
            {
                into[count] = json.getDoubleValue();
            }
            count++;
        }
    }
}
