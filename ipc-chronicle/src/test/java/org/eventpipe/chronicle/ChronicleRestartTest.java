package org.eventpipe.chronicle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eventpipe.bridge.Edge;
import org.eventpipe.recovery.StageCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Restart without loss, one stage at a time: a chronicle run with {@code --restart-on-failure} reads a paced input
 * (a named pipe the test writes, see {@link PacedInput}) with bad lines of every kind. The test writes the first part,
 * waits until the checkpoint on the victim's output queue shows that it has sent frames, SIGKILLs it, waits until the
 * launcher has restarted it and the new process has said where it resumes, and only then writes the rest. So the
 * kill lands mid-stream on any machine, and the test asserts it from what the restarted stage logs: it had sent some
 * of its output but not all. The run must then end with the results, the rejects file and the counts of an
 * undisturbed run ({@link SplitRuns.Reference}), and the sink's checks (sequence numbers without a gap, frame and
 * event counts of every edge, every line accounted for) must pass.
 * <p>
 * Parse and rules resume at their checkpoint, the aggregate replays its input, ingest skips the lines its
 * checkpoint says were sent (so the test writes the input again from the start), and the sink, which has no output
 * queue, starts again and reads its whole input queue again.
 */
final class ChronicleRestartTest
{
    private static final long EVENTS = 12_000;
    private static final Pattern EVENTS_SENT = Pattern.compile("\\((\\d+) frames / (\\d+) events sent\\)");
    private static final Pattern FRAMES_UP_TO = Pattern.compile("frames up to (-?\\d+) on aggregate-sink");
    private static final Pattern LINES_SKIPPED = Pattern.compile("skipped the (\\d+) lines already sent");

    @TempDir
    Path directory;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldLoseAndDuplicateNothingWhenParseIsKilledMidStream() throws Exception
    {
        final Killed killed = runAndKill("parse", Edge.PARSE_TO_RULES,
            (checkpoint) -> checkpoint.outputEventsSent() > 0, "stage parse restarted: resuming at input frame");

        final long sent = group(EVENTS_SENT, killed.resumedLine, 2);
        assertTrue(sent > 0 && sent < killed.reference.eventsAfterParse(), killed.resumedLine);
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldLoseAndDuplicateNothingWhenRulesIsKilledMidStream() throws Exception
    {
        final Killed killed = runAndKill("rules", Edge.RULES_TO_AGGREGATE,
            (checkpoint) -> checkpoint.outputEventsSent() > 0, "stage rules restarted: resuming at input frame");

        final long sent = group(EVENTS_SENT, killed.resumedLine, 2);
        assertTrue(sent > 0 && sent < killed.reference.keptAndRejected(),
            killed.resumedLine);
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldLoseAndDuplicateNothingWhenAggregateIsKilledMidStream() throws Exception
    {
        final Killed killed = runAndKill("aggregate", Edge.AGGREGATE_TO_SINK,
            (checkpoint) -> checkpoint.outputFramesSent() > 0, "stage aggregate restarted: replaying");

        // the aggregate had forwarded reject frames, but not its results, which it sends only at the end
        assertTrue(group(FRAMES_UP_TO, killed.resumedLine, 1) >= 0, killed.resumedLine);
        assertFalse(killed.resumedLine.contains("end of stream"), killed.resumedLine);
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldResumeIngestAfterTheLinesItHadSentWhenKilledMidStream() throws Exception
    {
        final Killed killed = runAndKill("ingest", Edge.INGEST_TO_PARSE,
            (checkpoint) -> checkpoint.counter(0) > 0, "stage ingest restarted: skipped the");

        final long skipped = group(LINES_SKIPPED, killed.resumedLine, 1);
        assertTrue(skipped > 0 && skipped <= killed.linesWrittenBeforeKill, killed.resumedLine);
        assertTrue(skipped < killed.reference.linesRead(), killed.resumedLine);
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldReadItsWholeInputAgainWhenTheSinkIsKilledMidStream() throws Exception
    {
        final Killed killed = runAndKill("sink", Edge.AGGREGATE_TO_SINK,
            (checkpoint) -> checkpoint.outputFramesSent() > 0, "eventpipe stage ready: sink");

        assertTrue(killed.resumedLine.startsWith("eventpipe stage ready: sink"), killed.resumedLine);
    }

    private Killed runAndKill(
        final String victim, final Edge watched, final Predicate<StageCheckpoint> underWay, final String resumedPrefix)
        throws Exception
    {
        final byte[] input = SplitRuns.hostileInput(EVENTS);
        final Path inputFile = Files.write(directory.resolve("input.ndjson"), input);
        final SplitRuns.Reference reference = SplitRuns.Reference.of(inputFile);
        final int firstPart = SplitRuns.lineBoundary(input, input.length * 2 / 5);
        final long firstPartLines = SplitRuns.lines(input, firstPart);
        final Path output = directory.resolve("split.out");
        final Path results = directory.resolve("results.jsonl");
        final Path rejects = directory.resolve("rejects.txt");
        final boolean ingest = "ingest".equals(victim);

        Path queues = null;
        final String resumedLine;
        final int exit;
        Process launcher = null;
        try (PacedInput paced = PacedInput.create(directory.resolve("input.fifo")))
        {
            launcher = SplitRuns.start(output, "--transport", "chronicle", "--restart-on-failure",
                "--input", paced.path().toString(), "--results", results.toString(), "--rejects", rejects.toString(),
                "--stage-jvm-option=-Deventpipe.chronicle.warm.up.frames=0",
                "--stage-jvm-option=-XX:TieredStopAtLevel=1");
            final Path runDirectory = SplitRuns.runDirectory(output, 60_000);
            queues = SplitRuns.queueDirectory(runDirectory);
            SplitRuns.awaitContains(runDirectory.resolve("ingest.log"), SplitRuns.READY + "ingest", 90_000);
            paced.write(input, 0, firstPart);

            if (ingest)
            {
                // ingest is killed once it has read the whole first part from the pipe, so the restarted ingest,
                // which skips the lines its checkpoint says were sent, reads the input written again from the start
                paced.awaitDrained(90_000);
            }
            try (EdgeCheckpoints checkpoints = EdgeCheckpoints.open(queues, watched, 30_000))
            {
                checkpoints.await(underWay, "the " + victim + " stage under way", 90_000);
            }
            kill(launcher, victim);
            SplitRuns.awaitContains(output, "stage " + victim + " exited with status 137; restarting it", 30_000);
            paced.awaitWritten(60_000);
            if (ingest)
            {
                // the restarted ingest skips the lines already sent, reading them again, before it logs
                paced.write(input, 0, input.length);
            }
            resumedLine = SplitRuns.awaitLine(runDirectory.resolve(victim + ".log"), resumedPrefix,
                "sink".equals(victim) ? 2 : 1, 90_000);
            if (!ingest)
            {
                paced.write(input, firstPart, input.length);
            }
            paced.awaitWritten(120_000);
            paced.end();
            exit = SplitRuns.await(launcher, 120);
        }
        catch (final Exception | AssertionError ex)
        {
            SplitRuns.stop(launcher);
            throw ex;
        }
        finally
        {
            if (null != queues)
            {
                SplitRuns.deleteTree(queues);
                SplitRuns.deleteTree(Path.of(queues.toString().replace(ChronicleConfiguration.QUEUE_DIR_SUFFIX, "")));
            }
        }

        final String report = SplitRuns.read(output);
        assertEquals(0, exit, report);
        assertTrue(report.contains("stage " + victim + " exited with status 137; restarting it (restart 1 of 3)"),
            report);
        assertTrue(report.contains("checks: OK"), report);
        reference.assertSameAs(results, rejects, report);
        return new Killed(reference, resumedLine, firstPartLines);
    }

    private static long group(final Pattern pattern, final String line, final int group)
    {
        final Matcher matcher = pattern.matcher(line);
        assertTrue(matcher.find(), line);
        return Long.parseLong(matcher.group(group));
    }

    private static void kill(final Process launcher, final String stage)
    {
        final ProcessHandle process = SplitRuns.stage(launcher, stage)
            .orElseThrow(() -> new AssertionError("no " + stage + " stage process"));
        assertTrue(process.destroyForcibly(), "SIGKILL " + stage);
    }

    private static final class Killed
    {
        private final SplitRuns.Reference reference;
        private final String resumedLine;
        private final long linesWrittenBeforeKill;

        Killed(final SplitRuns.Reference reference, final String resumedLine, final long linesWrittenBeforeKill)
        {
            this.reference = reference;
            this.resumedLine = resumedLine;
            this.linesWrittenBeforeKill = linesWrittenBeforeKill;
        }
    }
}
