import java.util.ArrayList;
import java.util.List;

import org.eventpipe.chronicle.ChronicleConfiguration;
import org.eventpipe.chronicle.QueueDumpCommand;

/**
 * Entry point of {@code java -cp ipc-chronicle/target/ipc-chronicle.jar QueueDump QUEUE_DIR}: the frames of kept
 * chronicle queues, decoded (see {@link QueueDumpCommand}). Chronicle needs JVM flags to map its files; when this
 * JVM was started without them, it runs the dump in a child JVM that has them, with the same class path, arguments
 * and standard streams, and exits with the child's status.
 */
public final class QueueDump
{
    /** Set in the child JVM so that it dumps instead of starting another child. */
    static final String CHILD_PROP_NAME = "eventpipe.queuedump.child";

    private QueueDump()
    {
    }

    /**
     * Print the frames.
     *
     * @param args see {@code --help}.
     * @throws Exception if the child JVM cannot be started.
     */
    public static void main(final String[] args) throws Exception
    {
        if (Boolean.getBoolean(CHILD_PROP_NAME))
        {
            System.exit(QueueDumpCommand.execute(args, System.out, System.err));
        }

        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ChronicleConfiguration.JVM_FLAGS);
        command.add("-D" + CHILD_PROP_NAME + "=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(QueueDump.class.getName());
        command.addAll(List.of(args));
        final Process child = new ProcessBuilder(command).inheritIO().start();
        Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
        System.exit(child.waitFor());
    }
}
