package org.eventpipe.bridge;

import java.util.List;

/**
 * A process the launcher starts before the stages and stops after them.
 *
 * @param name       for logs and errors, e.g. {@code media-driver}.
 * @param mainClass  main class, run on the launcher's class path.
 * @param jvmArguments JVM arguments.
 * @param arguments  program arguments.
 * @param readyLine  a line the process prints on standard output when it is ready.
 */
public record SupportProcess(String name, String mainClass, List<String> jvmArguments, List<String> arguments,
    String readyLine)
{
}
