package org.eventpipe.aeron;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eventpipe.cli.ExitCodes;
import org.eventpipe.launch.SplitPipelineCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --print-commands --host NAME=STAGE,...}: one media driver per host, each in its own directory, every stage on
 * its host's driver with the same endpoints, and the usage errors of a placement that is not one host per stage.
 */
final class SplitPipelineHostsTest
{
    private static final Pattern PROCESS_COMMENT = Pattern.compile("^# ([a-z-]+) on host ([A-Za-z0-9_.-]+).*$");
    private static final Pattern AERON_DIR = Pattern.compile(" -Daeron\\.dir=(\\S+) ");
    private static final Pattern ENDPOINTS = Pattern.compile(" -Deventpipe\\.aeron\\.endpoint\\.\\S+");
    private static final List<String> ENDPOINT_ARGUMENTS = List.of(
        "--endpoint", "ingest-parse=127.0.0.1:20121", "--endpoint", "parse-rules=127.0.0.2:20122",
        "--endpoint", "rules-aggregate=127.0.0.2:20123", "--endpoint", "aggregate-sink=127.0.0.2:20124");

    @TempDir
    Path workDir;

    @Test
    void shouldPrintOneMediaDriverPerHostAndRunEveryStageOnItsHostsDriver() throws IOException
    {
        final List<String> args = new ArrayList<>(List.of("--print-commands", "--transport", "aeron-udp",
            "--events", "1000", "--run-dir-base", workDir.resolve("runs").toString(),
            "--host", "A=ingest,parse", "--host", "B=rules,aggregate,sink"));
        args.addAll(ENDPOINT_ARGUMENTS);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        final int exit = SplitPipelineCommand.execute(args.toArray(new String[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        final String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCodes.OK, exit, err.toString(StandardCharsets.UTF_8));
        final List<String> order = new ArrayList<>();
        final Map<String, String> driverDirByHost = new LinkedHashMap<>();
        final Map<String, String> stageDir = new LinkedHashMap<>();
        final Map<String, String> stageHost = new LinkedHashMap<>();
        final List<String> endpointSets = new ArrayList<>();
        final List<String> lines = printed.lines().toList();
        for (int i = 0; i < lines.size(); i++)
        {
            final Matcher comment = PROCESS_COMMENT.matcher(lines.get(i));
            if (comment.matches())
            {
                final String name = comment.group(1);
                final String command = lines.get(++i);
                final Matcher dir = AERON_DIR.matcher(command);
                assertTrue(dir.find(), command);
                order.add(name);
                if ("media-driver".equals(name))
                {
                    driverDirByHost.put(comment.group(2), dir.group(1));
                }
                else
                {
                    stageDir.put(name, dir.group(1));
                    stageHost.put(name, comment.group(2));
                    endpointSets.add(String.join("", ENDPOINTS.matcher(command).results().map(MatchResult::group)
                        .toList()));
                }
            }
        }
        assertEquals(List.of("media-driver", "media-driver", "sink", "aggregate", "rules", "parse", "ingest"), order,
            printed);
        assertEquals(List.of("A", "B"), List.copyOf(driverDirByHost.keySet()), printed);
        assertNotEquals(driverDirByHost.get("A"), driverDirByHost.get("B"), printed);
        assertEquals(Map.of("ingest", "A", "parse", "A", "rules", "B", "aggregate", "B", "sink", "B"), stageHost);
        for (final Map.Entry<String, String> stage : stageHost.entrySet())
        {
            assertEquals(driverDirByHost.get(stage.getValue()), stageDir.get(stage.getKey()), stage.getKey());
        }
        assertEquals(1, endpointSets.stream().distinct().count(), "every stage gets the same endpoints: " +
            endpointSets);
        assertTrue(endpointSets.get(0).contains("parse-rules=127.0.0.2:20122"), endpointSets.get(0));
        final Matcher mkdir = Pattern.compile("(?m)^mkdir -m 700 -p (\\S+)$").matcher(printed);
        assertTrue(mkdir.find(), printed);
        assertTrue(driverDirByHost.get("A").startsWith(mkdir.group(1) + "/"), "driver directory in the run directory");
        assertTrue(printed.contains("\nrm -rf " + mkdir.group(1) + "\n"), printed);
        assertTrue(isEmpty(workDir.resolve("runs")), "nothing was left: printing starts and keeps nothing");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--host A=ingest,parse --host B=rules,aggregate|not placed: sink",
        "--host A=ingest,parse,rules --host B=rules,aggregate,sink|stage rules is on two hosts, A and B",
        "--host A=ingest,parse --host A=rules,aggregate,sink|host A is given twice",
        "--host A=ingest,parse,teleport --host B=rules,aggregate,sink|'teleport' is not a stage",
        "--host A/1=ingest,parse --host B=rules,aggregate,sink|expected NAME=STAGE",
        "--host A= --host B=ingest,parse,rules,aggregate,sink|expected NAME=STAGE",
        "--transport aeron-ipc --host A=ingest,parse --host B=rules,aggregate,sink|use --transport aeron-udp",
    })
    void shouldRefuseAPlacementThatIsNotOneHostPerStage(final String arguments, final String expected)
        throws IOException
    {
        final List<String> args = new ArrayList<>(List.of("--print-commands"));
        if (!arguments.contains("--transport"))
        {
            args.addAll(List.of("--transport", "aeron-udp"));
        }
        args.addAll(List.of(arguments.split(" ")));
        args.addAll(List.of("--run-dir-base", workDir.resolve("runs").toString(), "--events", "10"));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        final int exit = SplitPipelineCommand.execute(args.toArray(new String[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        final String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCodes.USAGE, exit, message);
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains(expected), message);
        assertTrue(isEmpty(workDir.resolve("runs")), "a run directory was left after the usage error");
    }

    @Test
    void shouldRefuseHostsWithoutPrintCommands() throws IOException
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        final int exit = SplitPipelineCommand.execute(new String[]{ "--transport", "aeron-udp", "--events", "10",
            "--run-dir-base", workDir.resolve("runs").toString(), "--host", "A=ingest,parse,rules,aggregate,sink" },
            new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

        final String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCodes.USAGE, exit, message);
        assertTrue(message.contains("--host works with --print-commands only"), message);
        assertTrue(isEmpty(workDir.resolve("runs")), "a run directory was left after the usage error");
    }

    private static boolean isEmpty(final Path directory) throws IOException
    {
        if (!Files.exists(directory))
        {
            return true;
        }
        try (Stream<Path> entries = Files.list(directory))
        {
            return entries.findAny().isEmpty();
        }
    }
}
