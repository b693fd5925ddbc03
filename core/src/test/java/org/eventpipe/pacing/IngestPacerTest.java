package org.eventpipe.pacing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class IngestPacerTest
{
    @Test
    void shouldScheduleEventIAtStartPlusIOverRate()
    {
        final IngestPacer pacer = new IngestPacer(3, 1).start(1_000);

        assertEquals(1_000, pacer.intendedNanos(0));
        assertEquals(1_000 + 333_333_333, pacer.intendedNanos(1));
        assertEquals(1_000 + 666_666_666, pacer.intendedNanos(2));
        assertEquals(1_000 + 1_000_000_000, pacer.intendedNanos(3));
        assertEquals(1_000 + 3_333_333_333_333L, pacer.intendedNanos(10_000));
    }

    @Test
    void shouldScheduleABurstTogetherAtStartPlusKTimesNOverRate()
    {
        final IngestPacer pacer = new IngestPacer(1_000, 10).start(0);

        assertEquals(0, pacer.intendedNanos(9));
        assertEquals(10_000_000, pacer.intendedNanos(10));
        assertEquals(10_000_000, pacer.intendedNanos(19));
        assertEquals(20_000_000, pacer.intendedNanos(20));
    }

    @Test
    void shouldStayExactForLongRunsAtHighRates()
    {
        final IngestPacer pacer = new IngestPacer(7_000_000, 1).start(0);

        assertEquals(10_000_000_000_000_000L, pacer.intendedNanos(70_000_000_000_000L));
    }

    @Test
    @Timeout(10)
    void shouldNeverReturnBeforeTheIntendedTime()
    {
        final IngestPacer pacer = new IngestPacer(2_000, 1).start(System.nanoTime());

        for (int i = 0; i < 50; i++)
        {
            final long intended = pacer.awaitIntended(i);
            assertTrue(System.nanoTime() >= intended, "event " + i + " sent early");
            assertEquals(pacer.intendedNanos(i), intended);
        }
    }

    @Test
    void shouldPassARunThatKeptToItsScheduleWithTheOfferedRate()
    {
        final PacingOutcome outcome = new PacingOutcome(1_000, 1, 1_000, 0, 999_000_000L + 50_000);

        assertTrue(outcome.achieved());
        assertEquals(50_000, outcome.lagNanos());
        assertEquals(1_000, outcome.achievedRate(), 0.1);
    }

    @Test
    void shouldAllowTenMillisecondsOrOnePerCentOfTheScheduleWhicheverIsMore()
    {
        assertEquals(10_000_000L, new PacingOutcome(1_000, 1, 1_000, 0, 0).allowedLagNanos());
        assertEquals(100_000_000L, new PacingOutcome(1_000, 1, 10_000, 0, 0).allowedLagNanos());
    }

    @Test
    void shouldFailARunThatEndedFurtherBehindThanAllowed()
    {
        final PacingOutcome outcome = new PacingOutcome(1_000_000, 1, 1_000_000, 0, 2_000_000_000L);

        assertFalse(outcome.achieved());
        assertEquals(500_000, outcome.achievedRate(), 1.0);
        assertTrue(outcome.notAchievedMessage().startsWith("target rate not achieved: offered 1000000, achieved " +
            "500000"), outcome.notAchievedMessage());
    }

    @Test
    void shouldRejectBadSettingsWithOneLine()
    {
        assertNull(PacingConfiguration.check(0, 1));
        assertNull(PacingConfiguration.check(10, 10));
        assertTrue(PacingConfiguration.check(-1, 1).startsWith("--rate"));
        assertTrue(PacingConfiguration.check(10, 0).startsWith("--burst"));
        assertTrue(PacingConfiguration.check(10, 11).startsWith("--burst"));
        assertThrows(IllegalArgumentException.class, () -> new IngestPacer(0, 1));
    }

    @Test
    void shouldDefaultTheWarmUpToOneSecondAtLeastTwentyThousandAtMostHalfTheRun()
    {
        assertEquals(0, PacingConfiguration.warmupEvents(PacingConfiguration.WARMUP_AUTO, 0, 1_000_000));
        assertEquals(20_000, PacingConfiguration.warmupEvents(PacingConfiguration.WARMUP_AUTO, 10_000, 1_000_000));
        assertEquals(500_000, PacingConfiguration.warmupEvents(PacingConfiguration.WARMUP_AUTO, 500_000, 10_000_000));
        assertEquals(5_000, PacingConfiguration.warmupEvents(PacingConfiguration.WARMUP_AUTO, 100_000, 10_000));
        assertEquals(7, PacingConfiguration.warmupEvents(7, 100_000, 10_000));
    }
}
