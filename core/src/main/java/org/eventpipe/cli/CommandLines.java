package org.eventpipe.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.eventpipe.model.EventType;
import picocli.CommandLine;

/**
 * Shared command-line plumbing: one clear line on stderr and exit status 2 for usage and input errors, never a stack
 * trace.
 */
public final class CommandLines
{
    private CommandLines()
    {
    }

    /**
     * Parse arguments and run a picocli command.
     *
     * @param command the annotated command object.
     * @param args    command-line arguments.
     * @param out     standard output for help and reports.
     * @param err     standard error for errors.
     * @return the exit status.
     */
    public static int execute(final Object command, final String[] args, final PrintStream out, final PrintStream err)
    {
        return execute(command, args, out, err, false);
    }

    /**
     * Parse arguments and run a picocli command, optionally printing the usage after an argument error.
     *
     * @param command    the annotated command object.
     * @param args       command-line arguments.
     * @param out        standard output for help and reports.
     * @param err        standard error for errors.
     * @param printUsage true to print the usage to standard error after the one line of an argument error.
     * @return the exit status.
     */
    public static int execute(
        final Object command, final String[] args, final PrintStream out, final PrintStream err,
        final boolean printUsage)
    {
        return execute(command, List.of(), args, out, err, printUsage);
    }

    /**
     * Parse arguments and run a picocli command with options contributed by mixins, e.g. by transport modules.
     *
     * @param command    the annotated command object.
     * @param mixins     objects whose annotated options are added to the command's.
     * @param args       command-line arguments.
     * @param out        standard output for help and reports.
     * @param err        standard error for errors.
     * @param printUsage true to print the usage to standard error after the one line of an argument error.
     * @return the exit status.
     */
    public static int execute(
        final Object command,
        final List<?> mixins,
        final String[] args,
        final PrintStream out,
        final PrintStream err,
        final boolean printUsage)
    {
        final CommandLine commandLine = new CommandLine(command);
        for (final Object mixin : mixins)
        {
            commandLine.addMixin(mixin.getClass().getName(), mixin);
        }
        final String name = commandLine.getCommandName();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setParameterExceptionHandler((ex, arguments) ->
        {
            if (printUsage)
            {
                err.println(name + ": error: " + ex.getMessage());
                ex.getCommandLine().usage(err);
            }
            else
            {
                err.println(name + ": error: " + ex.getMessage() + " (see --help)");
            }
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((ex, line, parseResult) ->
        {
            if (ex instanceof UsageException)
            {
                err.println(name + ": error: " + ex.getMessage());
                return ExitCodes.USAGE;
            }
            if (ex instanceof IOException || ex instanceof UncheckedIOException)
            {
                err.println(name + ": error: " + describe(ex));
                return ExitCodes.USAGE;
            }
            err.println(name + ": failed: " + ex);
            return ExitCodes.FAILED;
        });
        return commandLine.execute(args);
    }

    /**
     * Open an input file, turning the usual failures into a clear usage error.
     *
     * @param file to open.
     * @return the open stream.
     */
    public static InputStream openInput(final Path file)
    {
        if (Files.isDirectory(file))
        {
            throw new UsageException("input '" + file + "' is a directory, not a file");
        }
        try
        {
            return Files.newInputStream(file);
        }
        catch (final NoSuchFileException ex)
        {
            throw new UsageException("input file '" + file + "' does not exist");
        }
        catch (final AccessDeniedException ex)
        {
            throw new UsageException("input file '" + file + "' is not readable: permission denied");
        }
        catch (final IOException ex)
        {
            throw new UsageException("input file '" + file + "' cannot be opened: " + ex.getMessage());
        }
    }

    /**
     * Check that an output file can be written, before any work is done: an existing file is opened for writing
     * (and left as it is), a missing one is created and removed again, so that what the file system says (a
     * read-only file, a directory without write permission, {@code /proc}, a full disk's inode table) is found now,
     * not after the run.
     *
     * @param file   to be written, or null if none.
     * @param option naming it in the error.
     */
    public static void checkWritable(final Path file, final String option)
    {
        if (null == file)
        {
            return;
        }
        final Path parent = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file))
        {
            throw new UsageException(option + ": '" + file + "' is a directory");
        }
        if (null != parent && !Files.isDirectory(parent))
        {
            throw new UsageException(option + ": directory '" + parent + "' does not exist");
        }
        try
        {
            if (Files.exists(file))
            {
                Files.newByteChannel(file, StandardOpenOption.WRITE).close();
            }
            else
            {
                Files.newByteChannel(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW).close();
                Files.delete(file);
            }
        }
        catch (final IOException ex)
        {
            throw new UsageException(option + ": '" + file + "' cannot be written: " + reason(ex));
        }
    }

    private static String reason(final IOException ex)
    {
        if (ex instanceof AccessDeniedException)
        {
            return "permission denied";
        }
        if (ex instanceof NoSuchFileException)
        {
            return "no such file or directory";
        }
        if (ex instanceof FileSystemException && null != ((FileSystemException)ex).getReason())
        {
            return ((FileSystemException)ex).getReason();
        }
        return null != ex.getMessage() ? ex.getMessage() : ex.getClass().getSimpleName();
    }

    /**
     * Parse the {@code --drop-types} values: event type names, case-insensitive; {@code none} or empty drops nothing.
     *
     * @param names as given on the command line.
     * @return the types to drop.
     * @throws UsageException naming an unknown type.
     */
    public static Set<EventType> parseDropTypes(final List<String> names)
    {
        final Set<EventType> dropped = EnumSet.noneOf(EventType.class);
        for (final String name : names)
        {
            final String trimmed = name.trim().toLowerCase(Locale.ROOT);
            if (trimmed.isEmpty() || "none".equals(trimmed))
            {
                continue;
            }
            final EventType type = EventType.fromJsonName(trimmed);
            if (null == type)
            {
                throw new UsageException("--drop-types: unknown event type '" + name + "'");
            }
            dropped.add(type);
        }
        return dropped;
    }

    private static String describe(final Exception ex)
    {
        final Throwable cause = ex instanceof UncheckedIOException ? ex.getCause() : ex;
        final String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (null == message ? "" : ": " + message);
    }
}
