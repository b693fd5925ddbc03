package org.eventpipe.launch;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.eventpipe.bridge.SupportProcess;
import org.eventpipe.bridge.TransportRun;
import org.eventpipe.cli.UsageException;

/**
 * The hosts of {@code --print-commands --host NAME=STAGE,...}: which stage runs on which host, each host with its own
 * support processes (over aeron-udp its own media driver in its own directory), and the printing of the commands
 * host by host. Every stage is on exactly one host.
 */
final class StageHosts
{
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final Map<String, String> hostByStage = new LinkedHashMap<>();
    private final List<String> hosts = new ArrayList<>();

    private StageHosts()
    {
    }

    /**
     * Read the {@code --host} options.
     *
     * @param specs         each {@code NAME=STAGE[,STAGE...]}.
     * @param printCommands whether {@code --print-commands} was given: {@code --host} needs it.
     * @return the hosts, empty if none was given.
     * @throws UsageException if a host name or stage is not valid, a stage is on two hosts or on none, or
     *                        {@code --print-commands} is missing.
     */
    static StageHosts parse(final List<String> specs, final boolean printCommands)
    {
        final StageHosts stageHosts = new StageHosts();
        if (specs.isEmpty())
        {
            return stageHosts;
        }
        if (!printCommands)
        {
            throw new UsageException("--host works with --print-commands only: the launcher starts every process on " +
                "its own host");
        }
        final List<String> stages = SplitPipelineCommand.START_ORDER;
        for (final String spec : specs)
        {
            final int equals = spec.indexOf('=');
            final String host = equals < 0 ? "" : spec.substring(0, equals);
            if (!HOST_NAME.matcher(host).matches() || equals == spec.length() - 1)
            {
                throw new UsageException("--host: expected NAME=STAGE[,STAGE...] with NAME of letters, digits, " +
                    "'.', '_', '-', got '" + spec + "'");
            }
            if (stageHosts.hosts.contains(host))
            {
                throw new UsageException("--host: host " + host + " is given twice");
            }
            stageHosts.hosts.add(host);
            for (final String stage : spec.substring(equals + 1).split(",", -1))
            {
                if (!stages.contains(stage))
                {
                    throw new UsageException("--host " + spec + ": '" + stage + "' is not a stage (" +
                        String.join(", ", stages) + ")");
                }
                final String previous = stageHosts.hostByStage.putIfAbsent(stage, host);
                if (null != previous)
                {
                    throw new UsageException("--host: stage " + stage + " is on two hosts, " + previous + " and " +
                        host);
                }
            }
        }
        final List<String> unplaced = stages.stream().filter((stage) -> !stageHosts.hostByStage.containsKey(stage))
            .toList();
        if (!unplaced.isEmpty())
        {
            throw new UsageException("--host: every stage must be on a host; not placed: " +
                String.join(", ", unplaced));
        }
        return stageHosts;
    }

    /**
     * Whether no {@code --host} was given.
     *
     * @return true if every process is on one host.
     */
    boolean isEmpty()
    {
        return hosts.isEmpty();
    }

    /**
     * Print the commands host by host: the run directory to make on every host, each host's support processes, the
     * stages in the start order, each marked with its host, and what to remove on every host afterwards.
     *
     * @param out       where to print.
     * @param transport name of the transport.
     * @param run       the prepared run.
     * @param runDir    the run directory, the same path on every host.
     * @param report    the sink's report file.
     * @param commands  builds the stage commands.
     * @throws UsageException if the transport cannot spread its stages over hosts.
     */
    void printCommands(final PrintStream out, final String transport, final TransportRun run, final Path runDir,
        final Path report, final StageCommands commands)
    {
        final Map<String, TransportRun> runByHost = new LinkedHashMap<>();
        for (final String host : hosts)
        {
            final TransportRun hostRun = run.onHost(host);
            if (null == hostRun)
            {
                throw new UsageException("--host: transport " + transport + " runs every stage on one host; " +
                    "use --transport aeron-udp");
            }
            runByHost.put(host, hostRun);
        }
        out.println("# eventpipe split pipeline over " + transport + " on " + hosts.size() + " hosts (" +
            String.join(", ", hosts) + "), printed to be started by hand: nothing was started.");
        out.println("# Each command is marked with its host ('# NAME on host HOST'). Run each in its own shell on " +
            "its host, in this order (media drivers, then receivers before their senders), from any directory.");
        out.println("# The run directory holds the stages' counters, the sink's report and each host's media " +
            "driver directory; make it first on every host:");
        out.println("mkdir -m 700 -p " + runDir);
        for (final Map.Entry<String, TransportRun> hostRun : runByHost.entrySet())
        {
            for (final SupportProcess support : hostRun.getValue().supportProcesses())
            {
                out.println("# " + support.name() + " on host " + hostRun.getKey() + " (support process)");
                out.println(commandLine(support.name(), StageCommands.support(support, runDir)));
            }
        }
        for (final String stage : SplitPipelineCommand.START_ORDER)
        {
            final String host = hostByStage.get(stage);
            out.println("# " + stage + " on host " + host +
                ("sink".equals(stage) ? ": its report goes to " + report : ""));
            out.println(commandLine(stage, commands.stage(stage, runByHost.get(host), report)));
        }
        out.println("# The sink prints the report and every stage exits once the run is done (stop a support " +
            "process with Ctrl-C). Afterwards remove what the run left, on every host:");
        final List<String> leftBehind = new ArrayList<>();
        leftBehind.add(runDir.toString());
        run.madeOutsideRunDirectory().forEach((path) -> leftBehind.add(path.toString()));
        out.println("rm -rf " + String.join(" ", leftBehind));
    }

    private static String commandLine(final String name, final List<String> command)
    {
        return new StageProcess(name, command, Path.of(name + ".log"), false).commandLine();
    }
}
