import org.eventpipe.counters.StatCommand;

/**
 * Entry point of {@code java -cp core/target/core.jar EventpipeStat [RUN_DIR]}: the counters of a running split
 * pipeline, one column per stage. Reading the memory-mapped counters needs Agrona's
 * {@code --add-opens java.base/jdk.internal.misc=ALL-UNNAMED}.
 */
public final class EventpipeStat
{
    private EventpipeStat()
    {
    }

    /**
     * Print the counters.
     *
     * @param args see {@code --help}.
     */
    public static void main(final String[] args)
    {
        System.exit(StatCommand.execute(args, System.out, System.err));
    }
}
