package org.eventpipe.launch;

import java.util.List;

import org.eventpipe.cli.UsageException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StageJvmOptionsTest
{
    private static final String UNCHECKED = "-Dagrona.disable.bounds.checks=true";

    @Test
    void shouldGiveEveryStageTheSerialCollectorBeforeTheUserOptions()
    {
        for (final String stage : SplitPipelineCommand.START_ORDER)
        {
            assertEquals(List.of(UNCHECKED, "-XX:+UseSerialGC", "-Xmx256m"),
                StageCommands.stageJvmOptions(stage, List.of("-Xmx256m")));
        }
    }

    @Test
    void shouldApplyAStagePrefixedOptionToThatStageOnly()
    {
        final List<String> options = List.of("rules:-XX:TieredStopAtLevel=1", "-Xss512k", "sink:-Xmx64m");

        assertEquals(List.of(UNCHECKED, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"),
            StageCommands.stageJvmOptions("rules", options));
        assertEquals(List.of(UNCHECKED, "-XX:+UseSerialGC", "-Xss512k", "-Xmx64m"),
            StageCommands.stageJvmOptions("sink", options));
        assertEquals(List.of(UNCHECKED, "-XX:+UseSerialGC", "-Xss512k"),
            StageCommands.stageJvmOptions("parse", options));
    }

    @Test
    void shouldDropTheDefaultCollectorWhereTheUserNamesOne()
    {
        final List<String> options = List.of("parse:-XX:+UseG1GC");

        assertEquals(List.of(UNCHECKED, "-XX:+UseG1GC"), StageCommands.stageJvmOptions("parse", options));
        assertEquals(List.of(UNCHECKED, "-XX:+UseSerialGC"), StageCommands.stageJvmOptions("ingest", options));

        final List<String> everyStage = List.of("-XX:+UseParallelGC");
        for (final String stage : SplitPipelineCommand.START_ORDER)
        {
            assertEquals(List.of(UNCHECKED, "-XX:+UseParallelGC"), StageCommands.stageJvmOptions(stage, everyStage));
        }
    }

    @Test
    void shouldLetTheUserTurnBoundsChecksBackOnWithALaterOption()
    {
        final List<String> options =
            StageCommands.stageJvmOptions("parse", List.of("-Dagrona.disable.bounds.checks=false"));

        assertEquals(UNCHECKED, options.get(0));
        assertEquals("-Dagrona.disable.bounds.checks=false", options.get(options.size() - 1), "the last -D wins");
    }

    @Test
    void shouldRejectAnOptionThatIsNeitherAJvmOptionNorForAKnownStage()
    {
        final List<String> good = List.of("-Xmx1g", "aggregate:-XX:TieredStopAtLevel=1", "ingest:-Da:b=c:d");
        assertDoesNotThrow(() -> StageCommands.checkStageJvmOptions(good));
        assertEquals(List.of(UNCHECKED, "-XX:+UseSerialGC", "-Xmx1g", "-XX:TieredStopAtLevel=1"),
            StageCommands.stageJvmOptions("aggregate", good));
        assertEquals(List.of(UNCHECKED, "-XX:+UseSerialGC", "-Xmx1g", "-Da:b=c:d"),
            StageCommands.stageJvmOptions("ingest", good), "only the first colon separates the stage");
        for (final String bad : List.of("Xmx1g", "router:-Xmx1g", "rules:Xmx1g", "rules:"))
        {
            final UsageException ex = assertThrows(UsageException.class,
                () -> StageCommands.checkStageJvmOptions(List.of(bad)));
            assertTrue(ex.getMessage().contains("'" + bad + "'"), ex.getMessage());
        }
    }
}
