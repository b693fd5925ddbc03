package org.eventpipe.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One row of the report: a label and the command template that runs it. The template is the program and its own
 * options, with placeholders for the paths the report knows ({@code {java}}, {@code {core.jar}},
 * {@code {ipc-aeron.jar}}, {@code {ipc-chronicle.jar}}, {@code {bench.jar}}, which launches the baseline transports
 * {@code tcp} and {@code grpc}); the report appends the input ({@code --input FILE} or {@code --events N}), the
 * warm-up ({@code --warmup-events N}) and the outputs ({@code --summary}, {@code --results}, {@code --histogram}),
 * which every row's program accepts. A new row is a label and a template: {@link #STANDARD} or
 * {@code --row LABEL=TEMPLATE}.
 *
 * @param label     shown in the tables, unique.
 * @param kind      {@code fused}, {@code monolith}, {@code split} or {@code custom}.
 * @param transport of a split row, else empty.
 * @param batch     events per frame of a split row (0 = adaptive), -1 for other rows.
 * @param template  the command, placeholders unexpanded.
 */
public record Row(String label, String kind, String transport, int batch, List<String> template)
{
    /** The label of the row every other row is compared with, for ratios and correctness. */
    public static final String MONOLITH = "monolith";

    /** Label of the monolith on JDK queues ({@code Monolith --queue jdk}), the baseline of the Disruptor. */
    public static final String MONOLITH_JDK = "monolith (jdk queues)";

    /** Label of the fused single-threaded loop's row. */
    public static final String FUSED = "fused loop";

    /** Transports of the standard split rows, in table order. */
    public static final List<String> TRANSPORTS = List.of("aeron-ipc", "aeron-udp", "chronicle", "tcp", "grpc");

    /** Batch sizes of the standard split rows; 0 is adaptive. */
    public static final List<Integer> BATCHES = List.of(1, 10, 100, 1000, 0);

    /**
     * The standard rows: the fused loop, the Disruptor monolith, the monolith on JDK queues, then every transport at
     * every batch size.
     *
     * @param transports split transports to include.
     * @param batches    batch sizes to include.
     * @return the rows in table order.
     */
    public static List<Row> standard(final List<String> transports, final List<Integer> batches)
    {
        final List<Row> rows = new ArrayList<>();
        rows.add(new Row(FUSED, "fused", "", -1, List.of("{java}", "-cp", "{core.jar}", "Monolith", "--fused")));
        rows.add(new Row(MONOLITH, "monolith", "", -1, List.of("{java}", "-cp", "{core.jar}", "Monolith")));
        rows.add(new Row(MONOLITH_JDK, "monolith", "", -1,
            List.of("{java}", "-cp", "{core.jar}", "Monolith", "--queue", "jdk")));
        for (final String transport : transports)
        {
            final String jar = transport.startsWith("aeron") ? "{ipc-aeron.jar}" :
                "chronicle".equals(transport) ? "{ipc-chronicle.jar}" : "{bench.jar}";
            for (final int batch : batches)
            {
                rows.add(new Row(splitLabel(transport, batch), "split", transport, batch, List.of("{java}", "-cp", jar,
                    "SplitPipeline", "--transport", transport, "--batch", Integer.toString(batch))));
            }
        }
        return rows;
    }

    /**
     * A row given on the command line as {@code LABEL=TEMPLATE}, the template's words separated by spaces.
     *
     * @param definition as given.
     * @return the row.
     * @throws IllegalArgumentException if it has no label or no command.
     */
    public static Row custom(final String definition)
    {
        final int equals = definition.indexOf('=');
        if (equals < 1 || definition.substring(equals + 1).isBlank())
        {
            throw new IllegalArgumentException("--row: expected LABEL=COMMAND TEMPLATE, got '" + definition + "'");
        }
        final List<String> words = List.of(definition.substring(equals + 1).trim().split("\\s+"));
        return new Row(definition.substring(0, equals).trim(), "custom", "", -1, words);
    }

    /**
     * The label of a standard split row.
     *
     * @param transport name.
     * @param batch     events per frame, 0 = adaptive.
     * @return e.g. {@code aeron-ipc batch 100} or {@code chronicle adaptive}.
     */
    public static String splitLabel(final String transport, final int batch)
    {
        return transport + (0 == batch ? " adaptive" : " batch " + batch);
    }

    /**
     * A file-name-safe form of the label.
     *
     * @return lower case, runs of other characters replaced by one dash.
     */
    public String slug()
    {
        return label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    /**
     * The batch size as the tables show it.
     *
     * @return {@code 1} ... {@code 1000}, {@code adaptive}, or empty for rows that are not split.
     */
    public String batchName()
    {
        return batch < 0 ? "" : 0 == batch ? "adaptive" : Integer.toString(batch);
    }
}
