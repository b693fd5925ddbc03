package org.eventpipe.codec;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

/**
 * The time breakdown of one stage as a stage-metrics frame carries it: mutable and reusable. The latency histogram
 * travels as HdrHistogram's compressed encoding, held in a byte array of which the first
 * {@link #latencyHistogramLength()} bytes are valid; a stage without a histogram leaves it empty.
 */
public final class StageMetricsSnapshot
{
    private static final int INITIAL_HISTOGRAM_CAPACITY = 1024;

    private StageId stage;
    private long wallNanos;
    private long processingNanos;
    private long sendingNanos;
    private long waitingNanos;
    private long backPressureRetries;
    private long framesIn;
    private long eventsIn;
    private long framesOut;
    private long eventsOut;
    private long firstEventNanos;
    private long lastEventNanos;
    private long clockDomainHigh;
    private long clockDomainLow;
    private long negativeLatencySamples;
    private final CompressedHistogram latency = new CompressedHistogram();
    private final CompressedHistogram transit = new CompressedHistogram();

    /**
     * Clear every value and the histogram; the stage becomes null.
     *
     * @return this for a fluent API.
     */
    public StageMetricsSnapshot reset()
    {
        stage = null;
        wallNanos = 0;
        processingNanos = 0;
        sendingNanos = 0;
        waitingNanos = 0;
        backPressureRetries = 0;
        framesIn = 0;
        eventsIn = 0;
        framesOut = 0;
        eventsOut = 0;
        firstEventNanos = 0;
        lastEventNanos = 0;
        clockDomainHigh = 0;
        clockDomainLow = 0;
        negativeLatencySamples = 0;
        latency.length = 0;
        transit.length = 0;
        return this;
    }

    /**
     * Stage whose metrics these are; may differ from the stage that sent the frame, since later stages forward it.
     *
     * @return the stage.
     */
    public StageId stage()
    {
        return stage;
    }

    /**
     * Set the stage whose metrics these are.
     *
     * @param stage measured.
     * @return this for a fluent API.
     */
    public StageMetricsSnapshot stage(final StageId stage)
    {
        this.stage = stage;
        return this;
    }

    /**
     * Wall time from start to end of stream, in nanoseconds.
     *
     * @return the value.
     */
    public long wallNanos()
    {
        return wallNanos;
    }

    /**
     * Set: wall time from start to end of stream, in nanoseconds.
     *
     * @param wallNanos the value.
     * @return this for a fluent API.
     */
    public StageMetricsSnapshot wallNanos(final long wallNanos)
    {
        this.wallNanos = wallNanos;
        return this;
    }

    /**
     * Time spent running the handlers, in nanoseconds.
     *
     * @return the value.
     */
    public long processingNanos()
    {
        return processingNanos;
    }

    /**
     * Set: time spent running the handlers, in nanoseconds.
     *
     * @param processingNanos the value.
     * @return this for a fluent API.
     */
    public StageMetricsSnapshot processingNanos(final long processingNanos)
    {
        this.processingNanos = processingNanos;
        return this;
    }

    /**
     * Time spent sending, back-pressure retries included, in nanoseconds.
     *
     * @return the value.
     */
    public long sendingNanos()
    {
        return sendingNanos;
    }

    /**
     * Set: time spent sending, back-pressure retries included, in nanoseconds.
     *
     * @param sendingNanos the value.
     * @return this for a fluent API.
     */
    public StageMetricsSnapshot sendingNanos(final long sendingNanos)
    {
        this.sendingNanos = sendingNanos;
        return this;
    }

    /**
     * Time spent waiting for input, in nanoseconds.
     *
     * @return the value.
     */
    public long waitingNanos()
    {
        return waitingNanos;
    }

    /**
     * Set: time spent waiting for input, in nanoseconds.
     *
     * @param waitingNanos the value.
     * @return this for a fluent API.
     */
    public StageMetricsSnapshot waitingNanos(final long waitingNanos)
    {
        this.waitingNanos = waitingNanos;
        return this;
    }

    /**
     * Send attempts retried on back pressure.
     *
     * @return the value.
     */
    public long backPressureRetries()
    {
        return backPressureRetries;
    }

    /**
     * Set: send attempts retried on back pressure.
     *
     * @param backPressureRetries the value.
     * @return this for a fluent API.
     */
    public StageMetricsSnapshot backPressureRetries(final long backPressureRetries)
    {
        this.backPressureRetries = backPressureRetries;
        return this;
    }

    /**
     * Frames received.
     *
     * @return the value.
     */
    public long framesIn()
    {
        return framesIn;
    }

    /**
     * Set: frames received.
     *
     * @param framesIn the value.
     * @return this for a fluent API.
     */
    public StageMetricsSnapshot framesIn(final long framesIn)
    {
        this.framesIn = framesIn;
        return this;
    }

    /**
     * Group entries received.
     *
     * @return the value.
     */
    public long eventsIn()
    {
        return eventsIn;
    }

    /**
     * Set: group entries received.
     *
     * @param eventsIn the value.
     * @return this for a fluent API.
     */
    public StageMetricsSnapshot eventsIn(final long eventsIn)
    {
        this.eventsIn = eventsIn;
        return this;
    }

    /**
     * Frames sent.
     *
     * @return the value.
     */
    public long framesOut()
    {
        return framesOut;
    }

    /**
     * Set: frames sent.
     *
     * @param framesOut the value.
     * @return this for a fluent API.
     */
    public StageMetricsSnapshot framesOut(final long framesOut)
    {
        this.framesOut = framesOut;
        return this;
    }

    /**
     * Group entries sent.
     *
     * @return the value.
     */
    public long eventsOut()
    {
        return eventsOut;
    }

    /**
     * Set: group entries sent.
     *
     * @param eventsOut the value.
     * @return this for a fluent API.
     */
    public StageMetricsSnapshot eventsOut(final long eventsOut)
    {
        this.eventsOut = eventsOut;
        return this;
    }

    /**
     * {@link System#nanoTime()} when the stage handled its first event.
     *
     * @return the value, 0 if none.
     */
    public long firstEventNanos()
    {
        return firstEventNanos;
    }

    /**
     * Set: when the stage handled its first event.
     *
     * @param firstEventNanos the value.
     * @return this for a fluent API.
     */
    public StageMetricsSnapshot firstEventNanos(final long firstEventNanos)
    {
        this.firstEventNanos = firstEventNanos;
        return this;
    }

    /**
     * {@link System#nanoTime()} when the stage handled its last event.
     *
     * @return the value, 0 if none.
     */
    public long lastEventNanos()
    {
        return lastEventNanos;
    }

    /**
     * Set: when the stage handled its last event.
     *
     * @param lastEventNanos the value.
     * @return this for a fluent API.
     */
    public StageMetricsSnapshot lastEventNanos(final long lastEventNanos)
    {
        this.lastEventNanos = lastEventNanos;
        return this;
    }

    /**
     * First 64 bits of the clock domain of the stage's {@link System#nanoTime()} (the Linux boot id, see
     * {@code org.eventpipe.metrics.ClockDomain}): stamps of two stages can be subtracted only if their domains match.
     *
     * @return the value.
     */
    public long clockDomainHigh()
    {
        return clockDomainHigh;
    }

    /**
     * Last 64 bits of the clock domain of the stage's {@link System#nanoTime()}.
     *
     * @return the value.
     */
    public long clockDomainLow()
    {
        return clockDomainLow;
    }

    /**
     * Set the clock domain of the stage's {@link System#nanoTime()}.
     *
     * @param high first 64 bits of the id.
     * @param low  last 64 bits of the id.
     * @return this for a fluent API.
     */
    public StageMetricsSnapshot clockDomain(final long high, final long low)
    {
        this.clockDomainHigh = high;
        this.clockDomainLow = low;
        return this;
    }

    /**
     * Latency samples whose start was stamped later than the stage's clock read, recorded as 0.
     *
     * @return the count, 0 for a stage without a latency histogram.
     */
    public long negativeLatencySamples()
    {
        return negativeLatencySamples;
    }

    /**
     * Set: latency samples whose start was stamped later than the stage's clock read.
     *
     * @param negativeLatencySamples the count.
     * @return this for a fluent API.
     */
    public StageMetricsSnapshot negativeLatencySamples(final long negativeLatencySamples)
    {
        this.negativeLatencySamples = negativeLatencySamples;
        return this;
    }

    /**
     * Bytes of the compressed latency histogram; only the first {@link #latencyHistogramLength()} are valid.
     *
     * @return the array, owned by this snapshot unless set with {@link #latencyHistogram(byte[], int)}.
     */
    public byte[] latencyHistogram()
    {
        return latency.bytes;
    }

    /**
     * Length of the compressed latency histogram.
     *
     * @return bytes valid in {@link #latencyHistogram()}, 0 if the stage has no histogram.
     */
    public int latencyHistogramLength()
    {
        return latency.length;
    }

    /**
     * Refer to compressed histogram bytes held by the caller; they are not copied.
     *
     * @param bytes  of HdrHistogram's compressed encoding.
     * @param length of the encoding in {@code bytes}.
     * @return this for a fluent API.
     */
    public StageMetricsSnapshot latencyHistogram(final byte[] bytes, final int length)
    {
        latency.refer(bytes, length);
        return this;
    }

    /**
     * Compress a histogram into this snapshot with HdrHistogram's compressed encoding. Allocates only when the
     * internal buffer must grow; meant for the end of a run.
     *
     * @param histogram to encode.
     * @return this for a fluent API.
     */
    public StageMetricsSnapshot captureLatencyHistogram(final AbstractHistogram histogram)
    {
        latency.capture(histogram);
        return this;
    }

    /**
     * Decode the latency histogram carried by this snapshot.
     *
     * @return the histogram, or null if the snapshot holds none.
     * @throws DataFormatException if the bytes are not a compressed histogram.
     */
    public Histogram decodeLatencyHistogram() throws DataFormatException
    {
        return latency.decode();
    }

    /**
     * Make room for a histogram the decoder copies in, growing the array this snapshot owns as needed; never writes
     * into an array set by the caller.
     *
     * @param length of the histogram to copy in.
     * @return the array to copy the bytes into from index 0.
     */
    byte[] prepareLatencyHistogram(final int length)
    {
        return latency.prepare(length);
    }

    /**
     * Bytes of the compressed transit histogram of the stage's input edge (frame commit to poll, per frame); only the
     * first {@link #transitHistogramLength()} are valid.
     *
     * @return the array.
     */
    public byte[] transitHistogram()
    {
        return transit.bytes;
    }

    /**
     * Length of the compressed transit histogram.
     *
     * @return bytes valid in {@link #transitHistogram()}, 0 if the stage has none (ingest).
     */
    public int transitHistogramLength()
    {
        return transit.length;
    }

    /**
     * Compress the transit histogram of the stage's input edge into this snapshot.
     *
     * @param histogram to encode.
     * @return this for a fluent API.
     */
    public StageMetricsSnapshot captureTransitHistogram(final AbstractHistogram histogram)
    {
        transit.capture(histogram);
        return this;
    }

    /**
     * Decode the transit histogram carried by this snapshot.
     *
     * @return the histogram, or null if the snapshot holds none.
     * @throws DataFormatException if the bytes are not a compressed histogram.
     */
    public Histogram decodeTransitHistogram() throws DataFormatException
    {
        return transit.decode();
    }

    byte[] prepareTransitHistogram(final int length)
    {
        return transit.prepare(length);
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "StageMetricsSnapshot{stage=" + stage +
            ", wallNanos=" + wallNanos +
            ", processingNanos=" + processingNanos +
            ", sendingNanos=" + sendingNanos +
            ", waitingNanos=" + waitingNanos +
            ", backPressureRetries=" + backPressureRetries +
            ", framesIn=" + framesIn +
            ", eventsIn=" + eventsIn +
            ", framesOut=" + framesOut +
            ", eventsOut=" + eventsOut +
            ", firstEventNanos=" + firstEventNanos +
            ", lastEventNanos=" + lastEventNanos +
            ", clockDomain=" + Long.toHexString(clockDomainHigh) + "/" + Long.toHexString(clockDomainLow) +
            ", negativeLatencySamples=" + negativeLatencySamples +
            ", latencyHistogramLength=" + latency.length +
            ", transitHistogramLength=" + transit.length +
            '}';
    }

    /**
     * One histogram in HdrHistogram's compressed encoding: in an array this snapshot owns (decoded or captured) or
     * one the caller lent.
     */
    private static final class CompressedHistogram
    {
        private byte[] owned = new byte[0];
        private byte[] bytes = owned;
        private int length;
        private ByteBuffer compressionBuffer;

        void refer(final byte[] bytes, final int length)
        {
            if (length < 0 || length > bytes.length)
            {
                throw new IllegalArgumentException("length=" + length + " outside 0.." + bytes.length);
            }
            this.bytes = bytes;
            this.length = length;
        }

        void capture(final AbstractHistogram histogram)
        {
            final int needed = histogram.getNeededByteBufferCapacity();
            if (null == compressionBuffer || compressionBuffer.capacity() < needed)
            {
                compressionBuffer = ByteBuffer.allocate(needed);
            }
            compressionBuffer.clear();
            refer(compressionBuffer.array(), histogram.encodeIntoCompressedByteBuffer(compressionBuffer));
        }

        Histogram decode() throws DataFormatException
        {
            return 0 == length ? null : Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes, 0, length), 0);
        }

        byte[] prepare(final int length)
        {
            if (owned.length < length)
            {
                owned = new byte[Math.max(length, INITIAL_HISTOGRAM_CAPACITY)];
            }
            bytes = owned;
            this.length = length;
            return bytes;
        }
    }
}
