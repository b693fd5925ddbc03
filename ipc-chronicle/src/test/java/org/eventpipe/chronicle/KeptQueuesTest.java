package org.eventpipe.chronicle;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

import org.eventpipe.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which queues a run keeps and which the next start sweeps, on directories made by hand.
 */
final class KeptQueuesTest
{
    @TempDir
    Path directory;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void shouldSweepOnlyTheQueuesKeptAfterFailuresBeyondTheTwoMostRecent() throws Exception
    {
        final Path oldest = kept("eventpipe-1-queues", KeptQueues.AFTER_FAILURE + " (exit status 4)", 1_000);
        final Path middle = kept("eventpipe-2-queues", KeptQueues.AFTER_FAILURE + " (exit status 5)", 2_000);
        final Path newest = kept("eventpipe-3-queues", KeptQueues.AFTER_FAILURE + " (exit status 137)", 3_000);
        final Path requested = kept("eventpipe-4-queues", KeptQueues.REQUESTED + " (--keep-queues)", 500);
        final Path current = Files.createDirectory(directory.resolve("eventpipe-5-queues"));

        final long freed = KeptQueues.sweep(directory, directory::resolve, current, out);

        assertFalse(Files.exists(oldest), printed.toString());
        assertTrue(Files.exists(middle) && Files.exists(newest), "the two most recent failures are kept");
        assertTrue(Files.exists(requested), "kept on request: never swept");
        assertTrue(Files.exists(current));
        assertEquals(100 + (KeptQueues.AFTER_FAILURE + " (exit status 4)\n").length(), freed, printed.toString());
        assertTrue(printed.toString().startsWith("removed chronicle queues " + oldest + " ("), printed.toString());
    }

    @Test
    void shouldSweepUnmarkedQueuesOfALauncherThatIsGoneButNotThoseOfARunningOne() throws Exception
    {
        final Path gone = Files.createDirectory(directory.resolve("eventpipe-10-queues"));
        Files.writeString(gone.resolve(KeptQueues.OWNER), "2147483646\n");
        final Path running = Files.createDirectory(directory.resolve("eventpipe-11-queues"));
        KeptQueues.claim(running);
        final Path noOwnerWithRunDirectory = Files.createDirectory(directory.resolve("eventpipe-12-queues"));
        Files.createDirectory(directory.resolve("eventpipe-12"));
        final Path noOwnerNoRunDirectory = Files.createDirectory(directory.resolve("eventpipe-13-queues"));
        final Path notOurs = Files.createDirectory(directory.resolve("something-queues"));

        KeptQueues.sweep(directory, directory::resolve, directory.resolve("eventpipe-14-queues"), out);

        assertFalse(Files.exists(gone), printed.toString());
        assertFalse(Files.exists(noOwnerNoRunDirectory), printed.toString());
        assertTrue(Files.exists(running), "the queues of this very launcher, which runs");
        assertTrue(Files.exists(noOwnerWithRunDirectory), "a run directory exists: a live run");
        assertTrue(Files.exists(notOurs));
        assertTrue(printed.toString().contains("removed chronicle queues " + gone + " (11 bytes): its launcher is " +
            "gone"), printed.toString());
    }

    @Test
    void shouldKeepQueuesOnlyAfterAFailureTheyCanExplain() throws Exception
    {
        assertKept(ExitCodes.CHECKS_FAILED, true);
        assertKept(ExitCodes.CORRUPT_FRAME, true);
        assertKept(137, true);
        assertKept(ExitCodes.FAILED, true);
        assertKept(ExitCodes.NO_SPACE, false);
        assertKept(ExitCodes.USAGE, false);
        assertKept(ExitCodes.LAUNCHER_GONE, false);
        assertKept(ExitCodes.OK, false);
    }

    @Test
    void shouldKeepTheQueuesOfASuccessfulRunOnRequestMarkedAsRequested() throws Exception
    {
        final Path queues = Files.createDirectory(directory.resolve("eventpipe-20-queues"));
        final ChronicleTransport.ChronicleRun run = new ChronicleTransport.ChronicleRun(queues, true, Map.of(), 1024);

        final String message = run.cleanUp(ExitCodes.OK);

        assertTrue(message.startsWith("chronicle queues kept in " + queues + ": "), message);
        assertTrue(Files.readString(queues.resolve(KeptQueues.MARKER)).startsWith(KeptQueues.REQUESTED), message);
    }

    private void assertKept(final int status, final boolean kept) throws Exception
    {
        final Path queues = Files.createDirectory(directory.resolve("eventpipe-" + (1000 + status) + "-queues"));
        Files.write(queues.resolve("data.cq4"), new byte[2048]);
        final ChronicleTransport.ChronicleRun run = new ChronicleTransport.ChronicleRun(queues, false, Map.of(), 1024);

        final String message = run.cleanUp(status);

        assertEquals(kept, Files.exists(queues), "status " + status + ": " + message);
        if (kept)
        {
            assertTrue(message.startsWith("chronicle queues kept in " + queues + " (run failed): 2.0 KiB; remove " +
                "them with: rm -rf " + queues), message);
            assertTrue(Files.readString(queues.resolve(KeptQueues.MARKER))
                .startsWith(KeptQueues.AFTER_FAILURE + " (exit status " + status + ")"), message);
        }
        else if (ExitCodes.NO_SPACE != status)
        {
            assertNull(message, "status " + status);
        }
    }

    private Path kept(final String name, final String why, final long markedAtMillis) throws Exception
    {
        final Path queues = Files.createDirectory(directory.resolve(name));
        Files.write(queues.resolve("data.cq4"), new byte[100]);
        KeptQueues.mark(queues, why);
        Files.setLastModifiedTime(queues.resolve(KeptQueues.MARKER), FileTime.fromMillis(markedAtMillis));
        return queues;
    }
}
