package org.eventpipe.chronicle;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.eventpipe.bridge.Edge;
import org.eventpipe.bridge.FrameReceiver;
import org.eventpipe.bridge.FrameSender;
import org.eventpipe.codec.FrameDecoder;
import org.eventpipe.codec.FrameHandler;
import org.eventpipe.fault.FaultInjection;
import org.eventpipe.ingest.LineSource;
import org.eventpipe.ingest.NdjsonLineReader;
import org.eventpipe.model.EventType;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.monolith.MonolithConfiguration;
import org.eventpipe.recovery.DurableInput;
import org.eventpipe.recovery.DurableLink;
import org.eventpipe.recovery.DurableOutput;
import org.eventpipe.recovery.StageCheckpoint;
import org.eventpipe.stage.EdgePublisher;
import org.eventpipe.stage.IngestStageAgent;
import org.eventpipe.stage.StageAgent;
import org.eventpipe.stage.StageMetricsRecorder;
import org.eventpipe.stage.StageSettings;
import org.eventpipe.workload.Workloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parse stage dies right after committing its k-th frame, for every k, and a new parse stage resumes from the
 * checkpoint of the last frame on its output queue: the output must then hold every input line that is not blank
 * exactly once, as a parsed event or a reject. This is the death between two frames that a SIGKILL hits only now and
 * then: parse sends a reject batch and a parsed batch one after the other, and each must carry a checkpoint that
 * covers only events in committed frames (issue 15: 256 events, one parsed batch, were lost when parse resumed from
 * the checkpoint of a reject frame sent just before the parsed batch it covered).
 * <p>
 * The stages run in this JVM over real Chronicle queues, the death being a sender that throws once the frame is
 * committed, so that nothing more is written. Adaptive batches of at most 64 events keep the input small while
 * parsed batches still fill up between rejects (one bad line in 29).
 */
final class ParseCrashBetweenFramesTest
{
    private static final long EVENTS = 600;
    private static final StageSettings SETTINGS = new StageSettings(0, 64, 0, "no-op", 16, 10_000,
        MonolithConfiguration.MAX_LINE_LENGTH_DEFAULT, 16, EnumSet.noneOf(EventType.class));

    @TempDir
    Path directory;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldHoldEveryLineExactlyOnceWhenParseDiesAfterAnyFrame() throws Exception
    {
        final byte[] input = SplitRuns.hostileInput(EVENTS);
        final List<Long> expected = nonBlankLines(input);
        final Map<String, String> properties = Map.of(ChronicleConfiguration.DELETE_CONSUMED_PROP_NAME, "false");

        final Path undisturbed = directory.resolve("undisturbed");
        ingest(input, undisturbed, properties);
        final int frames = parse(undisturbed, properties, Integer.MAX_VALUE);
        assertEquals(expected, outputLines(undisturbed, properties), "undisturbed run");
        assertTrue(frames > 10, "frames sent: " + frames);

        final List<String> lossy = new ArrayList<>();
        for (int crashAfter = 1; crashAfter < frames - 1; crashAfter++)
        {
            final Path queues = directory.resolve("crash-after-" + crashAfter);
            ingest(input, queues, properties);
            parse(queues, properties, crashAfter);
            parse(queues, properties, Integer.MAX_VALUE);
            final List<Long> lines = outputLines(queues, properties);
            if (!expected.equals(lines))
            {
                lossy.add("died after frame " + crashAfter + ": " + lines.size() + " lines instead of " +
                    expected.size());
            }
            QueueDirectories.delete(queues);
        }
        assertEquals(List.of(), lossy);
    }

    private static void ingest(final byte[] input, final Path queues, final Map<String, String> properties)
        throws Exception
    {
        try (ChronicleStageLink link = new ChronicleStageLink("ingest", queues, properties);
            LineSource source = new NdjsonLineReader(new ByteArrayInputStream(input), "input",
                MonolithConfiguration.MAX_LINE_LENGTH_DEFAULT))
        {
            final StageMetricsRecorder metrics = new StageMetricsRecorder();
            final FrameSender sender = link.sender(Edge.INGEST_TO_PARSE);
            final IngestStageAgent agent = new IngestStageAgent(source,
                publisher("ingest", Edge.INGEST_TO_PARSE, sender, metrics), metrics, SETTINGS);
            agent.recover(link.output(sender));
            run(agent);
        }
    }

    /**
     * Run a parse stage, resuming from the checkpoint on its output if there is one, until it ends or dies after
     * committing a number of frames.
     *
     * @return frames it committed.
     */
    private static int parse(final Path queues, final Map<String, String> properties, final int dieAfter)
        throws Exception
    {
        try (ChronicleStageLink link = new ChronicleStageLink("parse", queues, properties))
        {
            final FrameReceiver input = link.receiver(Edge.INGEST_TO_PARSE);
            final DyingSender output = new DyingSender(link.sender(Edge.PARSE_TO_RULES), dieAfter);
            final StageMetricsRecorder metrics = new StageMetricsRecorder();
            final StageAgent agent = StageAgent.parse(input,
                publisher("parse", Edge.PARSE_TO_RULES, output, metrics), metrics, SETTINGS, FaultInjection.NONE,
                Workloads.events());
            agent.recover(new DurableLink()
            {
                public DurableOutput output(final FrameSender sender)
                {
                    return output;
                }

                public DurableInput input(final FrameReceiver receiver)
                {
                    return link.input(receiver);
                }
            });
            try
            {
                run(agent);
            }
            catch (final Died ignore)
            {
                // the stage is gone: nothing more is written
            }
            return output.committed;
        }
    }

    private static EdgePublisher publisher(
        final String stage, final Edge edge, final FrameSender sender, final StageMetricsRecorder metrics)
    {
        return new EdgePublisher(stage, edge, sender, new NoOpIdleStrategy(), 10_000, metrics);
    }

    private static void run(final Agent agent) throws Exception
    {
        agent.onStart();
        try
        {
            while (true)
            {
                if (0 == agent.doWork() && Thread.currentThread().isInterrupted())
                {
                    throw new InterruptedException();
                }
            }
        }
        catch (final AgentTerminationException ex)
        {
            agent.onClose();
        }
    }

    /**
     * Line numbers of the events on the parse-to-rules queue, parsed and rejected, in the order of their frames.
     */
    private static List<Long> outputLines(final Path queues, final Map<String, String> properties)
    {
        final List<Long> lines = new ArrayList<>();
        final FrameHandler collector = new FrameHandler()
        {
            public void onEntry(final PipelineEvent event, final DirectBuffer buffer, final int offset)
            {
                lines.add(event.lineNumber());
            }

            public void onReject(final PipelineEvent event)
            {
                lines.add(event.lineNumber());
            }
        };
        final FrameDecoder decoder = new FrameDecoder(collector, MonolithConfiguration.MAX_LINE_LENGTH_DEFAULT);
        try (ChronicleStageLink link = new ChronicleStageLink("rules", queues, properties))
        {
            final FrameReceiver receiver = link.receiver(Edge.PARSE_TO_RULES);
            int frames;
            do
            {
                frames = receiver.poll((buffer, offset, length) -> decoder.decode(buffer, offset, length), 64);
            }
            while (frames > 0);
        }
        lines.sort(null);
        return lines;
    }

    private static List<Long> nonBlankLines(final byte[] input) throws Exception
    {
        final List<Long> lines = new ArrayList<>();
        try (LineSource source = new NdjsonLineReader(new ByteArrayInputStream(input), "input",
            MonolithConfiguration.MAX_LINE_LENGTH_DEFAULT))
        {
            while (source.next())
            {
                if (source.lineLength() > MonolithConfiguration.MAX_LINE_LENGTH_DEFAULT ||
                    !LineSource.isBlank(source.lineBuffer(), source.lineOffset(), source.lineLength()))
                {
                    lines.add(source.lineNumber());
                }
            }
        }
        return lines;
    }

    private static final class Died extends Error
    {
        private static final long serialVersionUID = 1L;

        Died(final int frames)
        {
            super("parse died after committing " + frames + " frames", null, false, false);
        }
    }

    /**
     * A sender that dies (throws {@link Died}) once it has committed a number of frames.
     */
    private static final class DyingSender implements FrameSender, DurableOutput
    {
        private final FrameSender delegate;
        private final DurableOutput durable;
        private final int dieAfter;
        private int committed;

        DyingSender(final FrameSender delegate, final int dieAfter)
        {
            this.delegate = delegate;
            this.durable = (DurableOutput)delegate;
            this.dieAfter = dieAfter;
        }

        private void onCommitted()
        {
            if (++committed == dieAfter)
            {
                throw new Died(committed);
            }
        }

        public long tryClaim(final int length)
        {
            return delegate.tryClaim(length);
        }

        public MutableDirectBuffer claimBuffer()
        {
            return delegate.claimBuffer();
        }

        public int claimOffset()
        {
            return delegate.claimOffset();
        }

        public void commit()
        {
            delegate.commit();
            onCommitted();
        }

        public void abort()
        {
            delegate.abort();
        }

        public long offer(final DirectBuffer buffer, final int offset, final int length)
        {
            final long result = delegate.offer(buffer, offset, length);
            if (result >= 0)
            {
                onCommitted();
            }
            return result;
        }

        public int maxClaimLength()
        {
            return delegate.maxClaimLength();
        }

        public int maxFrameLength()
        {
            return delegate.maxFrameLength();
        }

        public boolean isConnected()
        {
            return delegate.isConnected();
        }

        public void recordCheckpoints(final StageCheckpoint checkpoint)
        {
            durable.recordCheckpoints(checkpoint);
        }

        public boolean readLastCheckpoint(final StageCheckpoint checkpoint)
        {
            return durable.readLastCheckpoint(checkpoint);
        }

        public String description()
        {
            return delegate.description();
        }

        public void close()
        {
            delegate.close();
        }
    }
}
