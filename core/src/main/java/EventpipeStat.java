import org.eventpipe.counters.StatCommand;

/**
 * Entry point of {@code java -cp core/target/core.jar EventpipeStat [RUN_DIR]}: the counters of a running split
 * pipeline, one column per stage. It reads the counters files with plain {@code java.nio}, so it needs no JVM flag.
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
