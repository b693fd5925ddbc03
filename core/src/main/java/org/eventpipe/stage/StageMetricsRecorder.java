package org.eventpipe.stage;

/**
 * Where a stage's time goes, measured per frame (never per event): processing, sending (including back-pressure
 * retries) and the rest of the wall time, which is waiting for input. A receiving stage's wall time starts with its
 * first frame, so the time spent waiting for the pipeline to start is not counted as waiting. Also frames and events
 * in and out, and the times of the first and last event handled. Single threaded: owned by the stage agent.
 */
public final class StageMetricsRecorder
{
    private long startNanos;
    private long endNanos;
    private long processingNanos;
    private long sendingNanos;
    private long backPressureRetries;
    private long framesIn;
    private long eventsIn;
    private long framesOut;
    private long eventsOut;
    private long firstEventNanos;
    private long lastEventNanos;

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
        processingNanos += nanos;
    }

    /**
     * Add sending time.
     *
     * @param nanos spent sending, including back-pressure retries.
     */
    public void addSending(final long nanos)
    {
        sendingNanos += nanos;
    }

    /**
     * Count one retry after back-pressure or an admin action.
     */
    public void onBackPressure()
    {
        backPressureRetries++;
    }

    /**
     * Count a frame received.
     *
     * @param events in the frame.
     */
    public void onFrameIn(final int events)
    {
        framesIn++;
        eventsIn += events;
    }

    /**
     * Count a frame sent.
     *
     * @param events in the frame.
     */
    public void onFrameOut(final int events)
    {
        framesOut++;
        eventsOut += events;
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
        return processingNanos;
    }

    /**
     * Sending time.
     *
     * @return nanoseconds.
     */
    public long sendingNanos()
    {
        return sendingNanos;
    }

    /**
     * Wall time neither processing nor sending: waiting for input.
     *
     * @return nanoseconds.
     */
    public long waitingNanos()
    {
        return Math.max(0, wallNanos() - processingNanos - sendingNanos);
    }

    /**
     * Retries after back-pressure.
     *
     * @return the count.
     */
    public long backPressureRetries()
    {
        return backPressureRetries;
    }

    /**
     * Frames received.
     *
     * @return the count.
     */
    public long framesIn()
    {
        return framesIn;
    }

    /**
     * Events received.
     *
     * @return the count.
     */
    public long eventsIn()
    {
        return eventsIn;
    }

    /**
     * Frames sent.
     *
     * @return the count.
     */
    public long framesOut()
    {
        return framesOut;
    }

    /**
     * Events sent.
     *
     * @return the count.
     */
    public long eventsOut()
    {
        return eventsOut;
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
}
