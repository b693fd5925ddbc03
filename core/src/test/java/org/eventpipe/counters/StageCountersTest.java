package org.eventpipe.counters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stage's counters file is read back by another reader as written: every counter, its label and type id, the
 * process id; a file that is absent, short or not yet initialised is not opened.
 */
final class StageCountersTest
{
    @TempDir
    Path directory;

    @Test
    void shouldReadBackEveryCounterFromTheMappedFile()
    {
        final Path file = StageCountersFile.path(directory, "parse");
        try (StageCounters counters = StageCounters.mapped(file))
        {
            for (final PipelineCounter counter : PipelineCounter.values())
            {
                counters.get(counter).setRelease(1000L + counter.id());
            }
            counters.get(PipelineCounter.ACCEPTED).incrementRelease();

            try (StageCountersFile reader = StageCountersFile.open(file))
            {
                assertNotNull(reader);
                assertEquals("parse", reader.stage());
                assertEquals(ProcessHandle.current().pid(), reader.pid());
                for (final PipelineCounter counter : PipelineCounter.values())
                {
                    final long expected = 1000L + counter.id() + (PipelineCounter.ACCEPTED == counter ? 1 : 0);
                    assertEquals(expected, reader.value(counter), counter.name());
                }
                final List<String> labels = new ArrayList<>();
                reader.forEach((counterId, typeId, label, value) ->
                {
                    assertEquals(PipelineCounter.fromId(typeId).label(), label);
                    labels.add(label);
                });
                assertEquals(PipelineCounter.values().length, labels.size());
            }
        }
    }

    @Test
    void shouldSeeUpdatesMadeAfterOpening()
    {
        final Path file = StageCountersFile.path(directory, "ingest");
        try (StageCounters counters = StageCounters.mapped(file);
            StageCountersFile reader = StageCountersFile.open(file))
        {
            assertEquals(0, reader.value(PipelineCounter.LINES_READ));
            counters.get(PipelineCounter.LINES_READ).setRelease(42);
            assertEquals(42, reader.value(PipelineCounter.LINES_READ));
        }
    }

    @Test
    void shouldReplaceTheFileOfAnEarlierProcessThatDied() throws Exception
    {
        final Path file = StageCountersFile.path(directory, "parse");
        Files.write(file, new byte[StageCountersFile.FILE_LENGTH + 7]);

        try (StageCounters counters = StageCounters.mapped(file);
            StageCountersFile reader = StageCountersFile.open(file))
        {
            counters.get(PipelineCounter.ACCEPTED).setRelease(5);
            assertEquals(5, reader.value(PipelineCounter.ACCEPTED));
        }
    }

    @Test
    void shouldDeleteTheFileWhenTheStageEnds()
    {
        final Path file = StageCountersFile.path(directory, "rules");
        StageCounters.mapped(file).close();

        assertTrue(Files.notExists(file));
    }

    @Test
    void shouldNotOpenAbsentShortOrUninitialisedFile() throws Exception
    {
        assertNull(StageCountersFile.open(directory.resolve("absent.counters")));

        final Path shortFile = directory.resolve("short.counters");
        Files.write(shortFile, new byte[100]);
        assertNull(StageCountersFile.open(shortFile));

        final Path blank = directory.resolve("blank.counters");
        Files.write(blank, new byte[StageCountersFile.FILE_LENGTH]);
        assertNull(StageCountersFile.open(blank), "no magic yet: the stage is still making it");
    }

    @Test
    void shouldDescribeEveryCounterWithAUniqueId()
    {
        final boolean[] seen = new boolean[64];
        for (final PipelineCounter counter : PipelineCounter.values())
        {
            assertTrue(counter.id() > 0 && !seen[counter.id()], counter.name());
            seen[counter.id()] = true;
            assertEquals(counter, PipelineCounter.fromId(counter.id()));
            assertTrue(!counter.label().isEmpty() && !counter.incrementedBy().isEmpty(), counter.name());
        }
        assertNull(PipelineCounter.fromId(63));
        assertNull(PipelineCounter.fromId(-1));
    }
}
