package org.eventpipe.aeron;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eventpipe.cli.ExitCodes;
import org.eventpipe.launch.SplitPipelineCommand;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Each system property the README names for a {@code SplitPipeline} flag gives the same setting as the flag, given
 * to the launcher: the stage commands it prints ({@code --print-commands}, nothing starts) are the same either way,
 * and differ from those with neither, so the property is seen to take effect. Runs the launcher in this JVM.
 */
final class SplitPipelinePropertyTest
{
    @TempDir
    Path workDir;

    @ParameterizedTest(name = "{0} = -D{2}")
    @CsvSource({
        "--events, 2000, eventpipe.events",
        "--seed, 7, eventpipe.seed",
        "--users, 50, eventpipe.users",
        "--workload, work-items, eventpipe.workload",
        "--batch, 100, eventpipe.stage.batch",
        "--linger-us, 50, eventpipe.stage.linger.us",
        "--idle-strategy, sleeping, eventpipe.stage.idle.strategy",
        "--latency-sample, 4, eventpipe.latency.sample",
        "--max-line-length, 4096, eventpipe.max.line.length",
        "--drop-types, none, eventpipe.rules.drop",
        "--warmup-events, 1000, eventpipe.warmup.events",
        "--rate, 100000, eventpipe.rate",
        "--burst, 10, eventpipe.burst",
    })
    void shouldPrintTheSameStageCommandsForTheFlagAndTheProperty(
        final String flag, final String value, final String property)
    {
        final boolean eventsSet = "--events".equals(flag);
        // a burst means something only at a rate
        final List<String> base = "--burst".equals(flag) ? List.of("--rate", "100000") : List.of();
        final String neither = printCommands(base, eventsSet);
        final List<String> withFlag = new ArrayList<>(base);
        withFlag.addAll(List.of(flag, value));
        final String byFlag = printCommands(withFlag, eventsSet);
        final String byProperty;
        System.setProperty(property, value);
        try
        {
            byProperty = printCommands(base, eventsSet);
        }
        finally
        {
            System.clearProperty(property);
        }

        assertEquals(byFlag, byProperty, flag + " " + value + " against -D" + property + "=" + value);
        assertNotEquals(neither, byProperty, "-D" + property + " changed nothing");
    }

    private String printCommands(final List<String> extra, final boolean eventsSet)
    {
        final List<String> args = new ArrayList<>(List.of("--print-commands", "--transport", "aeron-ipc",
            "--run-dir-base", workDir.toString()));
        if (!eventsSet)
        {
            args.addAll(List.of("--events", "3000"));
        }
        args.addAll(extra);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exit = SplitPipelineCommand.execute(args.toArray(new String[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(ExitCodes.OK, exit, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8).replaceAll("eventpipe-[0-9]+", "eventpipe-RUN");
    }
}
