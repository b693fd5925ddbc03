package org.eventpipe.workload.items;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds work-item lines for the tests.
 */
final class WorkItemLines
{
    private WorkItemLines()
    {
    }

    /**
     * The same number text 64 times.
     *
     * @param number text of each element.
     * @return 64 copies.
     */
    static String[] repeat(final String number)
    {
        final String[] numbers = new String[64];
        Arrays.fill(numbers, number);
        return numbers;
    }

    /**
     * The texts of 0, 1, ..., 63 (or offset by {@code first}).
     *
     * @param first value of element 0.
     * @return 64 integers as text.
     */
    static String[] counting(final int first)
    {
        final String[] numbers = new String[64];
        for (int i = 0; i < numbers.length; i++)
        {
            numbers[i] = Integer.toString(first + i);
        }
        return numbers;
    }

    /**
     * A JSON array of the given element texts.
     *
     * @param elements texts.
     * @return {@code [e0,e1,...]}.
     */
    static String array(final String... elements)
    {
        return "[" + String.join(",", elements) + "]";
    }

    /**
     * A canonical line.
     *
     * @param id     text of the id.
     * @param vector texts of the vector elements.
     * @param matrix texts of the matrix elements.
     * @return the line.
     */
    static String line(final String id, final String[] vector, final String[] matrix)
    {
        return "{\"id\":" + id + ",\"vector\":" + array(vector) + ",\"matrix\":" + array(matrix) + "}";
    }

    /**
     * A valid line: id 7, vector 1..64, matrix 100..163.
     *
     * @return the line.
     */
    static String valid()
    {
        return line("7", counting(1), counting(100));
    }

    /**
     * The bytes of a line.
     *
     * @param line text.
     * @return its UTF-8 bytes.
     */
    static byte[] bytes(final String line)
    {
        return line.getBytes(StandardCharsets.UTF_8);
    }
}
