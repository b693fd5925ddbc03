package org.eventpipe.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process whose standard output and error go to files, never to pipes, so that nothing the child writes can
 * block it and {@link #awaitExit(long)}'s deadline always fires. On a deadline the child and all its descendants are
 * killed.
 */
public final class ChildProcess implements AutoCloseable
{
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ChildProcess(final Process process, final Path stdout, final Path stderr)
    {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Start a command with standard input from {@code /dev/null}.
     *
     * @param workDir     where the output files go.
     * @param command     the command and its arguments.
     * @param environment changes to the inherited environment: a null value removes the variable.
     * @return the started child.
     * @throws IOException if it cannot be started.
     */
    public static ChildProcess start(final Path workDir, final List<String> command,
        final Map<String, String> environment) throws IOException
    {
        final Path stdout = Files.createTempFile(workDir, "child-", ".out");
        final Path stderr = Files.createTempFile(workDir, "child-", ".err");
        final ProcessBuilder builder = new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        environment.forEach((name, value) ->
        {
            if (null == value)
            {
                builder.environment().remove(name);
            }
            else
            {
                builder.environment().put(name, value);
            }
        });
        return new ChildProcess(builder.start(), stdout, stderr);
    }

    /**
     * The path of this JVM's {@code java} launcher, for starting children on the same JDK.
     *
     * @return the path.
     */
    public static String javaCommand()
    {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The process.
     *
     * @return the process.
     */
    public Process process()
    {
        return process;
    }

    /**
     * Wait for the child to exit; past the deadline kill it and its descendants and fail with its output.
     *
     * @param deadlineSeconds how long to wait.
     * @return the exit status.
     * @throws InterruptedException if interrupted while waiting.
     * @throws IOException          if the output cannot be read for the failure message.
     */
    public int awaitExit(final long deadlineSeconds) throws InterruptedException, IOException
    {
        if (!process.waitFor(deadlineSeconds, TimeUnit.SECONDS))
        {
            close();
            throw new AssertionError("child still running after " + deadlineSeconds + " s\n" + output());
        }
        return process.exitValue();
    }

    /**
     * What the child wrote to its standard output so far.
     *
     * @return the text, UTF-8.
     * @throws IOException if it cannot be read.
     */
    public String stdout() throws IOException
    {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    /**
     * What the child wrote to its standard error so far.
     *
     * @return the text, UTF-8.
     * @throws IOException if it cannot be read.
     */
    public String stderr() throws IOException
    {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    /**
     * Both outputs, labelled, for failure messages.
     *
     * @return the text.
     * @throws IOException if they cannot be read.
     */
    public String output() throws IOException
    {
        return "--- stdout\n" + stdout() + "--- stderr\n" + stderr();
    }

    /**
     * Kill the child and every descendant still running; safe to call when it has exited.
     */
    public void close()
    {
        final List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }
}
