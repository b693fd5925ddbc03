package org.eventpipe.aeron;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eventpipe.cli.ExitCodes;
import org.eventpipe.stage.StageConfiguration;
import org.eventpipe.stage.StageMain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One stage started by hand as its own process, as {@code --print-commands} prints it, against a media driver this
 * test starts: with no peer it fails after {@code -Deventpipe.stage.connect.timeout.ms} with a message naming the
 * stage and the edge (README "Back-pressure": {@code NOT_CONNECTED} waits, then fails the stage), also when its
 * receiver dies mid-stream; and each stage setting given as a system property means what its flag means.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class StageProcessTest
{
    private static final long DEADLINE_SECONDS = 60;
    private static final long CONNECT_TIMEOUT_MS = 1_000;

    /**
     * The mid-stream run starts six JVMs one after another, each stage waiting for its neighbours within the connect
     * timeout: on a loaded 2-core machine a JVM can take seconds to start, so this timeout must not be short.
     */
    private static final long MID_STREAM_CONNECT_TIMEOUT_MS = 10_000;

    @TempDir
    static Path workDir;

    private static Path aeronDir;
    private static JavaProcess driver;

    @BeforeAll
    static void startMediaDriver() throws Exception
    {
        aeronDir = Path.of("/dev/shm", "eventpipe-test-stage-" + ProcessHandle.current().pid() + "-" +
            System.nanoTime());
        driver = JavaProcess.startMediaDriver(aeronDir, workDir.resolve("driver.log"), DEADLINE_SECONDS);
    }

    @AfterAll
    static void stopMediaDriver() throws Exception
    {
        if (null != driver)
        {
            assertTrue(driver.stop(), "driver did not stop on SIGTERM\n" + driver.output());
            assertFalse(Files.exists(aeronDir), "driver directory left behind: " + aeronDir);
        }
    }

    @Test
    void shouldFailSendingStageNamingItsEdgeWhenNoReceiverConnectsInTime() throws Exception
    {
        try (JavaProcess ingest = startStage("ingest", List.of("--events", "1000")))
        {
            assertEquals(ExitCodes.FAILED, ingest.awaitExit(DEADLINE_SECONDS), ingest.output());
            assertTrue(ingest.output().contains("stage ingest: no receiver connected on edge ingest-parse (") &&
                ingest.output().contains(") within " + CONNECT_TIMEOUT_MS + " ms"), ingest.output());
            assertFalse(ingest.output().contains(StageMain.READY_LINE), ingest.output());
        }
    }

    @Test
    void shouldFailReceivingStageNamingItsEdgeWhenNoSenderConnectsInTime() throws Exception
    {
        try (JavaProcess sink = startStage("sink", List.of()))
        {
            assertEquals(ExitCodes.FAILED, sink.awaitExit(DEADLINE_SECONDS), sink.output());
            assertTrue(sink.output().contains("stage sink: no upstream stage aggregate connected on edge " +
                "aggregate-sink (") && sink.output().contains(") within " + CONNECT_TIMEOUT_MS + " ms"),
                sink.output());
        }
    }

    /**
     * Mid-stream: the pipeline started by hand from {@code --print-commands}, aggregate killed with SIGKILL. Once the
     * driver has dropped aggregate's client (its liveness timeout, shortened here to 2 s), rules' sends return
     * {@code NOT_CONNECTED}; rules waits its connect timeout and fails naming itself and the edge, and the sink fails
     * naming the upstream that went away.
     */
    @Test
    void shouldFailSenderNamingItsEdgeWhenReceiverDiesMidStream() throws Exception
    {
        final LauncherProcess printed = LauncherProcess.run(workDir, List.of("--print-commands", "--batch", "100",
            "--events", "500000000", "--stage-jvm-option",
            "-D" + StageConfiguration.CONNECT_TIMEOUT_MS_PROP_NAME + "=" + MID_STREAM_CONNECT_TIMEOUT_MS),
            DEADLINE_SECONDS);
        assertEquals(ExitCodes.OK, printed.exitValue(), printed.output());
        final List<List<String>> commands = new ArrayList<>();
        printed.stdout().lines().filter((line) -> !line.startsWith("#") && !line.startsWith("mkdir ") &&
            !line.startsWith("rm ")).forEach((line) -> commands.add(new ArrayList<>(List.of(line.split(" ")))));
        commands.get(0).add(1, "-Daeron.client.liveness.timeout=" + TimeUnit.SECONDS.toNanos(2));
        final String aeronDirOption = commands.get(0).stream()
            .filter((part) -> part.startsWith("-D" + AeronConfiguration.AERON_DIR_PROP_NAME + "=")).findFirst()
            .orElseThrow();
        final Path runDirectory = Path.of(aeronDirOption.substring(aeronDirOption.indexOf('=') + 1)).getParent();
        final List<String> names = List.of("media-driver", "sink", "aggregate", "rules", "parse", "ingest");

        final List<Process> processes = new ArrayList<>();
        final List<Path> logs = new ArrayList<>();
        try
        {
            for (int i = 0; i < commands.size(); i++)
            {
                final Path log = workDir.resolve("mid-stream-" + names.get(i) + ".log");
                logs.add(log);
                processes.add(new ProcessBuilder(commands.get(i)).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start());
                awaitLine(processes.get(i), log, 0 == i ? AeronConfiguration.DRIVER_READY_LINE :
                    StageMain.READY_LINE + names.get(i));
            }
            final Process aggregate = processes.get(names.indexOf("aggregate"));
            final Process rules = processes.get(names.indexOf("rules"));
            final Process sink = processes.get(names.indexOf("sink"));

            aggregate.destroyForcibly();

            assertTrue(rules.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS), "rules still running");
            final String rulesLog = Files.readString(logs.get(names.indexOf("rules")));
            assertEquals(ExitCodes.FAILED, rules.exitValue(), rulesLog);
            assertTrue(rulesLog.contains("stage rules: no receiver connected on edge rules-aggregate (") &&
                rulesLog.contains(" ms; is the downstream stage running?"), rulesLog);
            assertTrue(sink.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS), "sink still running");
            final String sinkLog = Files.readString(logs.get(names.indexOf("sink")));
            assertEquals(ExitCodes.FAILED, sink.exitValue(), sinkLog);
            assertTrue(sinkLog.contains("stage sink: upstream stage aggregate went away before its end of stream " +
                "on edge aggregate-sink"), sinkLog);
        }
        finally
        {
            for (int i = processes.size() - 1; i >= 0; i--)
            {
                processes.get(i).destroy();
                if (!processes.get(i).waitFor(10, TimeUnit.SECONDS))
                {
                    processes.get(i).destroyForcibly();
                }
            }
            LauncherProcess.deleteRecursively(runDirectory);
        }
    }

    static Stream<Arguments> flagsAndProperties()
    {
        return Stream.of(
            Arguments.of("--idle-strategy", StageConfiguration.IDLE_STRATEGY_PROP_NAME, "lazy"),
            Arguments.of("--batch", StageConfiguration.BATCH_PROP_NAME, "70000"),
            Arguments.of("--linger-us", StageConfiguration.LINGER_US_PROP_NAME, "-1"),
            Arguments.of("--adaptive-max-batch", StageConfiguration.ADAPTIVE_MAX_BATCH_PROP_NAME, "0"));
    }

    @ParameterizedTest(name = "{0} and -D{1}")
    @MethodSource("flagsAndProperties")
    void shouldRefuseBadValueGivenAsFlagOrAsSystemPropertyAlike(
        final String flag, final String property, final String badValue) throws Exception
    {
        try (JavaProcess byFlag = JavaProcess.start(workDir.resolve("flag-" + property + ".log"), List.of(),
            StageMain.class.getName(), List.of("--stage", "ingest", "--transport", "aeron-ipc", flag, badValue));
            JavaProcess byProperty = JavaProcess.start(workDir.resolve("property-" + property + ".log"),
                List.of("-D" + property + "=" + badValue), StageMain.class.getName(),
                List.of("--stage", "ingest", "--transport", "aeron-ipc")))
        {
            assertEquals(ExitCodes.USAGE, byFlag.awaitExit(DEADLINE_SECONDS), byFlag.output());
            assertEquals(ExitCodes.USAGE, byProperty.awaitExit(DEADLINE_SECONDS), byProperty.output());
            assertEquals(1, byFlag.output().lines().count(), byFlag.output());
            assertEquals(byFlag.output(), byProperty.output());
        }
    }

    private static void awaitLine(final Process process, final Path log, final String line) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (!Files.readString(log).contains(line))
        {
            assertTrue(process.isAlive() && System.nanoTime() < deadline, "no '" + line + "'\n" +
                Files.readString(log));
            Thread.sleep(20);
        }
    }

    private static JavaProcess startStage(final String stage, final List<String> arguments) throws Exception
    {
        final List<String> all = new ArrayList<>(List.of("--stage", stage, "--transport", "aeron-ipc"));
        all.addAll(arguments);
        return JavaProcess.start(workDir.resolve(stage + "-" + System.nanoTime() + ".log"),
            List.of("-D" + AeronConfiguration.AERON_DIR_PROP_NAME + "=" + aeronDir,
                "-D" + StageConfiguration.CONNECT_TIMEOUT_MS_PROP_NAME + "=" + CONNECT_TIMEOUT_MS),
            StageMain.class.getName(), all);
    }
}
