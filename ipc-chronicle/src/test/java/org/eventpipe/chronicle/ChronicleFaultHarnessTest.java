package org.eventpipe.chronicle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fault harness: chronicle runs with {@code --restart-on-failure} over hostile input (bad lines of many kinds,
 * lines over the maximum length and of 1 MiB, CR-only line ends inside a line, blank and whitespace lines), in which
 * parse, rules and aggregate are SIGKILLed at random moments, several times a run, with batch 100 and adaptive
 * batching in turn. Every run must end with the results and rejects files byte for byte those of the monolith on
 * the same input, counts equal to the Jackson oracle's ({@link SplitRuns.Reference}), the sink's checks passed, and a
 * restart for every kill: no event lost, none duplicated.
 * <p>
 * The input is a named pipe written in chunks ({@link PacedInput}); after a randomly chosen chunk is in the pipe the
 * harness waits a random few milliseconds, SIGKILLs a randomly chosen stage (at most three kills a stage a run, the
 * launcher's restart limit) and waits for the launcher to restart it. A stage cannot have finished an input that is
 * not written yet, so every kill lands mid-stream. Everything random comes from one seed, printed with each run, so
 * that a failure is replayed with {@code -Deventpipe.faults.seed=S}.
 * <p>
 * In the suite: {@value #ROUNDS_DEFAULT} rounds (one at batch 100, one adaptive) of {@value #EVENTS_DEFAULT} events
 * and {@value #KILLS_DEFAULT} kills. A long run sets {@code -Deventpipe.faults.rounds=N}, and optionally
 * {@code eventpipe.faults.events} and {@code eventpipe.faults.kills} (see {@code bench/scripts/chronicle-faults.sh}).
 */
final class ChronicleFaultHarnessTest
{
    static final String SEED_PROP_NAME = "eventpipe.faults.seed";
    static final String ROUNDS_PROP_NAME = "eventpipe.faults.rounds";
    static final String EVENTS_PROP_NAME = "eventpipe.faults.events";
    static final String KILLS_PROP_NAME = "eventpipe.faults.kills";
    static final String FIRST_ROUND_PROP_NAME = "eventpipe.faults.first.round";
    static final int ROUNDS_DEFAULT = 2;
    static final long EVENTS_DEFAULT = 30_000;
    static final int KILLS_DEFAULT = 3;

    private static final String[] VICTIMS = { "parse", "rules", "aggregate" };
    private static final int MAX_KILLS_PER_STAGE = 3;
    private static final int CHUNKS = 16;
    private static final int ONE_MIB = 1 << 20;

    @TempDir
    Path directory;

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void shouldLoseAndDuplicateNothingWhenStagesAreKilledAtRandomMoments() throws Exception
    {
        final long seed = Long.getLong(SEED_PROP_NAME, System.nanoTime());
        final int rounds = Integer.getInteger(ROUNDS_PROP_NAME, ROUNDS_DEFAULT);
        final long events = Long.getLong(EVENTS_PROP_NAME, EVENTS_DEFAULT);
        final int kills = Math.min(Integer.getInteger(KILLS_PROP_NAME, KILLS_DEFAULT),
            Math.min(CHUNKS - 1, MAX_KILLS_PER_STAGE * VICTIMS.length));
        System.out.println("fault harness: seed " + seed + " (replay with -D" + SEED_PROP_NAME + "=" + seed + "), " +
            rounds + " rounds of " + events + " events and " + kills + " kills");
        final Random random = new Random(seed);
        final int[] killsByStage = new int[VICTIMS.length];
        final int firstRound = Integer.getInteger(FIRST_ROUND_PROP_NAME, 0);
        for (int round = 0; round < firstRound; round++)
        {
            random.nextLong();
        }
        for (int round = firstRound; round < rounds; round++)
        {
            final int batch = 0 == round % 2 ? 100 : 0;
            final List<String> killed = runRound(round, batch, events, kills, new Random(random.nextLong()), seed);
            for (final String stage : killed)
            {
                killsByStage[Arrays.asList(VICTIMS).indexOf(stage)]++;
            }
        }
        System.out.println("fault harness: seed " + seed + ", " + rounds + " rounds passed, kills: parse " +
            killsByStage[0] + ", rules " + killsByStage[1] + ", aggregate " + killsByStage[2] +
            "; lost 0, duplicated 0");
    }

    private List<String> runRound(
        final int round, final int batch, final long events, final int kills, final Random random, final long seed)
        throws Exception
    {
        final Path roundDir = Files.createDirectories(directory.resolve("round-" + round));
        final byte[] input = hostileInput(events, random);
        final Path inputFile = Files.write(roundDir.resolve("input.ndjson"), input);
        final MonolithOutput monolith = MonolithOutput.run(inputFile, roundDir);
        final SplitRuns.Reference reference = SplitRuns.Reference.of(inputFile);
        final int[] cuts = chunks(input);
        final List<Integer> killAfter = killPoints(kills, random);
        final String what = "fault harness seed " + seed + " round " + round + " (" +
            (0 == batch ? "adaptive" : "batch " + batch) + ")";

        final Path output = roundDir.resolve("split.out");
        final Path results = roundDir.resolve("results.jsonl");
        final Path rejects = roundDir.resolve("rejects.txt");
        final List<String> killed = new ArrayList<>();
        final int[] killsByStage = new int[VICTIMS.length];
        Path queues = null;
        Path runDirectory = null;
        Process launcher = null;
        final int exit;
        try (PacedInput paced = PacedInput.create(roundDir.resolve("input.fifo")))
        {
            launcher = SplitRuns.start(output, "--transport", "chronicle", "--restart-on-failure",
                "--batch", Integer.toString(batch), "--input", paced.path().toString(),
                "--results", results.toString(), "--rejects", rejects.toString(),
                // a heartbeat held up by a loaded machine must not add restarts the harness did not cause
                "--hung-after-s", "60",
                "--stage-jvm-option=-Deventpipe.chronicle.warm.up.frames=0",
                "--stage-jvm-option=-XX:TieredStopAtLevel=1");
            runDirectory = SplitRuns.runDirectory(output, 60_000);
            queues = SplitRuns.queueDirectory(runDirectory);
            SplitRuns.awaitContains(runDirectory.resolve("ingest.log"), SplitRuns.READY + "ingest", 90_000);
            for (int chunk = 0; chunk < CHUNKS; chunk++)
            {
                paced.write(input, cuts[chunk], cuts[chunk + 1]);
                if (!killAfter.contains(chunk))
                {
                    continue;
                }
                paced.awaitWritten(90_000);
                Thread.sleep(random.nextInt(150));
                int victim = random.nextInt(VICTIMS.length);
                while (killsByStage[victim] >= MAX_KILLS_PER_STAGE)
                {
                    victim = (victim + 1) % VICTIMS.length;
                }
                final String stage = VICTIMS[victim];
                final ProcessHandle process = SplitRuns.stage(launcher, stage)
                    .orElseThrow(() -> new AssertionError(what + ": no " + stage + " stage process"));
                assertTrue(process.destroyForcibly(), what + ": SIGKILL " + stage);
                killsByStage[victim]++;
                killed.add(stage + "@" + chunk);
                System.out.println(what + ": SIGKILL " + stage + " after chunk " + chunk + " of " + CHUNKS);
                SplitRuns.awaitContains(output, "stage " + stage + " exited with status 137; restarting it (restart " +
                    killsByStage[victim] + " of 3)", 60_000);
            }
            paced.awaitWritten(120_000);
            paced.end();
            exit = SplitRuns.await(launcher, 180);
        }
        catch (final Exception | AssertionError ex)
        {
            System.out.println(what + " failed after kills " + killed + "; replay with -D" + SEED_PROP_NAME + "=" +
                seed + " -D" + FIRST_ROUND_PROP_NAME + "=" + round + " -D" + ROUNDS_PROP_NAME + "=" + (round + 1));
            printState(output, runDirectory, queues);
            SplitRuns.stop(launcher);
            throw ex;
        }
        finally
        {
            if (null != queues)
            {
                SplitRuns.deleteTree(queues);
            }
        }

        final String report = SplitRuns.read(output);
        final String context = what + ", kills " + killed + "\n" + report;
        assertEquals(0, exit, context);
        assertTrue(report.contains("checks: OK"), context);
        assertEquals(killed.size(), report.split("; restarting it \\(restart ", -1).length - 1, context);
        assertArrayEquals(monolith.results, Files.readAllBytes(results), "results differ from the monolith's: " +
            context);
        assertArrayEquals(monolith.rejects, Files.readAllBytes(rejects), "rejects differ from the monolith's: " +
            context);
        reference.assertSameAs(results, rejects, context);
        assertFalse(Files.exists(runDirectory), runDirectory + " left behind: " + context);
        assertFalse(Files.exists(queues), queues + " left behind after a successful run: " + context);
        System.out.println(what + ": passed with kills " + killed + ", " + SplitRuns.linesSummary(report));
        final List<String> stages = new ArrayList<>();
        for (final String kill : killed)
        {
            stages.add(kill.substring(0, kill.indexOf('@')));
        }
        return stages;
    }

    /**
     * What a failed round leaves to look at: the launcher's output, the end of every stage's log, and the files of
     * the queues with the consumer positions.
     */
    private static void printState(final Path output, final Path runDirectory, final Path queues)
    {
        try
        {
            System.out.println("--- launcher output:\n" + SplitRuns.read(output));
            if (null != runDirectory && Files.isDirectory(runDirectory))
            {
                try (var logs = Files.list(runDirectory))
                {
                    for (final Path log : logs.filter((path) -> path.toString().endsWith(".log")).sorted().toList())
                    {
                        final List<String> lines = Files.readAllLines(log);
                        System.out.println("--- " + log.getFileName() + " (last 15 lines):\n" +
                            String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
                    }
                }
            }
            if (null != queues && Files.isDirectory(queues))
            {
                try (var files = Files.walk(queues))
                {
                    for (final Path file : files.filter(Files::isRegularFile).sorted().toList())
                    {
                        String detail = Files.size(file) + " bytes";
                        if (file.getFileName().toString().equals(ConsumerPosition.FILE_NAME))
                        {
                            final long packed = java.nio.ByteBuffer.wrap(Files.readAllBytes(file))
                                .order(java.nio.ByteOrder.nativeOrder()).getLong(0);
                            detail = "cycle " + ConsumerPosition.cycle(packed) + " offset " +
                                ConsumerPosition.offset(packed);
                        }
                        System.out.println("--- " + queues.relativize(file) + ": " + detail);
                    }
                }
            }
        }
        catch (final Exception ex)
        {
            System.out.println("--- cannot print the state: " + ex);
        }
    }

    /**
     * The chunks the input is written in: cut at plain line boundaries, in equal parts by bytes.
     */
    private static int[] chunks(final byte[] input)
    {
        final int[] cuts = new int[CHUNKS + 1];
        for (int i = 1; i < CHUNKS; i++)
        {
            cuts[i] = Math.max(cuts[i - 1], SplitRuns.lineBoundary(input, (int)((long)input.length * i / CHUNKS)));
        }
        cuts[CHUNKS] = input.length;
        return cuts;
    }

    /**
     * Distinct chunks after which a stage is killed, none after the last (the input must not be complete).
     */
    private static List<Integer> killPoints(final int kills, final Random random)
    {
        final List<Integer> points = new ArrayList<>();
        while (points.size() < kills)
        {
            final int chunk = random.nextInt(CHUNKS - 1);
            if (!points.contains(chunk))
            {
                points.add(chunk);
            }
        }
        return points;
    }

    /**
     * The hostile input of the restart tests ({@link SplitRuns#hostileInput(long)}) with, at random line
     * boundaries, what it lacks: 1 MiB lines (valid JSON padded, and bytes that are no JSON at all), lines whose
     * only end is a CR (two events and a CR run in one line), and runs of blank lines.
     */
    static byte[] hostileInput(final long events, final Random random) throws IOException
    {
        final byte[] base = SplitRuns.hostileInput(events);
        final byte[][] extras = {
            ("{\"userId\":5,\"type\":\"click\",\"value\":1,\"ts\":1,\"pad\":\"" + "y".repeat(ONE_MIB) + "\"}\n")
                .getBytes(StandardCharsets.US_ASCII),
            binaryLine(random),
            ("{\"userId\":1,\"type\":\"click\",\"value\":2,\"ts\":3}\r" +
                "{\"userId\":2,\"type\":\"view\",\"value\":4,\"ts\":5}\n").getBytes(StandardCharsets.US_ASCII),
            "{\"userId\":3,\"type\":\"purchase\",\"value\":9,\"ts\":7}\r\r\r\n".getBytes(StandardCharsets.US_ASCII),
            "\r\n\n \n\t\r\n".getBytes(StandardCharsets.US_ASCII),
        };
        final ByteArrayOutputStream out = new ByteArrayOutputStream(base.length + 3 * ONE_MIB);
        final int insertions = 8;
        int from = 0;
        for (int i = 1; i <= insertions; i++)
        {
            final int at = SplitRuns.lineBoundary(base, Math.max(from, random.nextInt(base.length / insertions) +
                (int)((long)base.length * (i - 1) / insertions)));
            out.write(base, from, at - from);
            out.write(extras[(i - 1) % extras.length]);
            from = at;
        }
        out.write(base, from, base.length - from);
        return out.toByteArray();
    }

    private static byte[] binaryLine(final Random random)
    {
        final byte[] line = new byte[ONE_MIB + 1];
        random.nextBytes(line);
        for (int i = 0; i < ONE_MIB; i++)
        {
            if ('\n' == line[i] || '\r' == line[i])
            {
                line[i] = 'z';
            }
        }
        line[ONE_MIB] = '\n';
        return line;
    }

    /**
     * The monolith's results and rejects files for an input, from {@code Monolith} in the same jar.
     */
    private static final class MonolithOutput
    {
        private final byte[] results;
        private final byte[] rejects;

        private MonolithOutput(final byte[] results, final byte[] rejects)
        {
            this.results = results;
            this.rejects = rejects;
        }

        static MonolithOutput run(final Path input, final Path directory) throws Exception
        {
            final Path results = directory.resolve("monolith-results.jsonl");
            final Path rejects = directory.resolve("monolith-rejects.txt");
            final Path output = directory.resolve("monolith.out");
            final Process monolith = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                SplitRuns.JAR.toAbsolutePath().toString(), "Monolith", "--input", input.toString(),
                "--results", results.toString(), "--rejects", rejects.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            try
            {
                assertTrue(monolith.waitFor(120, TimeUnit.SECONDS), "monolith still running after 120 s");
            }
            finally
            {
                monolith.destroyForcibly();
            }
            assertEquals(0, monolith.exitValue(), SplitRuns.read(output));
            return new MonolithOutput(Files.readAllBytes(results), Files.readAllBytes(rejects));
        }
    }
}
