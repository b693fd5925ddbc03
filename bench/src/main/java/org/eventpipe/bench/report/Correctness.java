package org.eventpipe.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The correctness column: every run's aggregates (its results file, byte for byte) and counts must equal those of
 * the monolith's first successful run on the same input and regime, and the run itself must have exited 0 with
 * every check of its summary passed. Anything else is FAILED with what differs.
 */
public final class Correctness
{
    /** The counts compared, as named in the summary. */
    static final String[] COUNTS = { "linesRead", "blank", "accepted", "kept", "filtered", "rejected", "failed" };

    private Correctness()
    {
    }

    /**
     * Give every run its verdict.
     *
     * @param records every run of the session.
     */
    public static void check(final List<RunRecord> records)
    {
        final Map<String, RunRecord> references = new LinkedHashMap<>();
        for (final RunRecord record : records)
        {
            final String key = record.source() + "|" + record.regime();
            if (Row.MONOLITH.equals(record.row().label()) && record.succeeded() && !references.containsKey(key))
            {
                references.put(key, record);
            }
        }
        for (final RunRecord record : records)
        {
            verdict(record, references.get(record.source() + "|" + record.regime()));
        }
    }

    private static void verdict(final RunRecord record, final RunRecord reference)
    {
        if (!record.succeeded())
        {
            final String failedChecks = record.failedChecks();
            record.correctness(false, "FAILED: " + (record.exitStatus() < 0 ? "timed out" :
                "exit " + record.exitStatus()) + (null == record.summary() ? ", no summary" : "") +
                (failedChecks.isEmpty() ? "" : ", " + failedChecks));
            return;
        }
        if (null == reference)
        {
            record.correctness(false, "FAILED: no successful monolith run to compare with");
            return;
        }
        final List<String> differences = new ArrayList<>();
        for (final String count : COUNTS)
        {
            if (record.count(count) != reference.count(count))
            {
                differences.add(count + " " + record.count(count) + " != monolith's " + reference.count(count));
            }
        }
        if (!sameBytes(record, reference))
        {
            differences.add("aggregates differ from the monolith's");
        }
        record.correctness(differences.isEmpty(), differences.isEmpty() ? "OK" :
            "FAILED: " + String.join(", ", differences));
    }

    private static boolean sameBytes(final RunRecord record, final RunRecord reference)
    {
        try
        {
            return Files.isRegularFile(record.resultsFile()) && Files.isRegularFile(reference.resultsFile()) &&
                -1 == Files.mismatch(record.resultsFile(), reference.resultsFile());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
