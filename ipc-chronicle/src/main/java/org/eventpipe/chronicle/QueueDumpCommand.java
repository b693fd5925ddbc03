package org.eventpipe.chronicle;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.eventpipe.bridge.Edge;
import org.eventpipe.cli.CommandLines;
import org.eventpipe.cli.ExitCodes;
import org.eventpipe.cli.UsageException;
import org.eventpipe.codec.CorruptFrameException;
import org.eventpipe.codec.EndOfStreamCounts;
import org.eventpipe.codec.FrameDecoder;
import org.eventpipe.codec.FrameHandler;
import org.eventpipe.codec.FrameType;
import org.eventpipe.codec.StageId;
import org.eventpipe.codec.StageMetricsSnapshot;
import org.eventpipe.model.PipelineEvent;
import org.eventpipe.monolith.MonolithConfiguration;
import org.eventpipe.recovery.StageCheckpoint;
import org.eventpipe.workload.Workload;
import org.eventpipe.workload.WorkloadResults;
import org.eventpipe.workload.Workloads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code QueueDump}: prints the frames of kept Chronicle queues (a run's queue directory, kept with
 * {@code --keep-queues} or after a failure) through the project's own {@link FrameDecoder}: edge, excerpt index,
 * frame type, sender, sequence and event count, and on request every entry. Chronicle's {@code DumpMain} shows
 * only hex, and {@code ChronicleReaderMain} neither knows the transport's one-second roll cycle nor decodes SBE.
 * <p>
 * Read only: the queues are opened read-only and nothing is written or deleted. A frame that does not decode is
 * printed with the reason and the dump goes on; the exit status is then {@link ExitCodes#FAILED}.
 */
@Command(name = "QueueDump", mixinStandardHelpOptions = true,
    description = "Print the frames of kept chronicle queues, decoded: edge, index, type, sender, sequence, events.")
public final class QueueDumpCommand implements Callable<Integer>
{
    private static final int MAX_PRINTED_LINE = 160;
    private static final String QUEUE_FILE_SUFFIX = ".cq4";

    @Parameters(paramLabel = "QUEUE_DIR",
        description = "A run's queue directory (holding one queue per edge, e.g. <run>-queues) or one edge's queue.")
    Path directory;

    @Option(names = "--edge", paramLabel = "EDGE",
        description = "Only this edge, e.g. parse-rules (default: every edge found, in pipeline order).")
    String edgeName;

    @Option(names = "--entries", description = "Also print every line, entry and reject of each frame.")
    boolean entries;

    @Option(names = "--checkpoints",
        description = "Also print the checkpoint stored with each frame (where a restarted sender resumes).")
    boolean checkpoints;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "-1",
        description = "Print at most N frames per queue; the summary still counts them all (default: no limit).")
    long limit;

    @Option(names = "--workload", paramLabel = "NAME", defaultValue = Workloads.DEFAULT,
        description = "Workload whose entries the queues carry (default: ${DEFAULT-VALUE}).")
    String workloadName;

    @Option(names = "--max-line-length", paramLabel = "BYTES",
        defaultValue = "" + MonolithConfiguration.MAX_LINE_LENGTH_DEFAULT,
        description = "The run's maximum line length (default: ${DEFAULT-VALUE}).")
    int maxLineLength;

    @Option(names = "--roll-cycle", paramLabel = "NAME", defaultValue = ChronicleConfiguration.ROLL_CYCLE_DEFAULT,
        description = "Roll cycle the queues were written with (default: ${DEFAULT-VALUE}).")
    String rollCycleName;

    private PrintStream out = System.out;

    /**
     * Run the command in this JVM, which must have Chronicle's flags ({@link ChronicleConfiguration#JVM_FLAGS}).
     *
     * @param args see {@code --help}.
     * @param out  standard output.
     * @param err  standard error.
     * @return the exit status.
     */
    public static int execute(final String[] args, final PrintStream out, final PrintStream err)
    {
        final QueueDumpCommand command = new QueueDumpCommand();
        command.out = out;
        return CommandLines.execute(command, args, out, err);
    }

    /**
     * {@inheritDoc}
     */
    public Integer call() throws Exception
    {
        final Workload workload = Workloads.named(workloadName);
        if (limit < -1)
        {
            throw new UsageException("--limit must be -1 (no limit) or at least 0: " + limit);
        }
        if (maxLineLength < 1)
        {
            throw new UsageException("--max-line-length must be positive: " + maxLineLength);
        }
        final RollCycle rollCycle;
        try
        {
            rollCycle = ChronicleConfiguration.rollCycle(Map.of(ChronicleConfiguration.ROLL_CYCLE_PROP_NAME,
                rollCycleName));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UsageException("--roll-cycle: unknown roll cycle '" + rollCycleName + "'");
        }
        if (null != edgeName && null == edgeOrNull(edgeName))
        {
            throw new UsageException("--edge: unknown edge '" + edgeName + "', expected one of: " + edgeNames());
        }
        final List<Path> queues = queues(directory);

        boolean corrupt = false;
        for (final Path queue : queues)
        {
            corrupt |= dump(queue, rollCycle, workload);
        }
        return corrupt ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private List<Path> queues(final Path root) throws IOException
    {
        if (!Files.isDirectory(root))
        {
            throw new UsageException("queue directory " + root + " does not exist");
        }
        if (isQueue(root))
        {
            return List.of(root);
        }
        final List<Path> queues = new ArrayList<>();
        for (final Edge edge : Edge.values())
        {
            final Path queue = root.resolve(edge.edgeName());
            if ((null == edgeName || edgeName.equals(edge.edgeName())) && isQueue(queue))
            {
                queues.add(queue);
            }
        }
        if (queues.isEmpty())
        {
            throw new UsageException("no chronicle queue in " + root + (null == edgeName ? "" : " for edge " +
                edgeName) + ": expected a queue directory or a run's queue directory with one per edge (" +
                edgeNames() + ")");
        }
        return queues;
    }

    private static boolean isQueue(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            return false;
        }
        try (Stream<Path> files = Files.list(directory))
        {
            return files.anyMatch((file) -> file.getFileName().toString().endsWith(QUEUE_FILE_SUFFIX));
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private boolean dump(final Path queuePath, final RollCycle rollCycle, final Workload workload)
    {
        final Edge edge = edgeOrNull(queuePath.getFileName().toString());
        out.println("queue " + queuePath.toAbsolutePath() + (null == edge ? "" : " (edge " + edge.edgeName() + ")"));
        final Printer printer = new Printer(workload);
        final FrameDecoder decoder = new FrameDecoder(printer, maxLineLength, workload);
        final UnsafeBuffer frame = new UnsafeBuffer(0, 0);
        final StageCheckpoint checkpoint = new StageCheckpoint();
        long frames = 0;
        long corruptFrames = 0;
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.binary(queuePath)
            .readOnly(true)
            .rollCycle(rollCycle)
            .build();
            ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext document = tailer.readingDocument())
                {
                    if (!document.isPresent())
                    {
                        break;
                    }
                    final long index = document.index();
                    final Bytes<?> bytes = document.wire().bytes();
                    final int length = (int)bytes.readRemaining();
                    frame.wrap(bytes.addressForRead(bytes.readPosition()), length);
                    printer.printing = limit < 0 || frames < limit;
                    printer.prefix = "  index " + Long.toHexString(index) + " (cycle " +
                        Instant.ofEpochMilli((long)rollCycle.toCycle(index) * rollCycle.lengthInMillis()) +
                        " seq " + rollCycle.toSequenceNumber(index) + ") ";
                    frames++;
                    if (length < ChronicleConfiguration.CHECKPOINT_LENGTH)
                    {
                        corruptFrames++;
                        out.println(printer.prefix + "CORRUPT excerpt: " + length + " B, shorter than the " +
                            ChronicleConfiguration.CHECKPOINT_LENGTH + " B checkpoint every excerpt starts with");
                        continue;
                    }
                    final int frameLength = length - ChronicleConfiguration.CHECKPOINT_LENGTH;
                    printer.prefix += frameLength + " B  ";
                    try
                    {
                        decoder.decode(frame, ChronicleConfiguration.CHECKPOINT_LENGTH, frameLength);
                    }
                    catch (final CorruptFrameException ex)
                    {
                        corruptFrames++;
                        out.println(printer.prefix + "CORRUPT frame: " + ex.getMessage());
                    }
                    if (checkpoints && printer.printing)
                    {
                        out.println("      " + describe(checkpoint.decode(frame, 0)));
                    }
                }
            }
        }
        if (limit >= 0 && frames > limit)
        {
            out.println("  ... " + (frames - limit) + " more frames not printed (--limit " + limit + ")");
        }
        out.println("  " + frames + " frames" + printer.summary() + (corruptFrames > 0 ? ", " + corruptFrames +
            " CORRUPT" : ""));
        return corruptFrames > 0;
    }

    private static String describe(final StageCheckpoint checkpoint)
    {
        return "checkpoint: input " + (StageCheckpoint.NULL_POSITION == checkpoint.inputPosition() ? "none" :
            "index " + Long.toHexString(checkpoint.inputPosition()) + " seq " + checkpoint.inputSequence() + " " +
            (checkpoint.inputFrameDone() ? "done" : checkpoint.inputEventsDone() + " events done")) +
            ", output seq " + checkpoint.outputSequence() + " frames " + checkpoint.outputFramesSent() + " events " +
            checkpoint.outputEventsSent() + (checkpoint.isEndOfStreamSent() ? ", end of stream sent" : "");
    }

    private static Edge edgeOrNull(final String name)
    {
        for (final Edge edge : Edge.values())
        {
            if (edge.edgeName().equals(name))
            {
                return edge;
            }
        }
        return null;
    }

    private static String edgeNames()
    {
        final List<String> names = new ArrayList<>();
        for (final Edge edge : Edge.values())
        {
            names.add(edge.edgeName());
        }
        return String.join(", ", names);
    }

    private static String printable(final byte[] bytes, final int length)
    {
        final int shown = Math.min(length, MAX_PRINTED_LINE);
        final StringBuilder text = new StringBuilder(shown + 16);
        final String decoded = new String(bytes, 0, shown, StandardCharsets.UTF_8);
        for (int i = 0; i < decoded.length(); i++)
        {
            final char c = decoded.charAt(i);
            if (c < 0x20 || c == 0x7F)
            {
                text.append(String.format("\\x%02x", (int)c));
            }
            else
            {
                text.append(c);
            }
        }
        if (length > shown)
        {
            text.append("... (").append(length).append(" B)");
        }
        return text.toString();
    }

    private final class Printer implements FrameHandler
    {
        private final Workload workload;
        private final PipelineEvent entry;
        private final Map<FrameType, long[]> counts = new EnumMap<>(FrameType.class);
        private long events;
        private boolean printing;
        private String prefix = "";

        Printer(final Workload workload)
        {
            this.workload = workload;
            this.entry = new PipelineEvent().entry(workload.newEntry());
        }

        public void onFrameHeader(final FrameType type, final StageId sender, final long sequence, final int eventCount)
        {
            counts.computeIfAbsent(type, (ignored) -> new long[2])[0]++;
            counts.get(type)[1] += eventCount;
            events += FrameType.ENTRY_BATCH == type || FrameType.RAW_LINE_BATCH == type ? eventCount : 0;
            if (printing)
            {
                out.println(prefix + type + " sender=" + sender.name().toLowerCase(Locale.ROOT) + " seq=" + sequence +
                    " events=" + eventCount);
            }
        }

        public void onRawLine(final PipelineEvent event)
        {
            if (printing && entries)
            {
                out.println("      line " + event.lineNumber() + ": " +
                    printable(event.line(), event.storedLineLength()) +
                    (event.lineLength() > event.storedLineLength() ? " (truncated, true length " +
                    event.lineLength() + ")" : ""));
            }
        }

        public void onEntry(final PipelineEvent event, final DirectBuffer buffer, final int offset)
        {
            if (printing && entries)
            {
                workload.entryCodec().decode(buffer, offset, entry);
                final Object decoded = entry.entry();
                out.println("      entry line " + entry.lineNumber() + ": " + (null != decoded &&
                    !(decoded instanceof PipelineEvent) ? decoded : "userId=" + entry.userId() + " type=" +
                    entry.type() + " value=" + entry.value() + " ts=" + entry.timestamp()));
            }
        }

        public void onReject(final PipelineEvent event, final int excerptLength)
        {
            if (printing && entries)
            {
                out.println("      reject line " + event.lineNumber() + " " + event.rejectReason() + ": " +
                    printable(event.line(), excerptLength));
            }
        }

        public void onResults(final WorkloadResults results)
        {
            if (printing)
            {
                results.reportLines().forEach((line) -> out.println("      " + line));
            }
        }

        public void onEndOfStream(final EndOfStreamCounts counts)
        {
            if (printing)
            {
                out.println("      " + counts);
            }
        }

        public void onStageMetrics(final StageMetricsSnapshot metrics)
        {
            if (printing)
            {
                out.println("      metrics of " + metrics.stage().name().toLowerCase(Locale.ROOT) + ": wall " +
                    metrics.wallNanos() / 1_000_000 + " ms, processing " + metrics.processingNanos() / 1_000_000 +
                    " ms");
            }
        }

        String summary()
        {
            final StringBuilder text = new StringBuilder();
            for (final Map.Entry<FrameType, long[]> count : counts.entrySet())
            {
                text.append(text.length() == 0 ? ": " : ", ").append(count.getKey()).append(' ')
                    .append(count.getValue()[0]);
            }
            return text.append("; ").append(events).append(" lines or entries").toString();
        }
    }
}
