package org.eventpipe.support;

import java.io.IOException;
import java.math.BigInteger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eventpipe.model.RejectReason;

/**
 * An independent judge of work-item lines built on Jackson and {@link Double#parseDouble}, the oracle of the work-item
 * parser's differential tests and of {@link WorkItemReference}. A line is valid iff Jackson's {@link ObjectMapper}
 * (strict defaults, {@link DeserializationFeature#FAIL_ON_TRAILING_TOKENS}) reads it as one JSON object holding
 * exactly one each of {@code id} (integral, {@code [0, 2^63-1]}), {@code vector} and {@code matrix} (arrays of exactly
 * 64 numbers, each number's text given to {@link Double#parseDouble}, which must not give an infinity).
 * <p>
 * The reason of a rejection follows the parser's documented precedence: syntax ({@code MALFORMED_JSON}), then
 * {@code NOT_AN_OBJECT}, then the first problem met walking the top-level fields in order (a repeated required field
 * is {@code DUPLICATE_FIELD} before its value is looked at; an array's elements in order, {@code WRONG_TYPE} or
 * {@code OUT_OF_RANGE}, then its length, {@code WRONG_LENGTH}), and {@code MISSING_FIELD} last. Not thread safe.
 */
public final class JacksonWorkItemOracle
{
    /** Elements of the vector and of the matrix. */
    public static final int ARRAY_LENGTH = 64;

    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final ObjectMapper fieldMapper = new ObjectMapper();

    /**
     * The oracle's decision about one line.
     *
     * @param reason why it is rejected, or null if it is accepted.
     * @param id     of an accepted line.
     * @param vector of an accepted line, 64 elements.
     * @param matrix of an accepted line, 64 elements row-major.
     */
    public record Verdict(RejectReason reason, long id, double[] vector, double[] matrix)
    {
        /**
         * Whether the line is accepted.
         *
         * @return true if accepted.
         */
        public boolean accepted()
        {
            return null == reason;
        }
    }

    /**
     * Judge a line.
     *
     * @param bytes  holding the line.
     * @param offset of its first byte.
     * @param length of the line without terminator.
     * @return the verdict.
     */
    public Verdict judge(final byte[] bytes, final int offset, final int length)
    {
        final JsonNode root;
        try
        {
            root = mapper.readTree(bytes, offset, length);
        }
        catch (final IOException ex)
        {
            return rejected(RejectReason.MALFORMED_JSON);
        }
        if (null == root || root.isMissingNode())
        {
            return rejected(RejectReason.MALFORMED_JSON);
        }
        if (!root.isObject())
        {
            return rejected(RejectReason.NOT_AN_OBJECT);
        }

        try (JsonParser parser = fieldMapper.createParser(bytes, offset, length))
        {
            return judgeFields(parser);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("streaming parse failed after readTree succeeded", ex);
        }
    }

    /**
     * Judge a line.
     *
     * @param line the bytes of the line without terminator.
     * @return the verdict.
     */
    public Verdict judge(final byte[] line)
    {
        return judge(line, 0, line.length);
    }

    private Verdict judgeFields(final JsonParser parser) throws IOException
    {
        RejectReason problem = null;
        boolean seenId = false;
        boolean seenVector = false;
        boolean seenMatrix = false;
        long id = 0;
        final double[] vector = new double[ARRAY_LENGTH];
        final double[] matrix = new double[ARRAY_LENGTH];

        parser.nextToken();
        while (parser.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = parser.currentName();
            parser.nextToken();
            switch (name)
            {
                case "id":
                {
                    problem = first(problem, seenId ? RejectReason.DUPLICATE_FIELD : null);
                    seenId = true;
                    final JsonNode node = parser.readValueAsTree();
                    if (!node.isIntegralNumber())
                    {
                        problem = first(problem, RejectReason.WRONG_TYPE);
                    }
                    else
                    {
                        final BigInteger number = node.bigIntegerValue();
                        if (number.signum() < 0 || number.compareTo(LONG_MAX) > 0)
                        {
                            problem = first(problem, RejectReason.OUT_OF_RANGE);
                        }
                        else if (null == problem)
                        {
                            id = number.longValueExact();
                        }
                    }
                    break;
                }

                case "vector":
                    problem = first(problem, seenVector ? RejectReason.DUPLICATE_FIELD : null);
                    seenVector = true;
                    problem = first(problem, readArray(parser, vector));
                    break;

                case "matrix":
                    problem = first(problem, seenMatrix ? RejectReason.DUPLICATE_FIELD : null);
                    seenMatrix = true;
                    problem = first(problem, readArray(parser, matrix));
                    break;

                default:
                    parser.skipChildren();
                    break;
            }
        }

        if (null != problem)
        {
            return rejected(problem);
        }
        if (!(seenId && seenVector && seenMatrix))
        {
            return rejected(RejectReason.MISSING_FIELD);
        }
        return new Verdict(null, id, vector, matrix);
    }

    private static RejectReason readArray(final JsonParser parser, final double[] into) throws IOException
    {
        if (parser.currentToken() != JsonToken.START_ARRAY)
        {
            parser.skipChildren();
            return RejectReason.WRONG_TYPE;
        }
        RejectReason problem = null;
        int count = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY)
        {
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT)
            {
                final double value = Double.parseDouble(parser.getText());
                if (Double.isInfinite(value))
                {
                    problem = first(problem, RejectReason.OUT_OF_RANGE);
                }
                else if (count < into.length)
                {
                    into[count] = value;
                }
            }
            else
            {
                problem = first(problem, RejectReason.WRONG_TYPE);
                parser.skipChildren();
            }
            count++;
        }
        return first(problem, count != into.length ? RejectReason.WRONG_LENGTH : null);
    }

    private static RejectReason first(final RejectReason current, final RejectReason candidate)
    {
        return null != current ? current : candidate;
    }

    private static Verdict rejected(final RejectReason reason)
    {
        return new Verdict(reason, 0, null, null);
    }
}
