package org.eventpipe.bench.report;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class RateSweepTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Row MONOLITH = new Row(Row.MONOLITH, "monolith", null, 0, List.of());
    private static final Row AERON = new Row("aeron-ipc adaptive", "split", "aeron-ipc", 0, List.of());

    @Test
    void shouldNameTheHighestRateThatPassedWithAMedianP99UnderOneMillisecond() throws Exception
    {
        final List<RateSweep.Run> runs = List.of(
            run(MONOLITH, 10_000, 0, true, 20), run(MONOLITH, 100_000, 0, true, 90),
            run(MONOLITH, 1_000_000, 0, true, 1_500),
            run(AERON, 10_000, 0, true, 400), run(AERON, 100_000, 4, false, 300),
            run(AERON, 1_000_000, 4, false, 90_000));

        final List<String> lines = RateSweep.sustained(runs);

        assertEquals(2, lines.size());
        assertTrue(lines.get(0).startsWith("monolith") && lines.get(0).endsWith(": 100,000 events/s"), lines.get(0));
        assertTrue(lines.get(1).startsWith("aeron-ipc adaptive") && lines.get(1).endsWith(": 10,000 events/s"),
            lines.get(1));
    }

    @Test
    void shouldPrintOneLinePerRunWithTheRatesPercentilesAndVerdict() throws Exception
    {
        final String passed = run(MONOLITH, 100_000, 0, true, 90).line();
        final String failed = run(AERON, 1_000_000, 4, false, 90_000).line();

        assertTrue(passed.contains("offered    100,000") && passed.contains("p99       90.0") &&
            passed.endsWith("PASS"), passed);
        assertTrue(failed.endsWith("FAIL (exit 4)"), failed);
    }

    private static RateSweep.Run run(
        final Row row, final long rate, final int status, final boolean passed, final double p99) throws Exception
    {
        final JsonNode summary = MAPPER.readTree("{\"passed\":" + passed + ",\"latency\":{\"achievedRate\":" + rate +
            ",\"micros\":{\"p50\":" + p99 / 2 + ",\"p99\":" + p99 + ",\"p99.9\":" + p99 * 2 + ",\"max\":" + p99 * 3 +
            "}}}");
        return new RateSweep.Run(row, rate, 1, status, summary);
    }
}
