package org.eventpipe.aeron;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The media driver process the launcher starts: ready line once up, and on SIGTERM it stops and removes its
 * directory, so the launcher never has to kill it.
 */
final class MediaDriverMainTest
{
    private static final long DEADLINE_SECONDS = 15;

    /** A JVM ended by SIGTERM after its shutdown hooks ran exits with 128 + 15; the launcher reads it that way. */
    private static final int SIGTERM_EXIT_STATUS = 143;

    @TempDir
    Path workDir;

    private Process driver;

    @AfterEach
    void killLeftover()
    {
        if (null != driver)
        {
            driver.destroyForcibly();
        }
    }

    @Test
    @Timeout(3 * DEADLINE_SECONDS)
    void shouldExitAndDeleteItsDirectoryOnSigterm() throws Exception
    {
        final Path aeronDir = Path.of("/dev/shm", "eventpipe-driver-test-" + ProcessHandle.current().pid() + "-" +
            System.nanoTime());
        final Path log = workDir.resolve("driver.log");
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(AeronConfiguration.JVM_FLAGS));
        command.add("-D" + AeronConfiguration.AERON_DIR_PROP_NAME + "=" + aeronDir);
        command.add("-cp");
        command.add(System.getProperty(LauncherProcess.JAR_PROP_NAME));
        command.add(MediaDriverMain.class.getName());
        driver = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();

        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (!Files.readString(log, StandardCharsets.UTF_8).contains(AeronConfiguration.DRIVER_READY_LINE))
        {
            assertTrue(driver.isAlive(), Files.readString(log, StandardCharsets.UTF_8));
            assertTrue(System.nanoTime() < deadline, "driver not ready: " + Files.readString(log));
            Thread.sleep(20);
        }
        assertTrue(Files.isDirectory(aeronDir));

        driver.destroy();

        assertTrue(driver.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS),
            "driver still running after SIGTERM: " + Files.readString(log, StandardCharsets.UTF_8));
        final String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(SIGTERM_EXIT_STATUS, driver.exitValue(), output);
        assertFalse(output.contains("Exception"), output);
        assertFalse(Files.exists(aeronDir), "driver directory left behind: " + aeronDir);
    }

    @Test
    @Timeout(3 * DEADLINE_SECONDS)
    void shouldPrintUsageAndStartNoDriverOnHelp() throws Exception
    {
        final Path aeronDir = Path.of("/dev/shm", "eventpipe-driver-help-" + ProcessHandle.current().pid() + "-" +
            System.nanoTime());
        final Path log = workDir.resolve("help.log");
        driver = startDriver(aeronDir, log, "--help");

        assertTrue(driver.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS), "--help did not exit");
        final String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, driver.exitValue(), output);
        assertTrue(output.startsWith("usage: "), output);
        assertFalse(output.contains(AeronConfiguration.DRIVER_READY_LINE), output);
        assertFalse(Files.exists(aeronDir), "--help started a driver on " + aeronDir);
    }

    @Test
    @Timeout(3 * DEADLINE_SECONDS)
    void shouldRejectAnArgumentWithOneLineAndExit2() throws Exception
    {
        final Path aeronDir = Path.of("/dev/shm", "eventpipe-driver-bad-" + ProcessHandle.current().pid() + "-" +
            System.nanoTime());
        final Path log = workDir.resolve("bad.log");
        driver = startDriver(aeronDir, log, "--aeron-dir");

        assertTrue(driver.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS), "a bad argument did not exit");
        final String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(2, driver.exitValue(), output);
        assertEquals(1, output.lines().count(), output);
        assertTrue(output.contains("'--aeron-dir'"), output);
        assertFalse(Files.exists(aeronDir), "a bad argument started a driver on " + aeronDir);
    }

    private static Process startDriver(final Path aeronDir, final Path log, final String argument) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(AeronConfiguration.JVM_FLAGS));
        command.add("-D" + AeronConfiguration.AERON_DIR_PROP_NAME + "=" + aeronDir);
        command.add("-cp");
        command.add(System.getProperty(LauncherProcess.JAR_PROP_NAME));
        command.add(MediaDriverMain.class.getName());
        command.add(argument);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }
}
