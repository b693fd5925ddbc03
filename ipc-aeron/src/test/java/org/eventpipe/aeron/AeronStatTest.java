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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Aeron's own {@code AeronStat}, from the {@code aeron-all.jar} of the project's Aeron version that the build puts
 * beside {@code ipc-aeron.jar}, reads a media driver started as the launcher starts it, with the command the README
 * gives.
 */
final class AeronStatTest
{
    private static final long DEADLINE_SECONDS = 15;

    @TempDir
    Path workDir;

    private Process driver;

    @AfterEach
    void stopDriver() throws InterruptedException
    {
        if (null != driver)
        {
            driver.destroy();
            if (!driver.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS))
            {
                driver.destroyForcibly();
            }
        }
    }

    @Test
    @Timeout(4 * DEADLINE_SECONDS)
    void shouldPrintTheCountersOfARunningMediaDriver() throws Exception
    {
        final Path jar = Path.of(System.getProperty(LauncherProcess.JAR_PROP_NAME));
        final Path aeronAll = jar.resolveSibling("aeron-all.jar");
        assertTrue(Files.isRegularFile(aeronAll), "the build puts aeron-all.jar beside " + jar);
        final Path aeronDir = Path.of("/dev/shm", "eventpipe-stat-test-" + ProcessHandle.current().pid() + "-" +
            System.nanoTime());
        final Path driverLog = workDir.resolve("driver.log");
        final List<String> command = new ArrayList<>();
        command.add(javaCommand());
        command.addAll(List.of(AeronConfiguration.JVM_FLAGS));
        command.add("-D" + AeronConfiguration.AERON_DIR_PROP_NAME + "=" + aeronDir);
        command.add("-cp");
        command.add(jar.toString());
        command.add(MediaDriverMain.class.getName());
        driver = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(driverLog.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (!Files.readString(driverLog, StandardCharsets.UTF_8).contains(AeronConfiguration.DRIVER_READY_LINE))
        {
            assertTrue(driver.isAlive(), Files.readString(driverLog, StandardCharsets.UTF_8));
            assertTrue(System.nanoTime() < deadline, "driver not ready: " + Files.readString(driverLog));
            Thread.sleep(20);
        }

        final Process stat = new ProcessBuilder(javaCommand(), "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-Daeron.dir=" + aeronDir, "-cp", aeronAll.toString(), "io.aeron.samples.AeronStat", "watch=false")
            .redirectErrorStream(true).start();
        final String output = new String(stat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(stat.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS), output);
        assertEquals(0, stat.exitValue(), output);
        assertTrue(output.contains("Bytes sent"), output);
        assertTrue(output.contains("pid " + driver.pid() + ", heartbeat age"), output);
    }

    private static String javaCommand()
    {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
