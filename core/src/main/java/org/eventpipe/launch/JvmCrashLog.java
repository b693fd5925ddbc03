package org.eventpipe.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a process's JVM wrote when it crashed: HotSpot's fatal error log, which the launcher points into the run
 * directory with {@code -XX:ErrorFile} (not the working directory, where {@code hs_err_pid*.log} files would pile up
 * unnoticed). The launcher reads the signal and the frame it hit from the log's header, so that a stage that died of
 * a crash is named as one, not only as "killed by signal 6" (HotSpot aborts after writing the log), and a bus error
 * in a mapped write on a full file system is told apart: the JVM turns such a fault into an {@link InternalError}
 * only in Java code, while one inside the VM (an {@code Unsafe} compare-and-set on a Chronicle header as a queue
 * rolls to a new file) crashes the process.
 * <p>
 * The header it reads looks like this:
 * <pre>
 * #  SIGBUS (0x7) at pc=0x00007f0f29ed2370, pid=11840, tid=11861
 * ...
 * # Problematic frame:
 * # V  [libjvm.so+0xed2370]  Unsafe_CompareAndSetInt+0x140
 * </pre>
 * and the crashed thread's stack, from which it names the first frame of this project's code ({@code org.eventpipe}),
 * or else the first Java frame outside the JDK: where in the stage the crash happened.
 */
final class JvmCrashLog
{
    private static final String FILE_SUFFIX = "-jvm-crash-";
    private static final String FATAL_ERROR = "A fatal error has been detected";
    private static final String PROBLEMATIC_FRAME = "# Problematic frame:";
    private static final String STACK_SECTION = "Native frames:";
    private static final int MAX_HEADER_LINES = 40;
    private static final int MAX_LINES = 400;
    private static final int MAX_STACK_LINES = 16;
    private static final String PROJECT_PACKAGE = "org.eventpipe.";

    private final String error;
    private final String frame;
    private final String javaFrame;
    private final List<String> stack;

    private JvmCrashLog(final String error, final String frame, final String javaFrame, final List<String> stack)
    {
        this.error = error;
        this.frame = frame;
        this.javaFrame = javaFrame;
        this.stack = stack;
    }

    /**
     * The JVM option that sends a process's fatal error log into the run directory, the pid in its name, so that a
     * restarted process's log does not meet its predecessor's.
     *
     * @param runDir  the run directory.
     * @param process name of the process, e.g. {@code rules}.
     * @return {@code -XX:ErrorFile=RUN_DIR/NAME-jvm-crash-%p.log}.
     */
    static String errorFileOption(final Path runDir, final String process)
    {
        return "-XX:ErrorFile=" + runDir.resolve(process + FILE_SUFFIX + "%p.log");
    }

    /**
     * Where a process's JVM wrote its fatal error log, if it crashed.
     *
     * @param runDir  the run directory.
     * @param process name of the process.
     * @param pid     of the process that crashed.
     * @return the file, which exists only after a crash.
     */
    static Path file(final Path runDir, final String process, final long pid)
    {
        return runDir.resolve(process + FILE_SUFFIX + pid + ".log");
    }

    /**
     * Read the header of a fatal error log.
     *
     * @param file the log.
     * @return what it says, or null if there is no such file or it is not a fatal error log.
     */
    static JvmCrashLog read(final Path file)
    {
        if (!Files.isRegularFile(file))
        {
            return null;
        }
        String error = null;
        String frame = null;
        String projectFrame = null;
        String otherFrame = null;
        final List<String> stack = new ArrayList<>();
        boolean fatal = false;
        boolean frameNext = false;
        boolean inStack = false;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1))
        {
            String line;
            int count = 0;
            while (null != (line = reader.readLine()) && count++ < MAX_LINES)
            {
                if (count <= MAX_HEADER_LINES)
                {
                    if (line.contains(FATAL_ERROR))
                    {
                        fatal = true;
                        continue;
                    }
                    if (frameNext)
                    {
                        frame = stripHash(line);
                        frameNext = false;
                        continue;
                    }
                    if (line.startsWith(PROBLEMATIC_FRAME))
                    {
                        frameNext = true;
                        continue;
                    }
                    if (fatal && null == error && line.startsWith("#") && !stripHash(line).isEmpty())
                    {
                        error = errorOf(stripHash(line));
                    }
                }
                if (line.startsWith(STACK_SECTION))
                {
                    inStack = true;
                }
                else if (inStack && line.isEmpty())
                {
                    break;
                }
                else if (inStack)
                {
                    if (stack.size() < MAX_STACK_LINES)
                    {
                        stack.add(line);
                    }
                    if (line.startsWith("j  ") || line.startsWith("J ") || line.startsWith("A "))
                    {
                        final String method = javaMethodOf(line);
                        if (null == projectFrame && method.startsWith(PROJECT_PACKAGE))
                        {
                            projectFrame = method;
                        }
                        else if (null == otherFrame && !isJdk(method))
                        {
                            otherFrame = method;
                        }
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            return null;
        }
        return fatal && null != error ?
            new JvmCrashLog(error, frame, null != projectFrame ? projectFrame : otherFrame, stack) : null;
    }

    /**
     * What the JVM met, e.g. {@code SIGBUS (0x7)} or {@code Internal Error (...)}.
     *
     * @return the error, without the program counter and the pid.
     */
    String error()
    {
        return error;
    }

    /**
     * Whether the JVM met a bus error: a mapped page the kernel could not back, as on a full file system.
     *
     * @return true for SIGBUS.
     */
    boolean isBusError()
    {
        return error.startsWith("SIGBUS");
    }

    /**
     * The first lines of the crashed thread's stack, as the log gives them.
     *
     * @return at most {@value #MAX_STACK_LINES} lines, none if the log has no stack.
     */
    List<String> stack()
    {
        return stack;
    }

    /**
     * One line for the launcher's failure message.
     *
     * @return e.g. {@code SIGBUS (0x7) in Unsafe_CompareAndSetInt+0x140 (libjvm.so), from
     *     org.eventpipe.chronicle.ChronicleFrameSender.tryClaim()}.
     */
    String summary()
    {
        final StringBuilder summary = new StringBuilder(error);
        if (null != frame && !frame.isEmpty())
        {
            summary.append(" in ").append(frame);
        }
        if (null != javaFrame)
        {
            summary.append(", from ").append(javaFrame);
        }
        return summary.toString();
    }

    private static boolean isJdk(final String method)
    {
        return method.startsWith("java.") || method.startsWith("jdk.") || method.startsWith("sun.");
    }

    private static String stripHash(final String line)
    {
        int i = 0;
        while (i < line.length() && ('#' == line.charAt(i) || ' ' == line.charAt(i)))
        {
            i++;
        }
        return line.substring(i).trim();
    }

    /**
     * "SIGBUS (0x7) at pc=0x..., pid=1, tid=2" -> "SIGBUS (0x7)"; "Internal Error (a.cpp:1), pid=1, tid=2" ->
     * "Internal Error (a.cpp:1)"; anything else as it is.
     */
    private static String errorOf(final String text)
    {
        final int pc = text.indexOf(" at pc=");
        if (pc > 0)
        {
            return text.substring(0, pc);
        }
        final int pid = text.indexOf(", pid=");
        return pid > 0 ? text.substring(0, pid) : text;
    }

    /**
     * "j  net.openhft.Foo.bar(JII)Z+34" or "J 332  jdk.internal.misc.Unsafe.cas(...)Z java.base@17 (0 bytes) @ ..."
     * -> the method's name, with "()".
     */
    private static String javaMethodOf(final String line)
    {
        final String[] words = line.trim().split("\\s+");
        for (int i = 1; i < words.length; i++)
        {
            final int paren = words[i].indexOf('(');
            if (paren > 0)
            {
                return words[i].substring(0, paren) + "()";
            }
        }
        return line.trim();
    }
}
