package org.eventpipe.aeron;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A class of {@code ipc-aeron.jar} run by hand in its own JVM (a media driver, one stage), with Aeron's JVM flags and
 * its output in a file; closing it sends SIGTERM and, if it has not exited after a grace period, SIGKILL.
 */
final class JavaProcess implements AutoCloseable
{
    private static final long STOP_GRACE_SECONDS = 10;

    private final Process process;
    private final Path log;

    private JavaProcess(final Process process, final Path log)
    {
        this.process = process;
        this.log = log;
    }

    /**
     * Start a main class of the jar under test.
     *
     * @param log        for standard output and error.
     * @param jvmOptions after Aeron's flags, e.g. {@code -Daeron.dir=...}.
     * @param mainClass  to run.
     * @param arguments  of the main class.
     * @return the started process.
     * @throws IOException if it cannot be started.
     */
    static JavaProcess start(
        final Path log, final List<String> jvmOptions, final String mainClass, final List<String> arguments)
        throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(AeronConfiguration.JVM_FLAGS));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty(LauncherProcess.JAR_PROP_NAME));
        command.add(mainClass);
        command.addAll(arguments);
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        return new JavaProcess(process, log);
    }

    /**
     * Start a media driver on a directory and wait until it says it is ready.
     *
     * @param aeronDir        of the driver.
     * @param log             for its output.
     * @param deadlineSeconds to be ready by.
     * @return the running driver.
     * @throws Exception if it exits or is not ready in time.
     */
    static JavaProcess startMediaDriver(final Path aeronDir, final Path log, final long deadlineSeconds)
        throws Exception
    {
        final JavaProcess driver = start(log, List.of("-D" + AeronConfiguration.AERON_DIR_PROP_NAME + "=" + aeronDir),
            MediaDriverMain.class.getName(), List.of());
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(deadlineSeconds);
        while (!driver.output().contains(AeronConfiguration.DRIVER_READY_LINE))
        {
            if (!driver.process.isAlive() || System.nanoTime() > deadline)
            {
                driver.close();
                throw new AssertionError("media driver not ready\n" + driver.output());
            }
            Thread.sleep(20);
        }
        return driver;
    }

    Process process()
    {
        return process;
    }

    /**
     * Wait for the process to exit, killing it if it has not by the deadline.
     *
     * @param deadlineSeconds failure deadline.
     * @return the exit status.
     * @throws Exception if it is still running at the deadline.
     */
    int awaitExit(final long deadlineSeconds) throws Exception
    {
        if (!process.waitFor(deadlineSeconds, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            throw new AssertionError("still running after " + deadlineSeconds + " s\n" + output());
        }
        return process.exitValue();
    }

    String output() throws IOException
    {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /**
     * SIGTERM, then SIGKILL if the process has not exited within the grace period.
     *
     * @return true if it exited after SIGTERM alone.
     * @throws InterruptedException if interrupted.
     */
    boolean stop() throws InterruptedException
    {
        process.destroy();
        if (process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS))
        {
            return true;
        }
        process.destroyForcibly();
        process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
        return false;
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        if (process.isAlive())
        {
            process.destroy();
            try
            {
                if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS))
                {
                    process.destroyForcibly();
                }
            }
            catch (final InterruptedException ex)
            {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
