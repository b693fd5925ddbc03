package org.eventpipe.aeron;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import org.agrona.concurrent.UnsafeBuffer;
import org.eventpipe.bridge.Edge;
import org.eventpipe.cli.ExitCodes;
import org.eventpipe.sbe.MessageHeaderEncoder;
import org.eventpipe.sbe.ParsedEventBatchEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A second publisher, connected to the run's own media driver, puts a corrupt frame onto the rules stage's inbound
 * stream (parse-rules) in the middle of a running aeron-ipc pipeline: bytes that are no frame at all, or a frame
 * header whose body is cut short. Rules names the edge and the frame and exits, the launcher names rules, nothing
 * hangs and nothing is left.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class CorruptFrameLiveTest
{
    private static final long FAILURE_DEADLINE_SECONDS = 15;
    private static final long OFFER_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final Pattern RULES_FAILED = Pattern.compile("(?m)^SplitPipeline: stage rules failed: exited with " +
        "status 5 \\(corrupt or inconsistent frames\\), noticed \\d+\\.\\d ms after its exit; stopped the other " +
        "processes$");
    private static final Pattern CORRUPT = Pattern.compile("(?m)^  rules\\| stage rules failed: stage rules: corrupt " +
        "frame on edge parse-rules where sequence \\d+ was expected \\(a frame of (\\d+) bytes\\): (.+)$");

    @TempDir
    Path workDir;

    private LauncherProcess launcher;

    @AfterEach
    void killLeftovers()
    {
        if (null != launcher)
        {
            launcher.destroyAll();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "garbage", "truncated" })
    void shouldFailTheRunNamingTheEdgeAndTheFrameWhenACorruptFrameArrivesMidRun(final String kind) throws Exception
    {
        launcher = LauncherProcess.start(workDir, List.of("--transport", "aeron-ipc", "--batch", "10", "--events",
            "500000000", "--timeout-s", "100", "--hung-after-s", "2"));
        final Path runDirectory = MediaDriverLivenessTest.awaitIngestReady(launcher);
        final List<ProcessHandle> children = launcher.process().descendants().toList();
        final UnsafeBuffer frame = "garbage".equals(kind) ? garbage() : truncated();

        final long offeredNanos;
        try (Aeron aeron = Aeron.connect(new Aeron.Context()
            .aeronDirectoryName(runDirectory.resolve("aeron").toString())
            .errorHandler(CorruptFrameLiveTest::ignore));
            ExclusivePublication publication = aeron.addExclusivePublication("aeron:ipc?term-length=65536|mtu=4096",
                AeronConfiguration.streamId(Map.of(), Edge.PARSE_TO_RULES)))
        {
            offer(publication, frame);
            offeredNanos = System.nanoTime();
            assertTrue(launcher.process().waitFor(FAILURE_DEADLINE_SECONDS, TimeUnit.SECONDS),
                "launcher still running " + FAILURE_DEADLINE_SECONDS + " s after the " + kind + " frame");
        }
        final long afterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - offeredNanos);
        System.out.println("corrupt frame (" + kind + "): launcher exited " + afterMs + " ms after the offer");

        assertEquals(ExitCodes.FAILED, launcher.exitValue(), launcher.output());
        assertTrue(RULES_FAILED.matcher(launcher.stderr()).find(), launcher.output());
        final Matcher corrupt = CORRUPT.matcher(launcher.stderr());
        assertTrue(corrupt.find(), launcher.output());
        assertEquals(frame.capacity(), Integer.parseInt(corrupt.group(1)), launcher.output());
        assertFalse(launcher.stderr().contains(" hung: "), launcher.output());
        assertEquals(List.of(), LauncherProcess.alive(children), launcher.output());
        assertEquals(List.of(), LauncherProcess.processesMentioning(runDirectory), launcher.output());
        assertFalse(Files.exists(runDirectory), "run directory left behind: " + runDirectory);
    }

    private static void ignore(final Throwable throwable)
    {
        // the run's media driver goes away with the run; this client is closed after it
    }

    private static void offer(final ExclusivePublication publication, final UnsafeBuffer frame)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + OFFER_DEADLINE_NANOS;
        long result;
        while ((result = publication.offer(frame, 0, frame.capacity())) < 0)
        {
            if (result == ExclusivePublication.CLOSED || result == ExclusivePublication.MAX_POSITION_EXCEEDED ||
                System.nanoTime() > deadline)
            {
                throw new AssertionError("offer failed: " + result);
            }
            Thread.sleep(1);
        }
    }

    /**
     * Bytes that are no frame: no valid header, no known schema.
     */
    private static UnsafeBuffer garbage()
    {
        final byte[] bytes = new byte[100];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)(0xA5 ^ (i * 31));
        }
        return new UnsafeBuffer(bytes);
    }

    /**
     * A valid header of an event batch, and only the first four bytes of its body.
     */
    private static UnsafeBuffer truncated()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MessageHeaderEncoder.ENCODED_LENGTH + 4]);
        new MessageHeaderEncoder().wrap(buffer, 0)
            .blockLength(ParsedEventBatchEncoder.BLOCK_LENGTH)
            .templateId(ParsedEventBatchEncoder.TEMPLATE_ID)
            .schemaId(ParsedEventBatchEncoder.SCHEMA_ID)
            .version(ParsedEventBatchEncoder.SCHEMA_VERSION);
        buffer.putInt(MessageHeaderEncoder.ENCODED_LENGTH, 7);
        return buffer;
    }
}
