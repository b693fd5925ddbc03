package org.eventpipe.counters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.eventpipe.cli.CommandLines;
import org.eventpipe.cli.ExitCodes;
import org.eventpipe.cli.UsageException;
import org.eventpipe.topology.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code EventpipeStat}: prints the counters of a running split pipeline, one column per stage, as Aeron's
 * {@code AeronStat} prints a media driver's. Reads the {@code <stage>.counters} files that the stages keep in their
 * run directory (see {@link PipelineCounter} for what each counter is and who increments it).
 */
@Command(name = "EventpipeStat", mixinStandardHelpOptions = true,
    description = "Print the counters of a running split pipeline, from its run directory.")
public final class StatCommand implements Callable<Integer>
{
    private static final String RUN_DIRECTORY_PREFIX = "eventpipe-";

    @Parameters(arity = "0..1", paramLabel = "RUN_DIR",
        description = "Run directory of the pipeline (default: the newest eventpipe-* directory under --base).")
    Path runDirectory;

    @Option(names = "--base", paramLabel = "DIR", defaultValue = "/dev/shm",
        description = "Where to look for run directories (default: ${DEFAULT-VALUE}).")
    Path base;

    @Option(names = "--watch", paramLabel = "SECONDS", defaultValue = "0",
        description = "Print again every SECONDS until the pipeline is gone; 0 prints once (default).")
    double watchSeconds;

    private PrintStream out = System.out;

    /**
     * Run the command.
     *
     * @param args see {@code --help}.
     * @param out  standard output.
     * @param err  standard error.
     * @return the exit status.
     */
    public static int execute(final String[] args, final PrintStream out, final PrintStream err)
    {
        final StatCommand command = new StatCommand();
        command.out = out;
        return CommandLines.execute(command, args, out, err);
    }

    /**
     * {@inheritDoc}
     */
    public Integer call() throws Exception
    {
        if (watchSeconds < 0)
        {
            throw new UsageException("--watch must not be negative: " + watchSeconds);
        }
        final Path directory = null != runDirectory ? runDirectory : newestRunDirectory(base);
        if (!Files.isDirectory(directory))
        {
            throw new UsageException("run directory " + directory + " does not exist");
        }
        while (true)
        {
            final List<StageCountersFile> files = open(directory);
            try
            {
                if (files.isEmpty())
                {
                    out.println("no stage counters in " + directory + " (the run has ended, or not started)");
                    return null == runDirectory && watchSeconds > 0 ? ExitCodes.OK : ExitCodes.FAILED;
                }
                print(directory, files, System.currentTimeMillis());
            }
            finally
            {
                files.forEach(StageCountersFile::close);
            }
            if (0 == watchSeconds)
            {
                return ExitCodes.OK;
            }
            Thread.sleep((long)(watchSeconds * 1000));
        }
    }

    private static Path newestRunDirectory(final Path base) throws IOException
    {
        if (!Files.isDirectory(base))
        {
            throw new UsageException("--base: directory " + base + " does not exist");
        }
        try (Stream<Path> entries = Files.list(base))
        {
            return entries
                .filter((path) -> path.getFileName().toString().startsWith(RUN_DIRECTORY_PREFIX))
                .filter(StatCommand::hasCounters)
                .max(Comparator.comparingLong(StatCommand::modifiedMillis))
                .orElseThrow(() -> new UsageException("no run directory with stage counters under " + base +
                    "; name one"));
        }
    }

    private static boolean hasCounters(final Path directory)
    {
        try (Stream<Path> entries = Files.list(directory))
        {
            return entries.anyMatch(StageCountersFile::isCountersFile);
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private static long modifiedMillis(final Path path)
    {
        try
        {
            return Files.getLastModifiedTime(path).toMillis();
        }
        catch (final IOException ex)
        {
            return 0;
        }
    }

    private static List<StageCountersFile> open(final Path directory)
    {
        final List<StageCountersFile> files = new ArrayList<>();
        for (final Topology.Stage stage : Topology.stages())
        {
            final StageCountersFile file = StageCountersFile.open(StageCountersFile.path(directory, stage.name()));
            if (null != file)
            {
                files.add(file);
            }
        }
        return files;
    }

    private void print(final Path directory, final List<StageCountersFile> files, final long nowEpochMs)
    {
        out.println("eventpipe counters in " + directory);
        final StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-30s", "counter"));
        final StringBuilder pids = new StringBuilder(String.format(Locale.ROOT, "%-30s", "pid"));
        for (final StageCountersFile file : files)
        {
            header.append(String.format(Locale.ROOT, " %14s", file.stage()));
            pids.append(String.format(Locale.ROOT, " %14d", file.pid()));
        }
        out.println(header);
        out.println(pids);
        for (final PipelineCounter counter : PipelineCounter.values())
        {
            final StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-30s",
                PipelineCounter.HEARTBEAT == counter ? "heartbeat age (ms)" : counter.label()));
            for (final StageCountersFile file : files)
            {
                final long value = file.value(counter);
                if (PipelineCounter.HEARTBEAT == counter)
                {
                    row.append(String.format(Locale.ROOT, " %14s",
                        0 == value ? "-" : Long.toString(Math.max(0, nowEpochMs - value))));
                }
                else
                {
                    row.append(String.format(Locale.ROOT, " %14d", value));
                }
            }
            out.println(row);
        }
        out.flush();
    }
}
