package org.eventpipe.launch;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eventpipe.cli.ExitCodes;
import org.eventpipe.cli.MappedWriteFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher's reading of a crashed JVM's fatal error log: from a real crash (a JVM started by the test that dies
 * of a bus error in a mapped write, {@link BusErrorCrash}, its log sent where the launcher sends a stage's), and from
 * the other forms a header takes; and the launcher's judgement of such an exit ({@link Supervisor.Exit}).
 */
final class JvmCrashLogTest
{
    @TempDir
    Path directory;

    @Test
    void shouldNameTheBusErrorTheVmFrameAndTheProjectFrameOfARealCrash() throws Exception
    {
        final Process crashing = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            JvmCrashLog.errorFileOption(directory, "rules"), "-XX:-UsePerfData",
            "-cp", System.getProperty("java.class.path"), BusErrorCrash.class.getName(),
            directory.resolve("mapped").toString())
            .redirectErrorStream(true).redirectOutput(directory.resolve("out").toFile()).start();
        assertTrue(crashing.waitFor(60, TimeUnit.SECONDS), "the crashing JVM is still running");
        final String out = Files.readString(directory.resolve("out"));
        assertEquals(134, crashing.exitValue(), out);

        final JvmCrashLog crash = JvmCrashLog.read(JvmCrashLog.file(directory, "rules", crashing.pid()));

        assertTrue(null != crash, "no crash log in " + directory + ": " + out);
        assertEquals("SIGBUS (0x7)", crash.error());
        assertTrue(crash.isBusError());
        assertTrue(crash.summary().matches("SIGBUS \\(0x7\\) in V +\\[libjvm\\.so\\+0x[0-9a-f]+] +" +
            "Unsafe_CompareAndSetInt\\+0x[0-9a-f]+, from org\\.eventpipe\\.launch\\.BusErrorCrash\\.main\\(\\)"),
            crash.summary());
        assertTrue(crash.stack().get(0).contains("Unsafe_CompareAndSetInt"), crash.stack().toString());
        assertTrue(crash.stack().size() <= 16, crash.stack().toString());

        // the launcher's judgement: no space where a directory of the run is full, else the signal it is
        final Supervisor.Exit full = Supervisor.Exit.of(134, crash, List.of(directory), Long.MAX_VALUE);
        assertEquals(ExitCodes.NO_SPACE, full.status());
        assertTrue(full.crashNote().startsWith("; its JVM crashed: SIGBUS (0x7) in V "), full.crashNote());
        assertTrue(full.crashNote().contains(": no space left in " + directory + " ("), full.crashNote());
        final Supervisor.Exit roomy = Supervisor.Exit.of(134, crash, List.of(directory), 0);
        assertEquals(134, roomy.status());
        assertTrue(ExitCodes.isRetryable(roomy.status()));
        assertFalse(roomy.crashNote().contains("no space"), roomy.crashNote());
    }

    @Test
    void shouldReadAnInternalErrorAsACrashThatIsNotABusError() throws Exception
    {
        final Path file = directory.resolve("parse-jvm-crash-7.log");
        Files.write(file, List.of(
            "#",
            "# A fatal error has been detected by the Java Runtime Environment:",
            "#",
            "#  Internal Error (debug.cpp:362), pid=7, tid=8",
            "#  fatal error: OutOfMemory encountered: Java heap space",
            "#",
            "# JRE version: OpenJDK Runtime Environment (17.0.15+6)",
            "# Problematic frame:",
            "# V  [libjvm.so+0x6a2b1c]  report_fatal(VMErrorType, char const*, int, char const*, ...)+0xfc",
            "#",
            "---------------  T H R E A D  ---------------",
            "",
            "Native frames: (J=compiled Java code, j=interpreted, Vv=VM code, C=native code)",
            "V  [libjvm.so+0x6a2b1c]  report_fatal(VMErrorType, char const*, int, char const*, ...)+0xfc",
            "J 80 c1 java.util.Arrays.copyOf([BI)[B java.base@17.0.15 (33 bytes) @ 0x00007f @ 0x00007f",
            "J 95 c2 net.example.Grow.add(I)V (20 bytes) @ 0x00007f [0x00007f+0x0]",
            "j  org.eventpipe.stage.RulesStep.onEntry(Lorg/eventpipe/model/PipelineEvent;)V+12",
            "",
            "Java frames: (J=compiled Java code, j=interpreted, Vv=VM code)",
            "j  org.eventpipe.other.Later.call()V+1"), StandardCharsets.ISO_8859_1);

        final JvmCrashLog crash = JvmCrashLog.read(file);

        assertEquals("Internal Error (debug.cpp:362)", crash.error());
        assertFalse(crash.isBusError());
        assertEquals("Internal Error (debug.cpp:362) in V  [libjvm.so+0x6a2b1c]  report_fatal(VMErrorType, char " +
            "const*, int, char const*, ...)+0xfc, from org.eventpipe.stage.RulesStep.onEntry()", crash.summary());
        assertEquals(4, crash.stack().size(), crash.stack().toString());
    }

    @Test
    void shouldNameTheFirstFrameOutsideTheJdkWhenNoFrameIsTheProjects() throws Exception
    {
        final Path file = directory.resolve("crash.log");
        Files.write(file, List.of(
            "# A fatal error has been detected by the Java Runtime Environment:",
            "#  SIGSEGV (0xb) at pc=0x00007f, pid=1, tid=2",
            "Native frames: (J=compiled Java code, j=interpreted, Vv=VM code, C=native code)",
            "C  [libc.so.6+0x15ab6]",
            "J 332  jdk.internal.misc.Unsafe.getLong(Ljava/lang/Object;J)J java.base@17 (0 bytes) @ 0x1 [0x1+0x1]",
            "j  net.openhft.chronicle.core.UnsafeMemory.readLong(J)J+34",
            "j  net.openhft.chronicle.bytes.Other.call()V+3"), StandardCharsets.ISO_8859_1);

        final JvmCrashLog crash = JvmCrashLog.read(file);

        assertEquals("SIGSEGV (0xb), from net.openhft.chronicle.core.UnsafeMemory.readLong()", crash.summary());
    }

    @Test
    void shouldActOnTheExitStatusOfAProcessThatDidNotCrashOrNotOfABusError() throws Exception
    {
        assertEquals(new Supervisor.Exit(137, null, null), Supervisor.Exit.of(137, null, List.of(directory),
            Long.MAX_VALUE));
        assertEquals("", Supervisor.Exit.of(137, null, List.of(directory), Long.MAX_VALUE).crashNote());
        final Path file = directory.resolve("crash.log");
        Files.write(file, List.of("# A fatal error has been detected by the Java Runtime Environment:",
            "#  SIGSEGV (0xb) at pc=0x00007f, pid=1, tid=2"), StandardCharsets.ISO_8859_1);
        final Supervisor.Exit segv = Supervisor.Exit.of(134, JvmCrashLog.read(file), List.of(directory),
            Long.MAX_VALUE);
        assertEquals(134, segv.status());
        assertEquals("; its JVM crashed: SIGSEGV (0xb)", segv.crashNote());
    }

    @Test
    void shouldReadNothingFromNoFileOrAFileThatIsNoFatalErrorLog() throws Exception
    {
        assertNull(JvmCrashLog.read(directory.resolve("absent.log")));
        final Path other = directory.resolve("other.log");
        Files.writeString(other, "# a comment\nSIGBUS somewhere\n");
        assertNull(JvmCrashLog.read(other));
        assertEquals(directory.resolve("sink-jvm-crash-42.log"), JvmCrashLog.file(directory, "sink", 42));
        assertEquals("-XX:ErrorFile=" + directory.resolve("sink-jvm-crash-%p.log"),
            JvmCrashLog.errorFileOption(directory, "sink"));
    }

    @Test
    void shouldCallADirectoryFullOnlyBelowTheBound()
    {
        assertNull(MappedWriteFault.describeFull(List.of(directory), 0));
        assertNull(MappedWriteFault.describeFull(List.of(directory.resolve("absent")), Long.MAX_VALUE));
        final String full = MappedWriteFault.describeFull(List.of(directory.resolve("absent"), directory),
            Long.MAX_VALUE);
        assertTrue(full.startsWith("no space left in " + directory + " ("), full);
    }
}
