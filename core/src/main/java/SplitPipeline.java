import org.eventpipe.launch.SplitPipelineCommand;

/**
 * Entry point of {@code java -cp ipc-aeron/target/ipc-aeron.jar SplitPipeline}: launches the split pipeline.
 */
public final class SplitPipeline
{
    private SplitPipeline()
    {
    }

    /**
     * Launch the split pipeline.
     *
     * @param args see {@code --help}.
     */
    public static void main(final String[] args)
    {
        SplitPipelineCommand.main(args);
    }
}
