package org.eventpipe.stage;

import org.agrona.concurrent.status.AtomicCounter;
import org.eventpipe.counters.PipelineCounter;
import org.eventpipe.counters.StageCounters;

/**
 * Where a stage's time goes, measured per frame (never per event): processing, sending (including back-pressure
 * retries) and the rest of the wall time, which is waiting for input. A receiving stage's wall time starts with its
 * first frame, so the time spent waiting for the pipeline to start is not counted as waiting. Also frames and events
 * in and out, and the times of the first and last event handled. Single threaded: owned by the stage agent.
 * <p>
 * The counts and times live in the stage's {@link StageCounters}, so that they can be read while the run goes on.
 */
public final class StageMetricsRecorder
{
    private long startNanos;
    private long endNanos;
    private final StageCounters counters;
    private final AtomicCounter processingNanos;
    private final AtomicCounter sendingNanos;
    private final AtomicCounter backPressureRetries;
    private final AtomicCounter framesIn;
    private final AtomicCounter eventsIn;
    private final AtomicCounter framesOut;
    private final AtomicCounter eventsOut;
    private long firstEventNanos;
    private long lastEventNanos;
    private long negativeLatencySamples;

    /**
     * A recorder with its counters in memory only.
     */
    public StageMetricsRecorder()
    {
        this(StageCounters.inMemory());
    }

    /**
     * A recorder that keeps its counts in a stage's counters.
     *
     * @param counters of the stage.
     */
    public StageMetricsRecorder(final StageCounters counters)
    {
        this.counters = counters;
        this.processingNanos = counters.get(PipelineCounter.PROCESSING_NANOS);
        this.sendingNanos = counters.get(PipelineCounter.SENDING_NANOS);
        this.backPressureRetries = counters.get(PipelineCounter.SEND_RETRIES);
        this.framesIn = counters.get(PipelineCounter.FRAMES_IN);
        this.eventsIn = counters.get(PipelineCounter.EVENTS_IN);
        this.framesOut = counters.get(PipelineCounter.FRAMES_OUT);
        this.eventsOut = counters.get(PipelineCounter.EVENTS_OUT);
    }

    /**
     * The stage's counters.
     *
     * @return the counters this recorder writes to.
     */
    public StageCounters counters()
    {
        return counters;
    }

    /**
     * Start the wall clock.
     *
     * @param nowNanos {@link System#nanoTime()}.
     */
    public void start(final long nowNanos)
    {
        startNanos = nowNanos;
    }

    /**
     * Stop the wall clock.
     *
     * @param nowNanos {@link System#nanoTime()}.
     */
    public void stop(final long nowNanos)
    {
        endNanos = nowNanos;
    }

    /**
     * Add processing time.
     *
     * @param nanos spent processing, excluding sending.
     */
    public void addProcessing(final long nanos)
    {
        processingNanos.getAndAddRelease(nanos);
    }

    /**
     * Add sending time.
     *
     * @param nanos spent sending, including back-pressure retries.
     */
    public void addSending(final long nanos)
    {
        sendingNanos.getAndAddRelease(nanos);
    }

    /**
     * Count one retry after back-pressure or an admin action.
     */
    public void onBackPressure()
    {
        backPressureRetries.incrementRelease();
    }

    /**
     * Count a frame received.
     *
     * @param events in the frame.
     */
    public void onFrameIn(final int events)
    {
        framesIn.incrementRelease();
        eventsIn.getAndAddRelease(events);
    }

    /**
     * Count a frame sent.
     *
     * @param events in the frame.
     */
    public void onFrameOut(final int events)
    {
        framesOut.incrementRelease();
        eventsOut.getAndAddRelease(events);
    }

    /**
     * Note that events were handled now, for first and last event times.
     *
     * @param nowNanos {@link System#nanoTime()}.
     */
    public void onEventsHandled(final long nowNanos)
    {
        if (0 == firstEventNanos)
        {
            firstEventNanos = nowNanos;
        }
        lastEventNanos = nowNanos;
    }

    /**
     * Move the time of the first event, e.g. to the start of a measured window after a warm-up.
     *
     * @param nowNanos {@link System#nanoTime()} value.
     */
    public void firstEventNanos(final long nowNanos)
    {
        firstEventNanos = nowNanos;
    }

    /**
     * Wall time of the stage.
     *
     * @return nanoseconds from start to stop.
     */
    public long wallNanos()
    {
        return Math.max(0, endNanos - startNanos);
    }

    /**
     * Processing time.
     *
     * @return nanoseconds.
     */
    public long processingNanos()
    {
        return processingNanos.get();
    }

    /**
     * Sending time.
     *
     * @return nanoseconds.
     */
    public long sendingNanos()
    {
        return sendingNanos.get();
    }

    /**
     * Wall time neither processing nor sending: waiting for input.
     *
     * @return nanoseconds.
     */
    public long waitingNanos()
    {
        return Math.max(0, wallNanos() - processingNanos.get() - sendingNanos.get());
    }

    /**
     * Retries after back-pressure.
     *
     * @return the count.
     */
    public long backPressureRetries()
    {
        return backPressureRetries.get();
    }

    /**
     * Frames received.
     *
     * @return the count.
     */
    public long framesIn()
    {
        return framesIn.get();
    }

    /**
     * Events received.
     *
     * @return the count.
     */
    public long eventsIn()
    {
        return eventsIn.get();
    }

    /**
     * Frames sent.
     *
     * @return the count.
     */
    public long framesOut()
    {
        return framesOut.get();
    }

    /**
     * Events sent.
     *
     * @return the count.
     */
    public long eventsOut()
    {
        return eventsOut.get();
    }

    /**
     * Time of the first event handled.
     *
     * @return {@link System#nanoTime()} value, 0 if none.
     */
    public long firstEventNanos()
    {
        return firstEventNanos;
    }

    /**
     * Time of the last event handled.
     *
     * @return {@link System#nanoTime()} value, 0 if none.
     */
    public long lastEventNanos()
    {
        return lastEventNanos;
    }

    /**
     * Set the latency samples the stage recorded as 0 because their start was stamped later than its clock read.
     *
     * @param samples counted by the stage's latency recorder.
     */
    public void negativeLatencySamples(final long samples)
    {
        negativeLatencySamples = samples;
    }

    /**
     * Latency samples recorded as 0 because their start was stamped later than the stage's clock read.
     *
     * @return the count, 0 for a stage without latency.
     */
    public long negativeLatencySamples()
    {
        return negativeLatencySamples;
    }
}
