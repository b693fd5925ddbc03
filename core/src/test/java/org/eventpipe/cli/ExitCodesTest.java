package org.eventpipe.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExitCodesTest
{
    @Test
    void shouldRetryAStageKilledBySignalOrFailedByAnErrorOfTheMoment()
    {
        assertTrue(ExitCodes.isRetryable(137), "SIGKILL");
        assertTrue(ExitCodes.isRetryable(143), "SIGTERM");
        assertTrue(ExitCodes.isRetryable(134), "SIGABRT of a JVM crash");
        assertTrue(ExitCodes.isRetryable(ExitCodes.FAILED), "a lost upstream or downstream process");
    }

    @Test
    void shouldNotRetryADeterministicFailure()
    {
        assertFalse(ExitCodes.isRetryable(ExitCodes.OK));
        assertFalse(ExitCodes.isRetryable(ExitCodes.USAGE));
        assertFalse(ExitCodes.isRetryable(ExitCodes.LAUNCHER_GONE));
        assertFalse(ExitCodes.isRetryable(ExitCodes.CHECKS_FAILED));
        assertFalse(ExitCodes.isRetryable(ExitCodes.CORRUPT_FRAME));
        assertFalse(ExitCodes.isRetryable(ExitCodes.NO_SPACE));
        assertFalse(ExitCodes.isRetryable(128), "no signal 0");
        assertFalse(ExitCodes.isRetryable(255));
    }

    @Test
    void shouldDescribeEachStatusTheLauncherNames()
    {
        assertEquals("killed: SIGKILL", ExitCodes.describe(137));
        assertEquals("terminated: SIGTERM", ExitCodes.describe(143));
        assertEquals("aborted: SIGABRT", ExitCodes.describe(134));
        assertEquals("killed by signal 7", ExitCodes.describe(135));
        assertEquals("no space left", ExitCodes.describe(ExitCodes.NO_SPACE));
        assertEquals("checks failed", ExitCodes.describe(ExitCodes.CHECKS_FAILED));
        assertEquals("corrupt or inconsistent frames", ExitCodes.describe(ExitCodes.CORRUPT_FRAME));
        assertEquals("", ExitCodes.describe(ExitCodes.FAILED));
    }
}
