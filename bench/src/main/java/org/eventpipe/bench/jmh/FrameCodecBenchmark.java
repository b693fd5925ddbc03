package org.eventpipe.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.eventpipe.codec.FrameDecoder;
import org.eventpipe.codec.FrameEncoder;
import org.eventpipe.codec.FrameHandler;
import org.eventpipe.codec.StageId;
import org.eventpipe.model.EventType;
import org.eventpipe.model.PipelineEvent;
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

/**
 * Cost per event of encoding and decoding the two hot frames, ParsedEventBatch (fixed 33-byte entries) and
 * RawLineBatch (a JSON line of about 60 bytes per entry), at batches of 1, 10, 100 and 1000 events.
 * <p>
 * Every invocation handles {@value #EVENTS_PER_INVOCATION} events, as {@code EVENTS_PER_INVOCATION / batchSize}
 * frames, so the score is nanoseconds per event at every batch size. Decoding includes the whole-frame validation and
 * a handler that reads every event. Bytes on the wire per event are printed at setup.
 * <pre>
 * java --add-opens java.base/jdk.internal.misc=ALL-UNNAMED -jar bench/target/benchmarks.jar FrameCodecBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED" })
@State(Scope.Thread)
public class FrameCodecBenchmark
{
    /** Events handled per benchmark invocation, whatever the batch size. */
    public static final int EVENTS_PER_INVOCATION = 1000;

    private static final int MAX_LINE_LENGTH = 1024;

    /** Events per frame. */
    @Param({ "1", "10", "100", "1000" })
    public int batchSize;

    private final FrameEncoder encoder = new FrameEncoder();
    private final ConsumingHandler handler = new ConsumingHandler();
    private final FrameDecoder decoder = new FrameDecoder(handler, MAX_LINE_LENGTH);
    private UnsafeBuffer encodeBuffer;
    private UnsafeBuffer parsedFrame;
    private UnsafeBuffer rawFrame;
    private int parsedFrameLength;
    private int rawFrameLength;
    private int framesPerInvocation;
    private PipelineEvent[] events;

    /**
     * Build the events and the frames to decode, and print the bytes on the wire per event.
     */
    @Setup
    public void setup()
    {
        framesPerInvocation = EVENTS_PER_INVOCATION / batchSize;
        events = new PipelineEvent[batchSize];
        final SplittableRandom random = new SplittableRandom(42);
        final EventType[] types = EventType.values();
        int lineBytes = 0;
        for (int i = 0; i < batchSize; i++)
        {
            final EventType type = types[random.nextInt(types.length)];
            final int userId = random.nextInt(1, 100_000);
            final int value = random.nextInt(0, 1000);
            final long ts = 1_700_000_000_000L + random.nextInt(1_000_000);
            final byte[] line = ("{\"userId\":" + userId + ",\"type\":\"" + type.jsonName() + "\",\"value\":" + value +
                ",\"ts\":" + ts + "}").getBytes(StandardCharsets.UTF_8);
            final PipelineEvent event = new PipelineEvent();
            event.setLine(line, 0, line.length, MAX_LINE_LENGTH, i + 1);
            event.setParsed(userId, type, value, ts);
            event.ingestNanos(System.nanoTime());
            events[i] = event;
            lineBytes += line.length;
        }

        final int capacity = FrameEncoder.rawLineBatchLength(batchSize, lineBytes) + 64;
        encodeBuffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(align(capacity), 64));
        parsedFrame = new UnsafeBuffer(BufferUtil.allocateDirectAligned(align(capacity), 64));
        rawFrame = new UnsafeBuffer(BufferUtil.allocateDirectAligned(align(capacity), 64));
        parsedFrameLength = encoder.encodeParsedBatch(parsedFrame, 0, StageId.PARSE, 0, events, batchSize);
        rawFrameLength = encoder.encodeRawLineBatch(rawFrame, 0, StageId.INGEST, 0, 1L, events, batchSize);

        System.out.printf(
            "%nbatch=%d ParsedEventBatch frame=%d bytes (%.2f bytes/event); RawLineBatch frame=%d bytes " +
            "(%.2f bytes/event, of which %.2f line bytes)%n",
            batchSize, parsedFrameLength, (double)parsedFrameLength / batchSize, rawFrameLength,
            (double)rawFrameLength / batchSize, (double)lineBytes / batchSize);
    }

    /**
     * Encode parsed event batches.
     *
     * @return total bytes encoded.
     */
    @Benchmark
    @OperationsPerInvocation(EVENTS_PER_INVOCATION)
    public long encodeParsedBatch()
    {
        long bytes = 0;
        for (int i = 0; i < framesPerInvocation; i++)
        {
            bytes += encoder.encodeParsedBatch(encodeBuffer, 0, StageId.PARSE, i, events, batchSize);
        }
        return bytes;
    }

    /**
     * Validate and decode parsed event batches into the reused event.
     *
     * @return a checksum of the decoded events.
     */
    @Benchmark
    @OperationsPerInvocation(EVENTS_PER_INVOCATION)
    public long decodeParsedBatch()
    {
        for (int i = 0; i < framesPerInvocation; i++)
        {
            decoder.decode(parsedFrame, 0, parsedFrameLength);
        }
        return handler.checksum;
    }

    /**
     * Encode raw line batches.
     *
     * @return total bytes encoded.
     */
    @Benchmark
    @OperationsPerInvocation(EVENTS_PER_INVOCATION)
    public long encodeRawLineBatch()
    {
        long bytes = 0;
        for (int i = 0; i < framesPerInvocation; i++)
        {
            bytes += encoder.encodeRawLineBatch(encodeBuffer, 0, StageId.INGEST, i, i, events, batchSize);
        }
        return bytes;
    }

    /**
     * Validate and decode raw line batches, copying each line into the reused event.
     *
     * @return a checksum of the decoded lines.
     */
    @Benchmark
    @OperationsPerInvocation(EVENTS_PER_INVOCATION)
    public long decodeRawLineBatch()
    {
        for (int i = 0; i < framesPerInvocation; i++)
        {
            decoder.decode(rawFrame, 0, rawFrameLength);
        }
        return handler.checksum;
    }

    private static int align(final int length)
    {
        return (length + 63) & ~63;
    }

    private static final class ConsumingHandler implements FrameHandler
    {
        private long checksum;

        public void onEntry(final PipelineEvent event, final DirectBuffer buffer, final int offset)
        {
            checksum += event.value() + event.userId() + event.timestamp() + event.type().code();
        }

        public void onRawLine(final PipelineEvent event)
        {
            checksum += event.lineLength() + event.line()[0];
        }
    }
}
