package org.eventpipe.workload.items;

import java.util.Arrays;

import com.lmax.disruptor.EventFactory;

/**
 * One work item of the CPU-bound workload: an id, a vector of {@value #VECTOR_LENGTH} doubles and an 8x8 matrix of
 * doubles held row-major in a {@code double[64]} (element {@code (r, c)} at index {@code 8 * r + c}). With them ride
 * the item's line number and ingest stamp, which the frames carry.
 * <p>
 * Preallocated and reused: the arrays are created once and written in place, so nothing is allocated after
 * construction. Not thread safe.
 */
public final class WorkItem
{
    /** Number of elements of the vector. */
    public static final int VECTOR_LENGTH = 64;

    /** Number of rows, and of columns, of the matrix. */
    public static final int MATRIX_SIZE = 8;

    /** Number of elements of the matrix, held row-major. */
    public static final int MATRIX_LENGTH = MATRIX_SIZE * MATRIX_SIZE;

    /** Creates the items of a Disruptor ring buffer. */
    public static final EventFactory<WorkItem> FACTORY = WorkItem::new;

    private final double[] vector = new double[VECTOR_LENGTH];
    private final double[] matrix = new double[MATRIX_LENGTH];
    private long id;
    private long lineNumber;
    private long ingestNanos;

    /**
     * Id of the item.
     *
     * @return the id.
     */
    public long id()
    {
        return id;
    }

    /**
     * Set the id of the item.
     *
     * @param id of the item.
     */
    public void id(final long id)
    {
        this.id = id;
    }

    /**
     * The vector, written in place by the parser and the rules.
     *
     * @return the array of {@value #VECTOR_LENGTH} elements, owned by this item.
     */
    public double[] vector()
    {
        return vector;
    }

    /**
     * The matrix, row-major, written in place by the parser and the rules.
     *
     * @return the array of {@value #MATRIX_LENGTH} elements, owned by this item.
     */
    public double[] matrix()
    {
        return matrix;
    }

    /**
     * Line number of the item in the input, starting at 1.
     *
     * @return the line number.
     */
    public long lineNumber()
    {
        return lineNumber;
    }

    /**
     * Set the line number of the item.
     *
     * @param lineNumber in the input, starting at 1.
     */
    public void lineNumber(final long lineNumber)
    {
        this.lineNumber = lineNumber;
    }

    /**
     * {@code System.nanoTime()} at which ingest published the item's line.
     *
     * @return the ingest stamp.
     */
    public long ingestNanos()
    {
        return ingestNanos;
    }

    /**
     * Set the ingest stamp.
     *
     * @param ingestNanos {@code System.nanoTime()} at which ingest published the line.
     */
    public void ingestNanos(final long ingestNanos)
    {
        this.ingestNanos = ingestNanos;
    }

    /**
     * Copy every field of another item into this one.
     *
     * @param source to copy.
     */
    public void copyFrom(final WorkItem source)
    {
        id = source.id;
        lineNumber = source.lineNumber;
        ingestNanos = source.ingestNanos;
        System.arraycopy(source.vector, 0, vector, 0, VECTOR_LENGTH);
        System.arraycopy(source.matrix, 0, matrix, 0, MATRIX_LENGTH);
    }

    /**
     * Zero every field.
     */
    public void clear()
    {
        id = 0;
        lineNumber = 0;
        ingestNanos = 0;
        Arrays.fill(vector, 0.0);
        Arrays.fill(matrix, 0.0);
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "WorkItem{id=" + id + ", line=" + lineNumber + ", vector=" + Arrays.toString(vector) +
            ", matrix=" + Arrays.toString(matrix) + '}';
    }
}
