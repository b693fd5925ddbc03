package org.eventpipe.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Each system property the README names for a {@code Monolith} flag gives the same setting as the flag: the run's
 * summary (configuration, window, counts, results, latency sampling and pacing) is the same either way, and differs
 * from a run with neither, so the property is seen to take effect.
 */
final class MonolithPropertyTest
{
    private static final String EVENTS = "3000";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} = -D{2}")
    @CsvSource({
        "--events, 2000, eventpipe.events",
        "--seed, 7, eventpipe.seed",
        "--users, 50, eventpipe.users",
        "--workload, work-items, eventpipe.workload",
        "--queue, jdk, eventpipe.monolith.queue",
        "--wait-strategy, sleeping, eventpipe.monolith.wait.strategy",
        "--ring-size, 1024, eventpipe.monolith.ring.size",
        "--ingest-batch, 8, eventpipe.monolith.ingest.batch",
        "--latency-sample, 4, eventpipe.latency.sample",
        "--max-line-length, 60, eventpipe.max.line.length",
        "--drop-types, none, eventpipe.rules.drop",
        "--warmup-events, 1000, eventpipe.warmup.events",
        "--rate, 500000, eventpipe.rate",
        "--burst, 10, eventpipe.burst",
    })
    void shouldGiveTheSameSettingAsTheFlag(final String flag, final String value, final String property)
        throws IOException
    {
        final boolean eventsSet = "--events".equals(flag);
        // a burst means something only at a rate
        final List<String> base = "--burst".equals(flag) ? List.of("--rate", "500000") : List.of();
        final JsonNode neither = setting(run("neither", base, false));
        final List<String> withFlag = new ArrayList<>(base);
        withFlag.addAll(List.of(flag, value));
        final JsonNode byFlag = setting(run("flag", withFlag, eventsSet));
        final JsonNode byProperty;
        System.setProperty(property, value);
        try
        {
            byProperty = setting(run("property", base, eventsSet));
        }
        finally
        {
            System.clearProperty(property);
        }

        assertEquals(byFlag, byProperty, flag + " " + value + " against -D" + property + "=" + value);
        assertNotEquals(neither, byProperty, "-D" + property + " changed nothing");
    }

    private Path run(final String name, final List<String> extra, final boolean eventsSet)
    {
        final Path summary = dir.resolve(name + ".json");
        final List<String> args = new ArrayList<>(List.of("--summary", summary.toString()));
        if (!eventsSet)
        {
            args.addAll(List.of("--events", EVENTS));
        }
        args.addAll(extra);
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exit = MonolithCommand.execute(args.toArray(new String[0]),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(ExitCodes.OK, exit, err.toString(StandardCharsets.UTF_8));
        return summary;
    }

    /**
     * What the flags set, without the timings: configuration, window size, counts, results, latency sampling, pacing.
     */
    private static JsonNode setting(final Path summary) throws IOException
    {
        final JsonNode json = new ObjectMapper().readTree(summary.toFile());
        final ObjectNode setting = new ObjectMapper().createObjectNode();
        setting.set("configuration", json.get("configuration"));
        setting.set("warmupEvents", json.at("/window/warmupEvents"));
        setting.set("events", json.at("/window/events"));
        setting.set("counts", json.get("counts"));
        setting.set("results", json.get("results"));
        setting.set("sampleInterval", json.at("/latency/sampleInterval"));
        setting.set("offeredRate", json.at("/latency/offeredRate"));
        setting.set("burst", json.at("/latency/burst"));
        return setting;
    }
}
