package org.eventpipe.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;
import org.eventpipe.handler.AggregateResults;
import org.eventpipe.model.EventType;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.model.RejectReason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Feeds the decoder random, truncated, extended and bit-flipped frames. Each mutated frame is decoded from a buffer
 * whose capacity ends exactly where the frame ends, so any read past the frame hits Agrona's bounds check and fails the
 * test instead of reading neighbouring memory. A frame the decoder rejects must have made no callback at all; a frame
 * it accepts must have delivered its header once and exactly the entries the header counts.
 */
class FrameDecoderFuzzTest
{
    private static final long SEED = 0x5BE_F022L;
    private static final int ITERATIONS = 150_000;
    private static final int MAX_LINE_LENGTH = 256;
    private static final String ALPHABET = "{}\":,abcxyz0123456789 éü✓日🚀";

    @Test
    void shouldThrowOnlyCorruptFrameExceptionAndCountEveryOne()
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final List<byte[]> corpus = validFrames(random);
        final RecordingFrameHandler handler = new RecordingFrameHandler();
        final FrameDecoder decoder = new FrameDecoder(handler, MAX_LINE_LENGTH);
        final byte[] scratch = new byte[1 << 16];
        final UnsafeBuffer view = new UnsafeBuffer(scratch);

        long exceptions = 0;
        long valid = 0;
        for (int iteration = 0; iteration < ITERATIONS; iteration++)
        {
            final byte[] original = corpus.get(random.nextInt(corpus.size()));
            final int offset = random.nextInt(16);
            final int length = mutate(random, original, scratch, offset);
            view.wrap(scratch, 0, offset + length);
            handler.clear();
            try
            {
                decoder.decode(view, offset, length);
                valid++;
                assertEquals(1, handler.headers.size(), "a valid frame has its header delivered once");
                assertEquals(handler.headers.get(0).eventCount(), deliveredEntries(handler),
                    "iteration " + iteration + ": every entry the header counts is delivered");
                if (FrameType.RESULTS == handler.headers.get(0).type())
                {
                    assertNotNull(handler.results, "iteration " + iteration + ": valid results are delivered");
                }
            }
            catch (final CorruptFrameException ex)
            {
                exceptions++;
                if (handler.callbacks() != 0)
                {
                    fail("iteration " + iteration + ": a rejected frame (" + ex.reason() + ") made " +
                        handler.callbacks() + " callback(s): " + hex(scratch, offset, length));
                }
            }
            catch (final Throwable t)
            {
                fail("iteration " + iteration + " threw " + t + " for frame " + hex(scratch, offset, length), t);
            }
        }

        assertEquals(exceptions, decoder.corruptFrames());
        assertEquals(valid, decoder.framesDecoded());
        assertTrue(exceptions > ITERATIONS / 2, "most mutations must be caught: " + exceptions);
        assertTrue(valid > 0, "some mutations leave a valid frame: " + valid);
    }

    private static int deliveredEntries(final RecordingFrameHandler handler)
    {
        final FrameType type = handler.headers.get(0).type();
        return FrameType.RESULTS == type ? 0 : handler.events.size();
    }

    private static int mutate(final SplittableRandom random, final byte[] frame, final byte[] scratch, final int offset)
    {
        int length = frame.length;
        System.arraycopy(frame, 0, scratch, offset, length);
        final int kind = random.nextInt(10);
        switch (kind)
        {
            case 0:
                length = random.nextInt(length + 1);
                break;

            case 1:
                final int extra = 1 + random.nextInt(16);
                for (int i = 0; i < extra; i++)
                {
                    scratch[offset + length + i] = (byte)random.nextInt(256);
                }
                length += extra;
                break;

            case 2:
                for (int i = 0; i < length; i++)
                {
                    scratch[offset + i] = (byte)random.nextInt(256);
                }
                break;

            case 3:
                scratch[offset + random.nextInt(length)] = (byte)random.nextInt(256);
                break;

            case 4:
                final int position = random.nextInt(Math.max(1, length - 3));
                final int value = random.nextBoolean() ? -1 : random.nextInt();
                for (int i = 0; i < 4 && position + i < length; i++)
                {
                    scratch[offset + position + i] = (byte)(value >>> (8 * i));
                }
                break;

            default:
                final int flips = 1 + random.nextInt(kind);
                for (int i = 0; i < flips; i++)
                {
                    final int bit = random.nextInt(length * 8);
                    scratch[offset + (bit >>> 3)] ^= (byte)(1 << (bit & 7));
                }
                if (random.nextInt(4) == 0)
                {
                    length = random.nextInt(length + 1);
                }
                break;
        }
        return length;
    }

    private static List<byte[]> validFrames(final SplittableRandom random)
    {
        final FrameEncoder encoder = new FrameEncoder();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1 << 16]);
        final List<byte[]> frames = new ArrayList<>();
        final StageId[] stages = StageId.values();

        for (int count = 0; count <= 6; count++)
        {
            final PipelineEvent[] events = new PipelineEvent[count];
            for (int i = 0; i < count; i++)
            {
                final PipelineEvent event = new PipelineEvent();
                final byte[] line = randomLine(random, random.nextInt(MAX_LINE_LENGTH + 40));
                event.setLine(line, 0, line.length, MAX_LINE_LENGTH, random.nextLong(1, Long.MAX_VALUE));
                events[i] = event;
            }
            frames.add(copy(buffer, encoder.encodeRawLineBatch(
                buffer, 0, StageId.INGEST, count, random.nextLong(), events, count)));

            for (final PipelineEvent event : events)
            {
                event.reject(RejectReason.fromCode(random.nextInt(RejectReason.count())));
            }
            frames.add(copy(buffer, encoder.encodeRejectBatch(
                buffer, 0, stages[random.nextInt(stages.length)], count, events, count)));

            for (final PipelineEvent event : events)
            {
                event.setDecoded(random.nextLong(), random.nextLong(), random.nextInt(),
                    EventType.fromCode(random.nextInt(EventType.count())), random.nextInt(), random.nextLong());
            }
            frames.add(copy(buffer, encoder.encodeParsedBatch(buffer, 0, StageId.PARSE, count, events, count)));
            frames.add(copy(buffer, encoder.encodeParsedBatch(buffer, 0, StageId.RULES, count, events, count)));
        }

        frames.add(copy(buffer, encoder.encodeResults(buffer, 0, StageId.AGGREGATE, 1,
            new AggregateResults(new long[]{ 1, 2, 3 }, new long[]{ -4, 5, Long.MAX_VALUE }))));
        frames.add(copy(buffer, encoder.encodeEndOfStream(
            buffer, 0, StageId.PARSE, 2, new EndOfStreamCounts().linesRead(10).accepted(8).rejected(2))));

        final Histogram histogram = new Histogram(3);
        for (int i = 0; i < 100; i++)
        {
            histogram.recordValue(random.nextLong(1, 1_000_000));
        }
        frames.add(copy(buffer, encoder.encodeStageMetrics(
            buffer, 0, StageId.SINK, 3, new StageMetricsSnapshot().stage(StageId.AGGREGATE).wallNanos(5)
                .captureLatencyHistogram(histogram))));
        frames.add(copy(buffer, encoder.encodeStageMetrics(
            buffer, 0, StageId.RULES, 4, new StageMetricsSnapshot().stage(StageId.RULES).framesIn(9))));
        return frames;
    }

    private static byte[] randomLine(final SplittableRandom random, final int codePoints)
    {
        final StringBuilder line = new StringBuilder();
        for (int i = 0; i < codePoints; i++)
        {
            final int index = random.nextInt(ALPHABET.codePointCount(0, ALPHABET.length()));
            line.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0, index)));
        }
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] copy(final UnsafeBuffer buffer, final int length)
    {
        final byte[] frame = new byte[length];
        buffer.getBytes(0, frame);
        return frame;
    }

    private static String hex(final byte[] bytes, final int offset, final int length)
    {
        final StringBuilder out = new StringBuilder();
        for (final byte b : Arrays.copyOfRange(bytes, offset, offset + Math.min(length, 256)))
        {
            out.append(String.format("%02x", b));
        }
        return out.toString();
    }
}
