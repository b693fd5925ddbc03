package org.eventpipe.launch;

import java.nio.file.Path;

import org.eventpipe.counters.PipelineCounter;
import org.eventpipe.counters.StageCounters;
import org.eventpipe.counters.StageCountersFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RunProgressTest
{
    @TempDir
    Path runDirectory;

    @Test
    void shouldReadNoHeartbeatOfARestartedStageFromTheFileItsKilledProcessLeft()
    {
        final long pid = ProcessHandle.current().pid();
        final long now = System.currentTimeMillis();
        try (StageCounters counters = StageCounters.mapped(StageCountersFile.path(runDirectory, "rules"));
            RunProgress progress = new RunProgress(runDirectory, -1))
        {
            counters.get(PipelineCounter.HEARTBEAT).setOrdered(now - 60_000);

            assertEquals(60_000, progress.heartbeatAgeMs("rules", pid, now), "the process that wrote the file");
            assertEquals(-1, progress.heartbeatAgeMs("rules", pid + 1, now), "a restarted process, still starting");
            assertEquals(-1, progress.heartbeatAgeMs("parse", pid, now), "no file yet");
        }
    }
}
