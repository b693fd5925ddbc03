package org.eventpipe.aeron;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eventpipe.cli.MonolithCommand;
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
 * stage and the edge (README "Back-pressure": {@code NOT_CONNECTED} waits, then fails the stage), and each stage
 * setting given as a system property means what its flag means.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class StageProcessTest
{
    private static final long DEADLINE_SECONDS = 60;
    private static final long CONNECT_TIMEOUT_MS = 1_000;

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
            assertEquals(MonolithCommand.EXIT_FAILED, ingest.awaitExit(DEADLINE_SECONDS), ingest.output());
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
            assertEquals(MonolithCommand.EXIT_FAILED, sink.awaitExit(DEADLINE_SECONDS), sink.output());
            assertTrue(sink.output().contains("stage sink: no upstream stage aggregate connected on edge " +
                "aggregate-sink (") && sink.output().contains(") within " + CONNECT_TIMEOUT_MS + " ms"),
                sink.output());
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
            assertEquals(MonolithCommand.EXIT_USAGE, byFlag.awaitExit(DEADLINE_SECONDS), byFlag.output());
            assertEquals(MonolithCommand.EXIT_USAGE, byProperty.awaitExit(DEADLINE_SECONDS), byProperty.output());
            assertEquals(1, byFlag.output().lines().count(), byFlag.output());
            assertEquals(byFlag.output(), byProperty.output());
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
