package org.eventpipe.cli;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpaceCheckTest
{
    @TempDir
    Path directory;

    @Test
    void shouldNameTheDirectoryTheNeedAndTheFreeSpaceWhenThereIsTooLittle()
    {
        final Path queues = directory.resolve("not-yet").resolve("queues");

        final UsageException failure = assertThrows(UsageException.class,
            () -> SpaceCheck.check(queues, Long.MAX_VALUE / 2, "the chronicle queues"));

        assertTrue(failure.getMessage().startsWith("not enough space in " + queues + " for the chronicle queues: " +
            "need about 4194304.0 TiB, "), failure.getMessage());
        assertTrue(failure.getMessage().contains(" free"), failure.getMessage());
    }

    @Test
    void shouldPassWhenThereIsEnough()
    {
        assertTrue(SpaceCheck.usableSpace(directory) > 1024);
        assertDoesNotThrow(() -> SpaceCheck.check(directory, 1024, "a little"));
    }

    @Test
    void shouldPrintBytesForPeople()
    {
        assertEquals("512 bytes", SpaceCheck.bytes(512));
        assertEquals("1.5 KiB", SpaceCheck.bytes(1536));
        assertEquals("64.0 MiB", SpaceCheck.bytes(64L << 20));
        assertEquals("2.0 GiB", SpaceCheck.bytes(2L << 30));
    }

    @Test
    void shouldRecogniseTheJvmErrorOfAFaultingMappedWriteAndNameTheFullestDirectory()
    {
        final InternalError sigbus = new InternalError(
            "a fault occurred in a recent unsafe memory access operation in compiled Java code");

        assertTrue(MappedWriteFault.isMappedWriteFault(new IllegalStateException("wrapped", sigbus)));
        assertTrue(MappedWriteFault.isMappedWriteFault(new java.io.IOException("No space left on device")));
        assertFalse(MappedWriteFault.isMappedWriteFault(new InternalError("something else")));
        assertFalse(MappedWriteFault.isMappedWriteFault(null));
        final String message = MappedWriteFault.describe(List.of(directory.resolve("missing"), directory));
        assertTrue(message.startsWith("no space left in " + directory + " ("), message);
    }
}
