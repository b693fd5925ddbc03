package org.eventpipe.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eventpipe.model.EventType;
import org.eventpipe.model.Outcome;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.model.RejectReason;

/**
 * Copies everything a {@link FrameDecoder} hands over, so that tests can compare it after the fact.
 */
final class RecordingFrameHandler implements FrameHandler
{
    record Header(FrameType type, StageId sender, long sequence, int eventCount)
    {
    }

    record Decoded(
        String callback,
        long lineNumber,
        long ingestNanos,
        long timestamp,
        int userId,
        int value,
        EventType type,
        int lineLength,
        byte[] line,
        RejectReason reason,
        Outcome outcome)
    {
    }

    final List<Header> headers = new ArrayList<>();
    final List<Decoded> events = new ArrayList<>();
    long[] counts;
    long[] sums;
    EndOfStreamCounts endOfStream;
    StageMetricsSnapshot metrics;
    byte[] histogram;

    void clear()
    {
        headers.clear();
        events.clear();
        counts = null;
        sums = null;
        endOfStream = null;
        metrics = null;
        histogram = null;
    }

    int callbacks()
    {
        return headers.size() + events.size() + (null == counts ? 0 : 1) + (null == endOfStream ? 0 : 1) +
            (null == metrics ? 0 : 1);
    }

    public void onFrameHeader(final FrameType type, final StageId sender, final long sequence, final int eventCount)
    {
        headers.add(new Header(type, sender, sequence, eventCount));
    }

    public void onRawLine(final PipelineEvent event)
    {
        events.add(copy("raw", event, event.storedLineLength()));
    }

    public void onParsedEvent(final PipelineEvent event)
    {
        events.add(copy("parsed", event, 0));
    }

    public void onKeptEvent(final PipelineEvent event)
    {
        events.add(copy("kept", event, 0));
    }

    public void onReject(final PipelineEvent event, final int excerptLength)
    {
        events.add(copy("reject", event, excerptLength));
    }

    public void onResults(final long[] countsByTypeCode, final long[] sumsByTypeCode)
    {
        counts = countsByTypeCode.clone();
        sums = sumsByTypeCode.clone();
    }

    public void onEndOfStream(final EndOfStreamCounts counts)
    {
        endOfStream = new EndOfStreamCounts().copyFrom(counts);
    }

    public void onStageMetrics(final StageMetricsSnapshot metrics)
    {
        this.metrics = metrics;
        histogram = Arrays.copyOf(metrics.latencyHistogram(), metrics.latencyHistogramLength());
    }

    private static Decoded copy(final String callback, final PipelineEvent event, final int lineBytes)
    {
        return new Decoded(
            callback,
            event.lineNumber(),
            event.ingestNanos(),
            event.timestamp(),
            event.userId(),
            event.value(),
            event.type(),
            event.lineLength(),
            Arrays.copyOf(event.line(), lineBytes),
            event.rejectReason(),
            event.outcome());
    }
}
