package org.eventpipe.stage;

import org.HdrHistogram.Histogram;
import org.eventpipe.codec.EndOfStreamCounts;
import org.eventpipe.codec.FrameEncoder;
import org.eventpipe.codec.StageId;
import org.eventpipe.codec.StageMetricsSnapshot;
import org.eventpipe.metrics.ClockDomain;

/**
 * The frames every stage sends once, at its end: its metrics, then its end of stream.
 */
final class StageFrames
{
    private StageFrames()
    {
    }

    static void sendMetrics(
        final EdgePublisher publisher,
        final FrameEncoder encoder,
        final StageId stageId,
        final StageMetricsRecorder metrics,
        final Histogram histogram,
        final Histogram transit)
    {
        final StageMetricsSnapshot snapshot = new StageMetricsSnapshot();
        snapshot.stage(stageId)
            .wallNanos(metrics.wallNanos())
            .processingNanos(metrics.processingNanos())
            .sendingNanos(metrics.sendingNanos())
            .waitingNanos(metrics.waitingNanos())
            .backPressureRetries(metrics.backPressureRetries())
            .framesIn(metrics.framesIn())
            .eventsIn(metrics.eventsIn())
            .framesOut(metrics.framesOut() + 2)
            .eventsOut(metrics.eventsOut())
            .firstEventNanos(metrics.firstEventNanos())
            .lastEventNanos(metrics.lastEventNanos())
            .clockDomain(ClockDomain.LOCAL.high(), ClockDomain.LOCAL.low())
            .negativeLatencySamples(metrics.negativeLatencySamples());
        if (null != histogram)
        {
            snapshot.captureLatencyHistogram(histogram);
        }
        if (null != transit)
        {
            snapshot.captureTransitHistogram(transit);
        }
        final int length = FrameEncoder.stageMetricsLength(
            snapshot.latencyHistogramLength(), snapshot.transitHistogramLength());
        publisher.publish(length, 0,
            (buffer, offset) ->
                encoder.encodeStageMetrics(buffer, offset, stageId, publisher.nextSequence(), snapshot));
    }

    static void sendEndOfStream(
        final EdgePublisher publisher,
        final FrameEncoder encoder,
        final StageId stageId,
        final EndOfStreamCounts counts)
    {
        counts.framesSent(publisher.framesSent()).eventsSent(publisher.eventsSent());
        publisher.onEndOfStream();
        publisher.publish(FrameEncoder.endOfStreamLength(), 0,
            (buffer, offset) -> encoder.encodeEndOfStream(buffer, offset, stageId, publisher.nextSequence(), counts));
    }
}
