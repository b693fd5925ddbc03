package org.eventpipe.chronicle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The warm-up reads back every frame it appends, across several cycles of its own clock, and leaves no file behind,
 * not even those of an earlier warm-up that was killed half way.
 */
final class ChronicleWarmUpTest
{
    @TempDir
    Path directory;

    @Test
    void shouldReadBackEveryFrameAcrossCyclesAndRemoveTheScratchQueue() throws Exception
    {
        final Path scratch = directory.resolve("warm-up-parse");
        Files.createDirectories(scratch);
        Files.writeString(scratch.resolve("left-over.cq4"), "from a killed warm-up");

        final int frames = 3 * ChronicleConfiguration.WARM_UP_FRAMES_PER_CYCLE + 17;
        assertEquals(frames, ChronicleWarmUp.run(scratch, frames, ChronicleConfiguration.WARM_UP_FRAME_LENGTH));

        assertFalse(Files.exists(scratch));
    }

    @Test
    void shouldWarmUpThroughTheStageLinkAndSayHowLongItTook() throws Exception
    {
        try (ChronicleStageLink link = new ChronicleStageLink("rules", directory,
            Map.of(ChronicleConfiguration.WARM_UP_FRAMES_PROP_NAME, "20000")))
        {
            final String done = link.warmUp();
            assertTrue(done.startsWith("warmed up Chronicle with 20000 frames in "), done);
        }
        try (Stream<Path> left = Files.list(directory))
        {
            assertEquals(0, left.count());
        }
    }

    @Test
    void shouldNotWarmUpWhenTurnedOff()
    {
        try (ChronicleStageLink link = new ChronicleStageLink("rules", directory,
            Map.of(ChronicleConfiguration.WARM_UP_FRAMES_PROP_NAME, "0")))
        {
            assertNull(link.warmUp());
        }
    }

    @Test
    void shouldRejectANegativeWarmUp()
    {
        assertThrows(IllegalArgumentException.class, () -> ChronicleConfiguration.warmUpFrames(
            Map.of(ChronicleConfiguration.WARM_UP_FRAMES_PROP_NAME, "-1")));
        assertEquals(ChronicleConfiguration.WARM_UP_FRAMES_DEFAULT, ChronicleConfiguration.warmUpFrames(Map.of()));
    }
}
