package org.eventpipe.chronicle;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bad chronicle setting given to the launcher as a system property (which it passes on to every stage) is a usage
 * error: one line naming it and exit 2 before any work, not a stage failing mid-run.
 */
final class ChronicleSettingsTest
{
    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {
        "eventpipe.chronicle.populate.ahead=100",
        "eventpipe.chronicle.max.lag.bytes=-1",
        "eventpipe.chronicle.block.size=abc",
        "eventpipe.chronicle.roll.cycle=HOURLYISH",
        "eventpipe.chronicle.warm.up.frames=-1" })
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldExitTwoWithOneLineNamingABadSettingBeforeAnyWork(final String setting) throws Exception
    {
        final Path output = directory.resolve("split.out");
        final Process launcher = new ProcessBuilder(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-D" + setting,
            "-cp", SplitRuns.JAR.toAbsolutePath().toString(), "SplitPipeline", "--transport", "chronicle",
            "--events", "1000")).redirectErrorStream(true).redirectOutput(output.toFile()).start();

        final int exit = SplitRuns.await(launcher, 50);

        final String report = SplitRuns.read(output);
        assertEquals(2, exit, report);
        assertEquals(1, report.strip().split("\n").length, report);
        assertTrue(report.startsWith("SplitPipeline: error: "), report);
        assertTrue(report.contains(setting.substring(0, setting.indexOf('='))), report);
    }
}
