package org.eventpipe.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The machine and the software a report was measured on, for the report's header: CPU model, cores, memory,
 * kernel, JVM and its flags, the commit, the exact command and the date.
 */
public final class Environment
{
    private Environment()
    {
    }

    /**
     * Describe the environment.
     *
     * @param repository the repository root, for the commit.
     * @param command    the command as the user typed it.
     * @param childFlags what JVM flags the rows' processes get.
     * @return name to value, in display order.
     */
    public static Map<String, String> describe(final Path repository, final String command, final String childFlags)
    {
        final Map<String, String> environment = new LinkedHashMap<>();
        environment.put("date", DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
            Instant.now().atOffset(ZoneOffset.UTC).withNano(0)) + " UTC");
        environment.put("command", command);
        environment.put("commit", commit(repository));
        environment.put("CPU", firstValue(Path.of("/proc/cpuinfo"), "model name", System.getProperty("os.arch")));
        environment.put("cores", Runtime.getRuntime().availableProcessors() + " available to the JVM");
        environment.put("memory", memory(firstValue(Path.of("/proc/meminfo"), "MemTotal", "unknown")));
        environment.put("kernel", System.getProperty("os.name") + " " + readFirstLine(
            Path.of("/proc/sys/kernel/osrelease"), System.getProperty("os.version")));
        environment.put("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") +
            " (" + System.getProperty("java.vendor") + ")");
        final List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments();
        environment.put("JVM flags (report)", flags.isEmpty() ? "none" : String.join(" ", flags));
        environment.put("JVM flags (rows)", childFlags);
        environment.put("load average at start", loadAverage());
        return environment;
    }

    /**
     * The load average, to show how busy the machine was.
     *
     * @return the first three fields of {@code /proc/loadavg}, or {@code unknown}.
     */
    public static String loadAverage()
    {
        final String line = readFirstLine(Path.of("/proc/loadavg"), "unknown");
        final String[] fields = line.split("\\s+");
        return fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : line;
    }

    private static String memory(final String memTotal)
    {
        final String[] fields = memTotal.split("\\s+");
        if (2 == fields.length && "kB".equals(fields[1]) && fields[0].matches("[0-9]+"))
        {
            return String.format(java.util.Locale.ROOT, "%.1f GiB", Long.parseLong(fields[0]) / (1024.0 * 1024.0));
        }
        return memTotal;
    }

    private static String commit(final Path repository)
    {
        final String head = git(repository, "rev-parse", "HEAD");
        if (null == head)
        {
            return "unknown (not a git checkout)";
        }
        final String status = git(repository, "status", "--porcelain", "--untracked-files=no");
        return head + (null != status && !status.isBlank() ? " with local changes" : "");
    }

    private static String git(final Path repository, final String... args)
    {
        try
        {
            final List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repository.toString()));
            command.addAll(List.of(args));
            final Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            process.getOutputStream().close();
            final byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS) || 0 != process.exitValue())
            {
                process.destroyForcibly();
                return null;
            }
            return new String(output, StandardCharsets.UTF_8).trim();
        }
        catch (final IOException ex)
        {
            return null;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String firstValue(final Path file, final String key, final String otherwise)
    {
        try
        {
            for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8))
            {
                if (line.startsWith(key))
                {
                    final int colon = line.indexOf(':');
                    return colon < 0 ? line.trim() : line.substring(colon + 1).trim();
                }
            }
        }
        catch (final IOException ex)
        {
            // not Linux: fall through
        }
        return otherwise;
    }

    private static String readFirstLine(final Path file, final String otherwise)
    {
        try
        {
            final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.isEmpty() ? otherwise : lines.get(0).trim();
        }
        catch (final IOException ex)
        {
            return otherwise;
        }
    }
}
