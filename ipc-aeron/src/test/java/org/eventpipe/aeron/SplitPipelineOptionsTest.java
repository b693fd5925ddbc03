package org.eventpipe.aeron;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eventpipe.cli.ExitCodes;
import org.eventpipe.metrics.RejectSink;
import org.eventpipe.metrics.RunResult;
import org.eventpipe.monolith.MonolithConfiguration;
import org.eventpipe.monolith.MonolithPipeline;
import org.eventpipe.monolith.PipelineSettings;
import org.eventpipe.stage.StageConfiguration;
import org.eventpipe.stage.StageMain;
import org.eventpipe.workload.EventGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher's options end to end, each in a small real run (a media driver and five stage processes) or, for
 * {@code --print-commands}, in what it prints: {@code --print-commands}, {@code --idle-strategy}, {@code --aeron-dir},
 * {@code --stage-jvm-option}, {@code --linger-us}, {@code --histogram}, and launcher system properties passed on to
 * the stages.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class SplitPipelineOptionsTest
{
    private static final long RUN_DEADLINE_SECONDS = 90;
    private static final int EVENTS = 20_000;
    private static final long SEED = 42;
    private static final int USERS = 10_000;
    private static final List<String> STAGES_IN_START_ORDER = List.of("sink", "aggregate", "rules", "parse", "ingest");
    private static final Pattern HGRM_TOTAL = Pattern.compile("#\\[Max += +[0-9.]+, Total count += +(\\d+)\\]");

    @TempDir
    Path workDir;

    @Test
    void shouldPrintOneWellFormedCommandPerProcessAndStartNothing() throws Exception
    {
        final Path runDirBase = workDir.resolve("runs");
        final String gcLog = workDir.resolve("printed-%p.log").toString();
        final LauncherProcess launcher = LauncherProcess.start(workDir,
            List.of("-D" + AeronConfiguration.TERM_LENGTH_PROP_NAME + "=1048576"),
            List.of("--print-commands", "--events", Integer.toString(EVENTS), "--idle-strategy", "yielding",
                "--linger-us", "7", "--batch", "100", "--run-dir-base", runDirBase.toString(),
                "--stage-jvm-option", "-Xlog:gc:file=" + gcLog, "--stage-jvm-option", "rules:-Dtest.only.rules=1"));
        try
        {
            assertEquals(ExitCodes.OK, launcher.awaitExit(RUN_DEADLINE_SECONDS), launcher.output());
        }
        finally
        {
            launcher.destroyAll();
        }

        final List<List<String>> commands = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        final List<String> shellLines = new ArrayList<>();
        String previous = null;
        for (final String line : launcher.stdout().lines().toList())
        {
            if (line.startsWith("#"))
            {
                previous = line;
                continue;
            }
            if (line.startsWith("mkdir ") || line.startsWith("rm "))
            {
                shellLines.add(line);
                continue;
            }
            assertFalse(line.contains("'") || line.contains("\""), "nothing here needs quoting: " + line);
            commands.add(Arrays.asList(line.split(" ")));
            names.add(previous.substring(2).split("[ :]")[0]);
        }
        final List<String> expectedNames = new ArrayList<>(List.of("media-driver"));
        expectedNames.addAll(STAGES_IN_START_ORDER);
        assertEquals(expectedNames, names, launcher.output());

        final List<String> driver = commands.get(0);
        assertWellFormed(driver, MediaDriverMain.class.getName());
        final String aeronDirProperty = single(driver, "-D" + AeronConfiguration.AERON_DIR_PROP_NAME + "=");
        final Path printedRunDir = Path.of(aeronDirProperty.substring(aeronDirProperty.indexOf('=') + 1)).getParent();
        assertEquals(List.of("mkdir -m 700 -p " + printedRunDir, "rm -rf " + printedRunDir), shellLines,
            "make the run directory first, remove it afterwards: " + launcher.output());
        assertTrue(launcher.stdout().contains("nothing was started"), launcher.output());
        assertFalse(driver.contains("-Xlog:gc:file=" + gcLog), "stage options are for stages only");
        for (int i = 1; i < commands.size(); i++)
        {
            final List<String> stage = commands.get(i);
            final String name = names.get(i);
            assertWellFormed(stage, "org.eventpipe.stage.StageMain");
            assertEquals(List.of("--stage", name, "--transport", "aeron-ipc", "--batch", "100", "--linger-us", "7",
                "--idle-strategy", "yielding"), stage.subList(stage.indexOf("--stage"), stage.indexOf("--stage") + 10));
            assertEquals(aeronDirProperty, single(stage, "-D" + AeronConfiguration.AERON_DIR_PROP_NAME + "="),
                "every stage uses the driver's directory");
            final List<String> jvmOptions = stage.subList(1, stage.indexOf("-cp"));
            assertTrue(jvmOptions.containsAll(List.of(AeronConfiguration.JVM_FLAGS)), name);
            assertTrue(jvmOptions.containsAll(StageConfiguration.STAGE_JVM_OPTIONS_DEFAULT), name);
            assertTrue(jvmOptions.contains("-Xlog:gc:file=" + gcLog), name);
            assertEquals("rules".equals(name), jvmOptions.contains("-Dtest.only.rules=1"), name);
            assertTrue(jvmOptions.contains("-D" + AeronConfiguration.TERM_LENGTH_PROP_NAME + "=1048576"),
                "the launcher's own eventpipe.aeron.* properties reach " + name);
            assertEquals("ingest".equals(name), stage.contains("--events") &&
                stage.get(stage.indexOf("--events") + 1).equals(Integer.toString(EVENTS)), name);
            assertEquals("sink".equals(name), stage.contains("--report"), name);
        }

        try (Stream<Path> files = Files.list(workDir))
        {
            assertEquals(List.of(), files.filter((file) -> file.getFileName().toString().startsWith("printed-"))
                .toList(), "a stage JVM was started");
        }
        try (Stream<Path> runs = Files.list(runDirBase))
        {
            assertEquals(List.of(), runs.toList(), "run directory left behind");
        }
    }

    /**
     * Hand-started runs work as printed: the printed {@code mkdir} makes the owner-only run directory, the printed
     * commands started one by one in the printed order, each once the one before says it is ready, run the pipeline
     * and give the monolith's results, and the printed {@code rm} removes what the run left.
     */
    @Test
    void shouldRunPipelineFromPrintedCommandsStartedByHand() throws Exception
    {
        final Path results = workDir.resolve("hand-results.jsonl");
        final LauncherProcess launcher = LauncherProcess.run(workDir, List.of("--print-commands", "--events",
            Integer.toString(EVENTS), "--seed", Long.toString(SEED), "--users", Integer.toString(USERS), "--results",
            results.toString()), RUN_DEADLINE_SECONDS);
        assertEquals(ExitCodes.OK, launcher.exitValue(), launcher.output());
        final List<String> printed = launcher.stdout().lines().filter((line) -> !line.startsWith("#")).toList();
        final List<String> commands = printed.subList(1, printed.size() - 1);
        final List<String> readyLines = new ArrayList<>(List.of(AeronConfiguration.DRIVER_READY_LINE));
        STAGES_IN_START_ORDER.forEach((stage) -> readyLines.add(StageMain.READY_LINE + stage));
        assertEquals(readyLines.size(), commands.size(), launcher.output());
        final String aeronDir = single(Arrays.asList(commands.get(0).split(" ")),
            "-D" + AeronConfiguration.AERON_DIR_PROP_NAME + "=");
        final Path runDirectory = Path.of(aeronDir.substring(aeronDir.indexOf('=') + 1)).getParent();

        assertEquals("mkdir -m 700 -p " + runDirectory, printed.get(0), launcher.output());
        assertEquals("rm -rf " + runDirectory, printed.get(printed.size() - 1), launcher.output());
        final List<Process> processes = new ArrayList<>();
        final List<Path> logs = new ArrayList<>();
        try
        {
            assertEquals(0, new ProcessBuilder(printed.get(0).split(" ")).inheritIO().start().waitFor());
            for (int i = 0; i < commands.size(); i++)
            {
                final Path log = workDir.resolve("hand-" + i + ".log");
                logs.add(log);
                processes.add(new ProcessBuilder(commands.get(i).split(" ")).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start());
                awaitLine(processes.get(i), log, readyLines.get(i));
            }
            for (int i = 1; i < processes.size(); i++)
            {
                assertTrue(processes.get(i).waitFor(RUN_DEADLINE_SECONDS, TimeUnit.SECONDS), readyLines.get(i));
                assertEquals(0, processes.get(i).exitValue(), Files.readString(logs.get(i)));
            }
            assertTrue(Files.readString(logs.get(1), StandardCharsets.UTF_8).contains("checks: OK"),
                Files.readString(logs.get(1), StandardCharsets.UTF_8));
            processes.get(0).destroy();
            assertTrue(processes.get(0).waitFor(RUN_DEADLINE_SECONDS, TimeUnit.SECONDS), "driver still running");
            assertEquals(List.of("report.txt"), List.of(runDirectory.toFile().list()), "left behind by the sink");
            assertEquals(0, new ProcessBuilder(printed.get(printed.size() - 1).split(" ")).inheritIO().start()
                .waitFor());
            assertFalse(Files.exists(runDirectory), "the printed rm removes the run directory");
        }
        finally
        {
            processes.forEach(Process::destroyForcibly);
            LauncherProcess.deleteRecursively(runDirectory);
        }

        final RunResult expected = new MonolithPipeline(PipelineSettings.defaults(), RejectSink.NONE)
            .run(new EventGenerator(SEED, USERS, EVENTS));
        assertEquals(expected.results().toJsonLines(), Files.readString(results, StandardCharsets.UTF_8));
    }

    /**
     * The launcher reads the stages' counters for its progress line with plain java.nio: its own JVM runs without
     * Agrona's --add-opens flags, as a user starts it.
     */
    @Test
    @Timeout(180)
    void shouldPrintProgressFromTheStagesCountersWithoutAgronaFlags() throws Exception
    {
        final LauncherProcess launcher = run(List.of("--events", "300000", "--progress-s", "0.05"));

        assertCompleted(launcher, 300_000);
        final List<String> progress = launcher.stdout().lines().filter((line) -> line.startsWith("progress: "))
            .toList();
        assertFalse(progress.isEmpty(), launcher.output());
        assertTrue(progress.stream().allMatch((line) -> line.contains(" lines read of 0.30 M (")), progress.toString());
    }

    /**
     * Every idle strategy but the default, which every other run uses.
     */
    @ParameterizedTest
    @ValueSource(strings = { "yielding", "sleeping", "busy-spin", "no-op" })
    void shouldCompleteRunWithEveryDocumentedIdleStrategy(final String idleStrategy) throws Exception
    {
        final LauncherProcess launcher = run(List.of("--idle-strategy", idleStrategy, "--events", "2000"));

        assertCompleted(launcher, 2000);
    }

    @Test
    void shouldRunOnMediaDriverGivenWithAeronDirAndLeaveItRunning() throws Exception
    {
        final Path aeronDir = Path.of("/dev/shm", "eventpipe-test-driver-" + ProcessHandle.current().pid() + "-" +
            System.nanoTime());
        try (JavaProcess driver = JavaProcess.startMediaDriver(aeronDir, workDir.resolve("driver.log"),
            RUN_DEADLINE_SECONDS))
        {
            final LauncherProcess launcher = run(List.of("--aeron-dir", aeronDir.toString(), "--events",
                Integer.toString(EVENTS)));

            assertCompleted(launcher, EVENTS);
            assertTrue(launcher.stdout().contains("media driver already running at " + aeronDir), launcher.output());
            assertTrue(driver.process().isAlive(), "the launcher stopped a driver it did not start");
            assertTrue(Files.isDirectory(aeronDir), "the launcher removed a driver directory it did not make");
            assertEquals(List.of(), LauncherProcess.processesMentioning(launcher.runDirectory()), launcher.output());

            assertTrue(driver.stop(), "driver did not stop on SIGTERM\n" + driver.output());
        }
        assertFalse(Files.exists(aeronDir), "driver directory left behind: " + aeronDir);
    }

    @Test
    void shouldGiveStageJvmOptionToEveryStageOrToNamedStageOnly() throws Exception
    {
        final LauncherProcess launcher = run(List.of("--events", Integer.toString(EVENTS),
            "--stage-jvm-option", "-Xlog:gc:file=" + workDir.resolve("every-%p.log"),
            "--stage-jvm-option", "aggregate:-Xlog:gc:file=" + workDir.resolve("aggregate-%p.log"),
            "--stage-jvm-option", "rules:-D" + MonolithConfiguration.DROP_TYPES_PROP_NAME + "=none",
            "--stage-jvm-option", "parse:-D" + MonolithConfiguration.DROP_TYPES_PROP_NAME + "=click,purchase"));

        assertCompleted(launcher, EVENTS);
        assertEquals(5, filesStartingWith("every-"), "one log per stage process, none for the media driver");
        assertEquals(1, filesStartingWith("aggregate-"), "aggregate only");
        final List<Long> counts = launcher.reportedCounts();
        assertEquals(0L, counts.get(4), "rules got eventpipe.rules.drop=none: nothing filtered\n" + launcher.output());
        assertEquals((long)EVENTS, counts.get(3), launcher.output());
        assertTrue(launcher.stdout().contains("  view "), "views are aggregated\n" + launcher.output());
    }

    @Test
    void shouldSendPartialBatchOnceItHasLingered() throws Exception
    {
        // one input frame per duty cycle: at the end of each, rules' partial batch (about 600 kept of 1,000 events)
        // is older than 1 us and is sent, so rules sends one batch per input batch (20); without linger it would send
        // only full batches and the last one: 12 for the 11,933 kept events, 16 frames with metrics and end of stream
        final LauncherProcess launcher = run(List.of("--events", Integer.toString(EVENTS), "--batch", "1000",
            "--linger-us", "1", "--stage-jvm-option", "-D" + StageConfiguration.FRAME_LIMIT_PROP_NAME + "=1"));

        assertCompleted(launcher, EVENTS);
        assertTrue(launcher.stdout().contains("linger 1 us"), launcher.output());
        assertTrue(launcher.stdout().contains("(batch=1000 linger=1us)"), "the sink got the setting\n" +
            launcher.output());
        final long kept = launcher.reportedCounts().get(3);
        final long inputBatches = EVENTS / 1000;
        final long rulesFramesOut = launcher.stageRow("rules").get(3);
        assertTrue(rulesFramesOut >= inputBatches, "rules sent " + rulesFramesOut + " frames for " + kept +
            " kept events in " + inputBatches + " input batches\n" + launcher.output());
    }

    @Test
    void shouldWriteHistogramWhoseTotalCountIsTheSampledEvents() throws Exception
    {
        final Path histogram = workDir.resolve("latency.hgrm");
        final LauncherProcess launcher = run(List.of("--events", Integer.toString(EVENTS), "--seed",
            Long.toString(SEED), "--users", Integer.toString(USERS), "--histogram", histogram.toString()));

        assertCompleted(launcher, EVENTS);
        final String hgrm = Files.readString(histogram, StandardCharsets.US_ASCII);
        assertTrue(hgrm.lines().findFirst().orElse("").matches(" +Value +Percentile +TotalCount +1/\\(1-Percentile\\)"),
            hgrm);
        final Matcher total = HGRM_TOTAL.matcher(hgrm);
        assertTrue(total.find(), hgrm);
        final long expected = keptEventsOnSampledLines();
        assertNotEquals(0, expected);
        assertEquals(expected, Long.parseLong(total.group(1)), hgrm);
        assertEquals(expected, launcher.reportedSamples(), launcher.output());
    }

    /**
     * The events the aggregate times by default: kept (not {@code view}) events on a line whose number is a multiple
     * of the latency sample interval, counted from the generated lines by their text.
     */
    private static long keptEventsOnSampledLines()
    {
        final EventGenerator generator = new EventGenerator(SEED, USERS, EVENTS);
        long sampled = 0;
        for (long lineNumber = 1; lineNumber <= EVENTS; lineNumber++)
        {
            generator.next();
            final String line = new String(generator.lineBuffer(), 0, generator.lineLength(),
                StandardCharsets.US_ASCII);
            if (lineNumber % MonolithConfiguration.LATENCY_SAMPLE_DEFAULT == 0 && !line.contains("\"type\":\"view\""))
            {
                sampled++;
            }
        }
        return sampled;
    }

    private static void awaitLine(final Process process, final Path log, final String line) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RUN_DEADLINE_SECONDS);
        while (!Files.readString(log, StandardCharsets.UTF_8).contains(line))
        {
            assertTrue(process.isAlive() && System.nanoTime() < deadline, "no '" + line + "'\n" +
                Files.readString(log, StandardCharsets.UTF_8));
            Thread.sleep(20);
        }
    }

    private LauncherProcess run(final List<String> arguments) throws Exception
    {
        final List<String> all = new ArrayList<>(arguments);
        all.addAll(List.of("--timeout-s", Long.toString(RUN_DEADLINE_SECONDS - 30)));
        return LauncherProcess.run(workDir, all, RUN_DEADLINE_SECONDS);
    }

    private static void assertCompleted(final LauncherProcess launcher, final long events) throws Exception
    {
        assertEquals(ExitCodes.OK, launcher.exitValue(), launcher.output());
        assertTrue(launcher.stdout().contains("checks: OK"), launcher.output());
        assertEquals(events, launcher.reportedCounts().get(0), launcher.output());
        assertFalse(Files.exists(launcher.runDirectory()), "run directory left behind: " + launcher.runDirectory());
    }

    private long filesStartingWith(final String prefix) throws Exception
    {
        try (Stream<Path> files = Files.list(workDir))
        {
            return files.filter((file) -> file.getFileName().toString().startsWith(prefix)).count();
        }
    }

    private static void assertWellFormed(final List<String> command, final String mainClass)
    {
        assertTrue(command.get(0).endsWith("/bin/java") && Files.isExecutable(Path.of(command.get(0))),
            command.toString());
        final int classPath = command.indexOf("-cp");
        assertTrue(classPath > 0, command.toString());
        final Path jar = Path.of(command.get(classPath + 1));
        assertTrue(jar.isAbsolute() && Files.isRegularFile(jar), "class path is the jar: " + command);
        assertEquals(mainClass, command.get(classPath + 2), command.toString());
        for (final String option : command.subList(1, classPath))
        {
            assertTrue(option.startsWith("-") || option.startsWith("java.base/"), "JVM option: " + option);
        }
    }

    private static String single(final List<String> command, final String prefix)
    {
        final List<String> found = command.stream().filter((part) -> part.startsWith(prefix)).toList();
        assertEquals(1, found.size(), prefix + " in " + command);
        return found.get(0);
    }
}
