package org.eventpipe.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.agrona.DirectBuffer;
import org.eventpipe.model.EventType;
import org.eventpipe.model.Outcome;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.model.RejectReason;
import org.eventpipe.workload.WorkloadResults;

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
    WorkloadResults results;
    EndOfStreamCounts endOfStream;
    StageMetricsSnapshot metrics;
    byte[] histogram;

    void clear()
    {
        headers.clear();
        events.clear();
        results = null;
        endOfStream = null;
        metrics = null;
        histogram = null;
    }

    int callbacks()
    {
        return headers.size() + events.size() + (null == results ? 0 : 1) + (null == endOfStream ? 0 : 1) +
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

    public void onEntry(final PipelineEvent event, final DirectBuffer buffer, final int offset)
    {
        events.add(copy("entry", event, 0));
    }

    public void onReject(final PipelineEvent event, final int excerptLength)
    {
        events.add(copy("reject", event, excerptLength));
    }

    public void onResults(final WorkloadResults results)
    {
        this.results = results;
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
