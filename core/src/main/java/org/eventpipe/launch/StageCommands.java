package org.eventpipe.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eventpipe.bridge.SupportProcess;
import org.eventpipe.bridge.TransportRun;
import org.eventpipe.cli.HandlerOptions;
import org.eventpipe.cli.UsageException;
import org.eventpipe.monolith.MonolithConfiguration;
import org.eventpipe.stage.StageConfiguration;
import org.eventpipe.stage.StageMain;

/**
 * Builds the command line of every process the launcher starts: the stages, from the launcher's options and the
 * prepared transport run, and the transport's support processes. Also the policy of {@code --stage-jvm-option}.
 */
final class StageCommands
{
    private final SplitPipelineCommand options;

    StageCommands(final SplitPipelineCommand options)
    {
        this.options = options;
    }

    /**
     * The command of a support process, e.g. the media driver.
     *
     * @param support as the transport describes it.
     * @param runDir  the run directory, where its JVM's fatal error log goes if it crashes ({@link JvmCrashLog}).
     * @return the command line.
     */
    static List<String> support(final SupportProcess support, final Path runDir)
    {
        final List<String> command = new ArrayList<>();
        command.add(javaCommand());
        command.add(JvmCrashLog.errorFileOption(runDir, support.name()));
        command.addAll(support.jvmArguments());
        command.add("-cp");
        command.add(classPath());
        command.add(support.mainClass());
        command.addAll(support.arguments());
        return command;
    }

    /**
     * Check the {@code --stage-jvm-option}s: each a JVM option, or a stage name, a colon and a JVM option.
     *
     * @param options as given.
     * @throws UsageException naming the first option that is neither.
     */
    static void checkStageJvmOptions(final List<String> options)
    {
        final List<String> stages = SplitPipelineCommand.START_ORDER;
        for (final String option : options)
        {
            final int colon = option.indexOf(':');
            if (!option.startsWith("-") &&
                (colon < 0 || !stages.contains(option.substring(0, colon)) || !option.startsWith("-", colon + 1)))
            {
                throw new UsageException("--stage-jvm-option: expected a JVM option (-...) or STAGE:-... with STAGE " +
                    "one of " + String.join(", ", stages) + ", got '" + option + "'");
            }
        }
    }

    /**
     * The JVM options of one stage process: {@link StageConfiguration#BOUNDS_CHECKS_JVM_OPTION}, the defaults of
     * {@link StageConfiguration#STAGE_JVM_OPTIONS_DEFAULT}
     * (unless an option names a collector), then every option given for all stages or for this one, in order.
     *
     * @param stage   name of the stage.
     * @param options as given to {@code --stage-jvm-option}: {@code OPTION} or {@code STAGE:OPTION}.
     * @return the options for the stage's command line.
     */
    static List<String> stageJvmOptions(final String stage, final List<String> options)
    {
        final List<String> selected = new ArrayList<>();
        boolean collectorNamed = false;
        for (final String option : options)
        {
            final int colon = option.indexOf(':');
            final boolean forAll = option.startsWith("-");
            if (forAll || option.substring(0, colon).equals(stage))
            {
                final String jvmOption = forAll ? option : option.substring(colon + 1);
                collectorNamed |= jvmOption.startsWith("-XX:+Use") && jvmOption.endsWith("GC");
                selected.add(jvmOption);
            }
        }
        if (!collectorNamed)
        {
            selected.addAll(0, StageConfiguration.STAGE_JVM_OPTIONS_DEFAULT);
        }
        selected.add(0, StageConfiguration.BOUNDS_CHECKS_JVM_OPTION);
        return selected;
    }

    /**
     * The command of one stage process.
     *
     * @param stage  name of the stage.
     * @param run    the prepared transport run: its JVM arguments and properties for the stages.
     * @param report the sink's report file, in the run directory, where the stages keep their counters too.
     * @return the command line.
     */
    List<String> stage(final String stage, final TransportRun run, final Path report)
    {
        final List<String> command = new ArrayList<>();
        command.add(javaCommand());
        // before the options given, so that an -XX:ErrorFile of the user's, later on the line, is the one that counts
        command.add(JvmCrashLog.errorFileOption(report.getParent(), stage));
        command.addAll(run.stageJvmArguments());
        command.addAll(stageJvmOptions(stage, options.stageJvmOptions));
        for (final Map.Entry<String, String> property : run.stageProperties().entrySet())
        {
            command.add("-D" + property.getKey() + "=" + property.getValue());
        }
        command.add("-cp");
        command.add(classPath());
        command.add(StageMain.class.getName());
        command.add("--stage");
        command.add(stage);
        command.add("--transport");
        command.add(options.transport);
        command.add("--batch");
        command.add(Integer.toString(options.batch));
        command.add("--linger-us");
        command.add(Long.toString(options.lingerMicros));
        command.add("--idle-strategy");
        command.add(options.idleStrategy);
        command.add("--counters-dir");
        command.add(report.getParent().toString());
        final HandlerOptions handler = options.handlerOptions;
        command.add("--workload");
        command.add(handler.workloadName());
        // a handler setting the launcher has (as a flag or its system property) that differs from the default goes to
        // every stage; a default is left out, so that a --stage-jvm-option system property still sets a stage's own
        if (MonolithConfiguration.MAX_LINE_LENGTH_DEFAULT != handler.maxLineLength())
        {
            command.add("--max-line-length");
            command.add(Integer.toString(handler.maxLineLength()));
        }
        if (MonolithConfiguration.LATENCY_SAMPLE_DEFAULT != handler.latencySample())
        {
            command.add("--latency-sample");
            command.add(Integer.toString(handler.latencySample()));
        }
        if (!List.of(MonolithConfiguration.DROP_TYPES_DEFAULT).equals(handler.dropTypeNames()))
        {
            command.add("--drop-types");
            command.add(String.join(",", handler.dropTypeNames()));
        }
        if ("ingest".equals(stage))
        {
            if (null != options.input)
            {
                command.add("--input");
                command.add(SplitPipelineCommand.isStandardInput(options.input) ? "-" :
                    options.input.toAbsolutePath().toString());
            }
            else
            {
                command.add("--events");
                command.add(Long.toString(options.events));
                command.add("--seed");
                command.add(Long.toString(options.seed));
                command.add("--users");
                command.add(Integer.toString(options.users));
            }
        }
        if ("sink".equals(stage))
        {
            command.add("--report");
            command.add(report.toString());
            addPath(command, "--results", options.results);
            addPath(command, "--rejects", options.rejects);
            addPath(command, "--histogram", options.histogram);
            addPath(command, "--summary", options.summary);
        }
        if (options.warmupEvents > 0 && ("sink".equals(stage) || "aggregate".equals(stage)))
        {
            command.add("--warmup-events");
            command.add(Long.toString(options.warmupEvents));
        }
        if (options.rate > 0 && ("ingest".equals(stage) || "aggregate".equals(stage) || "sink".equals(stage)))
        {
            command.add("--rate");
            command.add(Long.toString(options.rate));
            command.add("--burst");
            command.add(Integer.toString(options.burst));
        }
        if ("aggregate".equals(stage))
        {
            addPath(command, "--histogram-log", options.histogramLog);
        }
        return command;
    }

    private static void addPath(final List<String> command, final String option, final Path path)
    {
        if (null != path)
        {
            command.add(option);
            command.add(path.toAbsolutePath().toString());
        }
    }

    /**
     * The java command of this JVM.
     *
     * @return its path.
     */
    static String javaCommand()
    {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * This JVM's class path, absolute, for the processes it starts.
     *
     * @return the class path.
     */
    static String classPath()
    {
        final List<String> entries = new ArrayList<>();
        for (final String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        {
            if (!entry.isEmpty())
            {
                entries.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }
}
