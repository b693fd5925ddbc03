package org.eventpipe.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child process of the launcher: its command, its log file, and the live process once started.
 */
final class StageProcess
{
    private final String name;
    private final List<String> command;
    private final Path log;
    private final boolean support;
    // read by the launcher's shutdown hook
    private volatile Process process;
    private int restarts;
    private boolean inheritsInput;

    StageProcess(final String name, final List<String> command, final Path log, final boolean support)
    {
        this.name = name;
        this.command = List.copyOf(command);
        this.log = log;
        this.support = support;
    }

    String name()
    {
        return name;
    }

    List<String> command()
    {
        return command;
    }

    boolean isSupport()
    {
        return support;
    }

    Process process()
    {
        return process;
    }

    int restarts()
    {
        return restarts;
    }

    /**
     * Give the process the launcher's standard input, for an ingest that reads {@code --input -}.
     *
     * @return this.
     */
    StageProcess inheritInput()
    {
        inheritsInput = true;
        return this;
    }

    void start() throws IOException
    {
        final ProcessBuilder builder = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(inheritsInput ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE)
            .redirectOutput(0 == restarts && null == process ?
                ProcessBuilder.Redirect.to(log.toFile()) : ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = builder.start();
        if (!inheritsInput)
        {
            process.getOutputStream().close();
        }
    }

    void restart() throws IOException
    {
        restarts++;
        start();
    }

    boolean isAlive()
    {
        return null != process && process.isAlive();
    }

    void stop(final long graceMillis)
    {
        if (null == process || !process.isAlive())
        {
            return;
        }
        process.destroy();
        try
        {
            if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly();
                process.waitFor(graceMillis, TimeUnit.MILLISECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    boolean logContains(final String line)
    {
        try
        {
            return Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(line);
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    List<String> logTail(final int lines)
    {
        try
        {
            final List<String> all = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            return new ArrayList<>(all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (final IOException ex)
        {
            return List.of("(log unreadable: " + ex.getMessage() + ")");
        }
    }

    String commandLine()
    {
        final StringBuilder out = new StringBuilder();
        for (final String part : command)
        {
            if (out.length() > 0)
            {
                out.append(' ');
            }
            out.append(part.isEmpty() || part.matches(".*[\\s'\"$;&|<>*?()].*") ?
                "'" + part.replace("'", "'\\''") + "'" : part);
        }
        return out.toString();
    }
}
