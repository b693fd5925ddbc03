package org.eventpipe.stage;

import java.util.Locale;

import org.eventpipe.codec.StageMetricsSnapshot;
import org.eventpipe.metrics.ClockDomain;

/**
 * One stage's metrics as received by the sink, kept for the report.
 *
 * @param stage               lower-case name.
 * @param wallNanos           wall time of the stage.
 * @param processingNanos     time processing frames.
 * @param sendingNanos        time sending, back-pressure retries included.
 * @param waitingNanos        time waiting for input.
 * @param backPressureRetries retries after back-pressure.
 * @param framesIn            frames received.
 * @param eventsIn            events received.
 * @param framesOut           frames sent.
 * @param eventsOut           events sent.
 * @param firstEventNanos     when the stage handled its first event.
 * @param lastEventNanos      when the stage handled its last event.
 * @param clock               clock domain of the stage's nanoTime stamps.
 * @param negativeLatencySamples latency samples the stage recorded as 0 (start stamped after its clock read).
 */
public record StageReport(
    String stage,
    long wallNanos,
    long processingNanos,
    long sendingNanos,
    long waitingNanos,
    long backPressureRetries,
    long framesIn,
    long eventsIn,
    long framesOut,
    long eventsOut,
    long firstEventNanos,
    long lastEventNanos,
    ClockDomain clock,
    long negativeLatencySamples)
{
    /**
     * Copy a received snapshot.
     *
     * @param snapshot decoded from a metrics frame.
     * @return the report line.
     */
    public static StageReport of(final StageMetricsSnapshot snapshot)
    {
        return new StageReport(snapshot.stage().name().toLowerCase(Locale.ROOT), snapshot.wallNanos(),
            snapshot.processingNanos(), snapshot.sendingNanos(), snapshot.waitingNanos(),
            snapshot.backPressureRetries(), snapshot.framesIn(), snapshot.eventsIn(), snapshot.framesOut(),
            snapshot.eventsOut(), snapshot.firstEventNanos(), snapshot.lastEventNanos(),
            new ClockDomain(snapshot.clockDomainHigh(), snapshot.clockDomainLow()), snapshot.negativeLatencySamples());
    }

    /**
     * Copy a local recorder.
     *
     * @param stage   name.
     * @param metrics recorded.
     * @return the report line.
     */
    public static StageReport of(final String stage, final StageMetricsRecorder metrics)
    {
        return new StageReport(stage, metrics.wallNanos(), metrics.processingNanos(), metrics.sendingNanos(),
            metrics.waitingNanos(), metrics.backPressureRetries(), metrics.framesIn(), metrics.eventsIn(),
            metrics.framesOut(), metrics.eventsOut(), metrics.firstEventNanos(), metrics.lastEventNanos(),
            ClockDomain.LOCAL, metrics.negativeLatencySamples());
    }

    /**
     * Header of the table {@link #tableRow()} fills.
     *
     * @return the header line.
     */
    public static String tableHeader()
    {
        return String.format(Locale.ROOT, "  %-10s %12s %10s %12s %10s %9s %8s %8s %8s %12s",
            "stage", "events-in", "frames-in", "events-out", "frames-out", "wall-ms", "process", "send",
            "wait", "bp-retries");
    }

    /**
     * One row of the stage table: counts, then processing, sending and waiting as percentages of the stage's wall.
     *
     * @return the row.
     */
    public String tableRow()
    {
        final double wall = Math.max(1, wallNanos);
        return String.format(Locale.ROOT, "  %-10s %12d %10d %12d %10d %9.1f %7.1f%% %7.1f%% %7.1f%% %12d",
            stage, eventsIn, framesIn, eventsOut, framesOut, wallNanos / 1e6, 100.0 * processingNanos / wall,
            100.0 * sendingNanos / wall, 100.0 * waitingNanos / wall, backPressureRetries);
    }
}
