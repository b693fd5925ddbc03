import org.eventpipe.cli.MonolithCommand;

/**
 * Entry point of {@code java -cp core/target/core.jar Monolith}: the Disruptor pipeline in one JVM. It touches no
 * Agrona unsafe class, so it runs without any {@code --add-opens} flag.
 */
public final class Monolith
{
    private Monolith()
    {
    }

    /**
     * Run the monolith.
     *
     * @param args see {@code --help}.
     */
    public static void main(final String[] args)
    {
        System.exit(MonolithCommand.execute(args, System.out, System.err));
    }
}
