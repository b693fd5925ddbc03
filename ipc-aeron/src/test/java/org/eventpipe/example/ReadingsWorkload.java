package org.eventpipe.example;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.eventpipe.ingest.LineSource;
import org.eventpipe.model.Outcome;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.model.RejectReason;
import org.eventpipe.workload.EntryCodec;
import org.eventpipe.workload.Workload;
import org.eventpipe.workload.WorkloadAggregator;
import org.eventpipe.workload.WorkloadParser;
import org.eventpipe.workload.WorkloadResults;
import org.eventpipe.workload.WorkloadRules;

/**
 * A user's own workload, the example of the README: temperature readings {@code {"sensor":3,"celsius":21.5}}; the
 * rules drop readings outside [-50, 60] °C as implausible; the aggregate keeps the count, minimum, maximum and sum of
 * the kept readings, in milli-degrees. Everything a workload needs is here, in one file:
 * <ol>
 *   <li>the entry each ring slot and each batch carries ({@link Reading});</li>
 *   <li>the three handlers ({@link Parser}, {@link Rules}, {@link Aggregator});</li>
 *   <li>the codec of the entries on the split pipeline's edges ({@link Codec});</li>
 *   <li>the results, their encoding and their comparison ({@link Results});</li>
 *   <li>a deterministic generator ({@link Generator});</li>
 *   <li>the line {@code org.eventpipe.example.ReadingsWorkload} in
 *   {@code META-INF/services/org.eventpipe.workload.Workload}, so that {@code --workload readings} finds it.</li>
 * </ol>
 * Run it with its classes on the class path of the monolith or of the launcher (the stages inherit the launcher's):
 * <pre>
 *   java -cp core/target/core.jar:my-workload.jar Monolith --workload readings
 *   java -cp ipc-aeron/target/ipc-aeron.jar:my-workload.jar SplitPipeline --transport aeron-ipc --workload readings
 * </pre>
 * The parser favours clarity over speed: it uses Jackson's streaming parser, which allocates a parser per line. The
 * events workload ({@code org.eventpipe.handler.JsonEventParser}) shows the allocation-free way.
 */
public final class ReadingsWorkload implements Workload
{
    /** Lowest reading the rules keep, milli-degrees Celsius. */
    public static final int MIN_PLAUSIBLE = -50_000;
    /** Highest reading the rules keep, milli-degrees Celsius. */
    public static final int MAX_PLAUSIBLE = 60_000;

    /**
     * Found by {@link java.util.ServiceLoader}.
     */
    public ReadingsWorkload()
    {
    }

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return "readings";
    }

    /**
     * {@inheritDoc}
     */
    public String description()
    {
        return "temperature readings {sensor, celsius}; implausible ones dropped; count, min, max and mean";
    }

    /**
     * {@inheritDoc}
     */
    public LineSource generator(final long seed, final long lines)
    {
        return new Generator(seed, lines);
    }

    /**
     * {@inheritDoc}
     */
    public Object newEntry()
    {
        return new Reading();
    }

    /**
     * {@inheritDoc}
     */
    public WorkloadParser newParser(final Settings settings)
    {
        return new Parser(settings.maxLineLength());
    }

    /**
     * {@inheritDoc}
     */
    public WorkloadRules newRules(final Settings settings)
    {
        return new Rules();
    }

    /**
     * {@inheritDoc}
     */
    public WorkloadAggregator newAggregator(final Settings settings)
    {
        return new Aggregator();
    }

    /**
     * {@inheritDoc}
     */
    public EntryCodec entryCodec()
    {
        return Codec.INSTANCE;
    }

    /**
     * {@inheritDoc}
     */
    public WorkloadResults decodeResults(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length != Results.LENGTH)
        {
            throw new IllegalArgumentException("readings results are " + Results.LENGTH + " bytes: " + length);
        }
        return new Results(
            buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN),
            buffer.getLong(offset + 8, ByteOrder.LITTLE_ENDIAN),
            buffer.getLong(offset + 16, ByteOrder.LITTLE_ENDIAN),
            buffer.getLong(offset + 24, ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * The entry: one reading, attached once to each ring slot ({@link PipelineEvent#entry()}).
     */
    public static final class Reading
    {
        int sensor;
        int milliCelsius;
    }

    /**
     * Parses {@code {"sensor":INT,"celsius":NUMBER}}, fields in any order, others ignored.
     */
    static final class Parser implements WorkloadParser
    {
        private final JsonFactory factory = new JsonFactory();
        private final long[] rejected = new long[RejectReason.count()];
        private final int maxLineLength;
        private long accepted;

        Parser(final int maxLineLength)
        {
            this.maxLineLength = maxLineLength;
        }

        public void onEvent(final PipelineEvent event)
        {
            if (event.outcome() == Outcome.PENDING)
            {
                onLine(event.line(), 0, event.lineLength(), event);
            }
        }

        public boolean onLine(final byte[] bytes, final int offset, final int length, final PipelineEvent event)
        {
            final RejectReason reason = length > maxLineLength ? RejectReason.LINE_TOO_LONG :
                parse(bytes, offset, length, (Reading)event.entry());
            if (null != reason)
            {
                rejected[reason.ordinal()]++;
                event.reject(reason);
                return false;
            }
            accepted++;
            event.outcome(Outcome.ACCEPTED);
            return true;
        }

        private RejectReason parse(final byte[] bytes, final int offset, final int length, final Reading reading)
        {
            boolean haveSensor = false;
            boolean haveCelsius = false;
            try (JsonParser json = factory.createParser(bytes, offset, length))
            {
                if (json.nextToken() != JsonToken.START_OBJECT)
                {
                    return RejectReason.NOT_AN_OBJECT;
                }
                JsonToken token;
                while ((token = json.nextToken()) == JsonToken.FIELD_NAME)
                {
                    final String field = json.currentName();
                    final JsonToken value = json.nextToken();
                    if ("sensor".equals(field))
                    {
                        if (haveSensor)
                        {
                            return RejectReason.DUPLICATE_FIELD;
                        }
                        haveSensor = true;
                        if (value != JsonToken.VALUE_NUMBER_INT)
                        {
                            return RejectReason.WRONG_TYPE;
                        }
                        if (json.getNumberType() != JsonParser.NumberType.INT || json.getIntValue() < 0)
                        {
                            return RejectReason.OUT_OF_RANGE;
                        }
                        reading.sensor = json.getIntValue();
                    }
                    else if ("celsius".equals(field))
                    {
                        if (haveCelsius)
                        {
                            return RejectReason.DUPLICATE_FIELD;
                        }
                        haveCelsius = true;
                        if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT)
                        {
                            return RejectReason.WRONG_TYPE;
                        }
                        final double milli = Math.rint(json.getDoubleValue() * 1000.0);
                        if (!(Math.abs(milli) <= Integer.MAX_VALUE))
                        {
                            return RejectReason.OUT_OF_RANGE;
                        }
                        reading.milliCelsius = (int)milli;
                    }
                    else
                    {
                        json.skipChildren();
                    }
                }
                if (token != JsonToken.END_OBJECT || null != json.nextToken())
                {
                    return RejectReason.MALFORMED_JSON;
                }
            }
            catch (final IOException ex)
            {
                return RejectReason.MALFORMED_JSON;
            }
            return haveSensor && haveCelsius ? null : RejectReason.MISSING_FIELD;
        }

        public long accepted()
        {
            return accepted;
        }

        public long rejected()
        {
            long total = 0;
            for (final long count : rejected)
            {
                total += count;
            }
            return total;
        }

        public long rejected(final RejectReason reason)
        {
            return rejected[reason.ordinal()];
        }
    }

    /**
     * Keeps plausible readings; leaves them as they are, so the split rules stage forwards their bytes.
     */
    static final class Rules implements WorkloadRules
    {
        private long kept;
        private long filtered;

        public void onEvent(final PipelineEvent event)
        {
            if (event.outcome() != Outcome.ACCEPTED)
            {
                return;
            }
            final int milliCelsius = ((Reading)event.entry()).milliCelsius;
            if (milliCelsius < MIN_PLAUSIBLE || milliCelsius > MAX_PLAUSIBLE)
            {
                event.outcome(Outcome.FILTERED);
                filtered++;
            }
            else
            {
                kept++;
            }
        }

        public long kept()
        {
            return kept;
        }

        public long filtered()
        {
            return filtered;
        }

        public boolean transformsEntries()
        {
            return false;
        }
    }

    /**
     * Count, minimum, maximum and sum of the kept readings.
     */
    static final class Aggregator implements WorkloadAggregator
    {
        private long count;
        private long min = Long.MAX_VALUE;
        private long max = Long.MIN_VALUE;
        private long sum;

        public void onEvent(final PipelineEvent event)
        {
            if (event.outcome() != Outcome.ACCEPTED)
            {
                return;
            }
            final int milliCelsius = ((Reading)event.entry()).milliCelsius;
            count++;
            min = Math.min(min, milliCelsius);
            max = Math.max(max, milliCelsius);
            sum += milliCelsius;
        }

        public long total()
        {
            return count;
        }

        public WorkloadResults results()
        {
            return new Results(count, min, max, sum);
        }
    }

    /**
     * The results: a value, equal when every field is.
     *
     * @param count of kept readings.
     * @param min   lowest, milli-degrees; {@link Long#MAX_VALUE} when there is none.
     * @param max   highest, milli-degrees; {@link Long#MIN_VALUE} when there is none.
     * @param sum   of the readings, milli-degrees.
     */
    record Results(long count, long min, long max, long sum) implements WorkloadResults
    {
        static final int LENGTH = 4 * Long.BYTES;

        public long total()
        {
            return count;
        }

        public String toJsonLines()
        {
            return String.format(Locale.ROOT, "{\"count\":%d,\"minMilliC\":%d,\"maxMilliC\":%d,\"sumMilliC\":%d}%n",
                count, min, max, sum);
        }

        public List<String> reportLines()
        {
            return List.of(String.format(Locale.ROOT, "readings %d, min %.3f C, max %.3f C, mean %.3f C", count,
                min / 1000.0, max / 1000.0, 0 == count ? 0.0 : sum / 1000.0 / count));
        }

        public void writeSummary(final JsonGenerator json) throws IOException
        {
            json.writeStartObject();
            json.writeNumberField("count", count);
            json.writeNumberField("minMilliC", min);
            json.writeNumberField("maxMilliC", max);
            json.writeNumberField("sumMilliC", sum);
            json.writeEndObject();
        }

        public int encodedLength()
        {
            return LENGTH;
        }

        public void encode(final MutableDirectBuffer buffer, final int offset)
        {
            buffer.putLong(offset, count, ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(offset + 8, min, ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(offset + 16, max, ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(offset + 24, sum, ByteOrder.LITTLE_ENDIAN);
        }
    }

    /**
     * An entry is 24 bytes: line number, ingest stamp, sensor, milli-degrees, little-endian. The batch message is
     * the common root block and one group of such entries under a template id of its own: 100, which the project's
     * schema does not use.
     */
    static final class Codec implements EntryCodec
    {
        static final Codec INSTANCE = new Codec();

        public int templateId()
        {
            return 100;
        }

        public int entryLength()
        {
            return 24;
        }

        public void encode(final PipelineEvent event, final MutableDirectBuffer buffer, final int offset)
        {
            final Reading reading = (Reading)event.entry();
            buffer.putLong(offset, event.lineNumber(), ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(offset + 8, event.ingestNanos(), ByteOrder.LITTLE_ENDIAN);
            buffer.putInt(offset + 16, reading.sensor, ByteOrder.LITTLE_ENDIAN);
            buffer.putInt(offset + 20, reading.milliCelsius, ByteOrder.LITTLE_ENDIAN);
        }

        public String check(final DirectBuffer buffer, final int offset)
        {
            final int sensor = buffer.getInt(offset + 16, ByteOrder.LITTLE_ENDIAN);
            return sensor >= 0 ? null : "negative sensor " + sensor;
        }

        public void decode(final DirectBuffer buffer, final int offset, final PipelineEvent event)
        {
            final Reading reading = (Reading)event.entry();
            event.setDecoded(buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN),
                buffer.getLong(offset + 8, ByteOrder.LITTLE_ENDIAN));
            reading.sensor = buffer.getInt(offset + 16, ByteOrder.LITTLE_ENDIAN);
            reading.milliCelsius = buffer.getInt(offset + 20, ByteOrder.LITTLE_ENDIAN);
        }
    }

    /**
     * Readings of 100 sensors around 20 °C, one in 50 implausible.
     */
    static final class Generator implements LineSource
    {
        private final SplittableRandom random;
        private final long lines;
        private final long seed;
        private byte[] line = new byte[0];
        private long lineNumber;

        Generator(final long seed, final long lines)
        {
            this.random = new SplittableRandom(seed);
            this.seed = seed;
            this.lines = lines;
        }

        public boolean next()
        {
            if (lineNumber == lines)
            {
                return false;
            }
            lineNumber++;
            final int milliCelsius = 0 == lineNumber % 50 ? 100_000 + random.nextInt(1_000) :
                20_000 + random.nextInt(-10_000, 10_000);
            line = String.format(Locale.ROOT, "{\"sensor\":%d,\"celsius\":%.3f}", random.nextInt(100),
                milliCelsius / 1000.0).getBytes(StandardCharsets.UTF_8);
            return true;
        }

        public byte[] lineBuffer()
        {
            return line;
        }

        public int lineOffset()
        {
            return 0;
        }

        public int lineLength()
        {
            return line.length;
        }

        public long lineNumber()
        {
            return lineNumber;
        }

        public boolean hasBufferedInput()
        {
            return lineNumber < lines;
        }

        public String description()
        {
            return "generated readings (seed " + seed + ", " + lines + " lines)";
        }

        public void close()
        {
        }
    }
}
