package org.eventpipe.workload;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import org.agrona.MutableDirectBuffer;

/**
 * What a workload's aggregate produced. Two runs agree when their results are {@link #equals equal}, bit for bit:
 * the monolith, the fused loop and every transport must give equal results on the same input.
 */
public interface WorkloadResults
{
    /**
     * Entries folded into the results; the count of kept entries must equal it.
     *
     * @return count.
     */
    long total();

    /**
     * The results file's content.
     *
     * @return NDJSON lines, each ending with a newline.
     */
    String toJsonLines();

    /**
     * The results for a human, as the monolith prints them and the split report holds them.
     *
     * @return lines without newlines.
     */
    List<String> reportLines();

    /**
     * Write the results as the value of the field named {@code results} of a run summary.
     *
     * @param json positioned where the field's value goes.
     * @throws IOException if writing fails.
     */
    void writeSummary(JsonGenerator json) throws IOException;

    /**
     * Length of {@link #encode}'s encoding.
     *
     * @return bytes.
     */
    int encodedLength();

    /**
     * Encode the results for the aggregate-to-sink edge; {@link Workload#decodeResults} reads them back equal.
     *
     * @param buffer to write to.
     * @param offset of the first byte.
     */
    void encode(MutableDirectBuffer buffer, int offset);

    /**
     * What differs from other results, for a failed comparison.
     *
     * @param other results.
     * @return one line per difference, empty if equal.
     */
    default List<String> differences(final WorkloadResults other)
    {
        return equals(other) ? List.of() : List.of("results differ: " + this + " != " + other);
    }
}
