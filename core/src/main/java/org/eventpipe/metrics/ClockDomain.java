package org.eventpipe.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.UUID;

/**
 * The clock domain of {@link System#nanoTime()}: two nanoTime stamps can be subtracted only if they were taken in the
 * same domain. On Linux nanoTime is {@code CLOCK_MONOTONIC}, one clock per boot of a kernel, shared by every process,
 * network namespace and container on that host, so the domain is the kernel's boot id
 * ({@value #BOOT_ID_FILE}, a UUID, held as two longs). Where that file cannot be read the domain is a random id per
 * process, which makes every figure that spans processes "not comparable": the safe side.
 *
 * @param high first 64 bits of the id.
 * @param low  last 64 bits of the id.
 */
public record ClockDomain(long high, long low)
{
    /** Where Linux gives the id of the running boot. */
    public static final String BOOT_ID_FILE = "/proc/sys/kernel/random/boot_id";

    /**
     * Where this process reads its boot id, {@value #BOOT_ID_FILE} unless set (tests give one stage a file that does
     * not exist, which puts it in a domain of its own as if it ran on another host).
     */
    public static final String BOOT_ID_FILE_PROP_NAME = "eventpipe.clock.boot.id.file";

    /** The domain of this process, read once. */
    public static final ClockDomain LOCAL = read(Path.of(System.getProperty(BOOT_ID_FILE_PROP_NAME, BOOT_ID_FILE)));

    /**
     * The domain a boot id file names, or a random one for this process if it cannot be read or parsed.
     *
     * @param bootIdFile to read, normally {@value #BOOT_ID_FILE}.
     * @return the domain.
     */
    public static ClockDomain read(final Path bootIdFile)
    {
        try
        {
            final UUID id = UUID.fromString(Files.readString(bootIdFile, StandardCharsets.US_ASCII).trim());
            return new ClockDomain(id.getMostSignificantBits(), id.getLeastSignificantBits());
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            final SecureRandom random = new SecureRandom();
            return new ClockDomain(random.nextLong(), random.nextLong());
        }
    }

    /**
     * Whether nanoTime stamps of the two domains can be subtracted.
     *
     * @param other domain.
     * @return true if they are one clock.
     */
    public boolean sameAs(final ClockDomain other)
    {
        return high == other.high && low == other.low;
    }

    /**
     * The first eight hex digits of the id, as a user sees at the start of {@value #BOOT_ID_FILE}.
     *
     * @return e.g. {@code 3f2a9c1e}.
     */
    public String id8()
    {
        return String.format(Locale.ROOT, "%016x", high).substring(0, 8);
    }

    /**
     * Why a figure from one stage's clock to another's is not given, or null if it can be.
     *
     * @param from      stage that stamped the start.
     * @param fromClock its domain.
     * @param to        stage that stamped the end.
     * @param toClock   its domain.
     * @return e.g. {@code not comparable across hosts (clock domains differ: ingest on boot 3f2a9c1e, aggregate on
     * boot 77b0d2aa)}, or null if the domains are one.
     */
    public static String notComparable(
        final String from, final ClockDomain fromClock, final String to, final ClockDomain toClock)
    {
        if (fromClock.sameAs(toClock))
        {
            return null;
        }
        return "not comparable across hosts (clock domains differ: " + from + " on boot " + fromClock.id8() + ", " +
            to + " on boot " + toClock.id8() + ")";
    }
}
