package org.eventpipe.launch;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.eventpipe.counters.PipelineCounter;
import org.eventpipe.counters.StageCountersFile;
import org.eventpipe.topology.Topology;

/**
 * The launcher's view of a running split pipeline, from the stages' counters files in the run directory: a progress
 * line (lines read, events applied, rate, time left when the total is known) and the age of each stage's heartbeat.
 * <p>
 * A restarted stage makes a new file, so the files are opened afresh for each reading.
 */
final class RunProgress implements AutoCloseable
{
    private final Path runDirectory;
    private final long expectedLines;
    private final Map<String, StageCountersFile> files = new HashMap<>();
    private long lastLines = -1;
    private long lastNanos;

    /**
     * Watch a run.
     *
     * @param runDirectory  where the stages keep their counters.
     * @param expectedLines lines the run will read, or -1 if not known (file input).
     */
    RunProgress(final Path runDirectory, final long expectedLines)
    {
        this.runDirectory = runDirectory;
        this.expectedLines = expectedLines;
    }

    /**
     * The counters of a stage, as its current file holds them.
     *
     * @param stage name.
     * @return the counters, or null if the stage has no file now.
     */
    StageCountersFile counters(final String stage)
    {
        final StageCountersFile previous = files.remove(stage);
        if (null != previous)
        {
            previous.close();
        }
        final StageCountersFile file = StageCountersFile.open(StageCountersFile.path(runDirectory, stage));
        if (null != file)
        {
            files.put(stage, file);
        }
        return file;
    }

    /**
     * How long ago a stage last ran a duty cycle.
     *
     * @param stage       name.
     * @param pid         of the stage's current process: a file another process wrote (the process a restart
     *                    replaced, until the new one makes its own file) holds no heartbeat of this one.
     * @param nowEpochMs  {@link System#currentTimeMillis()}.
     * @return milliseconds since its heartbeat, or -1 if it has none yet.
     */
    long heartbeatAgeMs(final String stage, final long pid, final long nowEpochMs)
    {
        final StageCountersFile file = counters(stage);
        if (null == file || file.pid() != pid)
        {
            return -1;
        }
        final long heartbeat = file.value(PipelineCounter.HEARTBEAT);
        return 0 == heartbeat ? -1 : Math.max(0, nowEpochMs - heartbeat);
    }

    /**
     * One progress line, the rate measured since the previous call.
     *
     * @param nowNanos {@link System#nanoTime()}.
     * @return the line, or null if ingest has not started.
     */
    String line(final long nowNanos)
    {
        final StageCountersFile ingest = counters(Topology.stages().get(0).name());
        if (null == ingest)
        {
            return null;
        }
        final long lines = ingest.value(PipelineCounter.LINES_READ);
        final StageCountersFile aggregate = counters("aggregate");
        final long applied = null == aggregate ? 0 : aggregate.value(PipelineCounter.APPLIED);
        final StringBuilder line = new StringBuilder("progress: ");
        line.append(String.format(Locale.ROOT, "%.2f M lines read", lines / 1e6));
        if (expectedLines > 0)
        {
            line.append(String.format(Locale.ROOT, " of %.2f M (%d %%)", expectedLines / 1e6,
                lines * 100 / expectedLines));
        }
        line.append(String.format(Locale.ROOT, ", %.2f M events applied", applied / 1e6));
        if (lastLines >= 0 && nowNanos > lastNanos)
        {
            final double linesPerSecond = (lines - lastLines) * 1e9 / (nowNanos - lastNanos);
            line.append(String.format(Locale.ROOT, ", %.2f M lines/s", linesPerSecond / 1e6));
            if (expectedLines > 0 && linesPerSecond > 0 && lines < expectedLines)
            {
                line.append(String.format(Locale.ROOT, ", about %.0f s left",
                    (expectedLines - lines) / linesPerSecond));
            }
        }
        lastLines = lines;
        lastNanos = nowNanos;
        return line.toString();
    }

    /**
     * Unmap the counters files.
     */
    public void close()
    {
        files.values().forEach(StageCountersFile::close);
        files.clear();
    }
}
