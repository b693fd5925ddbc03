package org.eventpipe.support;

import java.io.IOException;
import java.math.BigInteger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eventpipe.model.EventType;
import org.eventpipe.model.RejectReason;

/**
 * An independent judge of event lines built on Jackson, the oracle of the parser's differential test and of the
 * end-to-end reference loop. A line is valid iff Jackson's {@link ObjectMapper} (strict defaults,
 * {@link DeserializationFeature#FAIL_ON_TRAILING_TOKENS}) reads it as one JSON object holding exactly one each of
 * {@code userId} (integral, {@code [0, 2^31-1]}), {@code type} (a string equal to click, view or purchase after
 * decoding), {@code value} (integral, int32) and {@code ts} (integral, {@code [0, 2^63-1]}); "integral" is
 * {@link JsonNode#isIntegralNumber()}, a number token without fraction or exponent.
 * <p>
 * The reason of a rejection follows the parser's documented precedence: syntax first ({@code MALFORMED_JSON}), then
 * {@code NOT_AN_OBJECT}, then the first problem met walking the top-level fields in order (a repeated required field
 * is {@code DUPLICATE_FIELD} before its value is looked at), and {@code MISSING_FIELD} last. Duplicates are found with
 * the streaming parser, after name decoding, because {@code readTree} keeps only the last of duplicate fields.
 * Not thread safe.
 */
public final class JacksonEventOracle
{
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Reads the value of each field in the streaming walk, where the rest of the object must not count as trailing. */
    private final ObjectMapper fieldMapper = new ObjectMapper();

    /**
     * The oracle's decision about one line.
     *
     * @param reason why it is rejected, or null if it is accepted.
     * @param userId of an accepted line.
     * @param type   of an accepted line.
     * @param value  of an accepted line.
     * @param ts     of an accepted line.
     */
    public record Verdict(RejectReason reason, int userId, EventType type, int value, long ts)
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
        boolean seenUserId = false;
        boolean seenType = false;
        boolean seenValue = false;
        boolean seenTs = false;
        int userId = 0;
        EventType type = null;
        int value = 0;
        long ts = 0;

        parser.nextToken();
        while (parser.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = parser.currentName();
            parser.nextToken();
            final JsonNode node = parser.readValueAsTree();
            switch (name)
            {
                case "userId":
                    problem = first(problem, seenUserId ? RejectReason.DUPLICATE_FIELD : null);
                    seenUserId = true;
                    problem = first(problem, checkIntegral(node, BigInteger.ZERO, INT_MAX));
                    if (null == problem)
                    {
                        userId = node.intValue();
                    }
                    break;

                case "type":
                    problem = first(problem, seenType ? RejectReason.DUPLICATE_FIELD : null);
                    seenType = true;
                    if (!node.isTextual())
                    {
                        problem = first(problem, RejectReason.WRONG_TYPE);
                    }
                    else
                    {
                        type = EventType.fromJsonName(node.textValue());
                        problem = first(problem, null == type ? RejectReason.UNKNOWN_TYPE : null);
                    }
                    break;

                case "value":
                    problem = first(problem, seenValue ? RejectReason.DUPLICATE_FIELD : null);
                    seenValue = true;
                    problem = first(problem, checkIntegral(node, INT_MIN, INT_MAX));
                    if (null == problem)
                    {
                        value = node.intValue();
                    }
                    break;

                case "ts":
                    problem = first(problem, seenTs ? RejectReason.DUPLICATE_FIELD : null);
                    seenTs = true;
                    problem = first(problem, checkIntegral(node, BigInteger.ZERO, LONG_MAX));
                    if (null == problem)
                    {
                        ts = node.longValue();
                    }
                    break;

                default:
                    break;
            }
        }

        if (null != problem)
        {
            return rejected(problem);
        }
        if (!(seenUserId && seenType && seenValue && seenTs))
        {
            return rejected(RejectReason.MISSING_FIELD);
        }
        return new Verdict(null, userId, type, value, ts);
    }

    private static RejectReason checkIntegral(final JsonNode node, final BigInteger min, final BigInteger max)
    {
        if (!node.isIntegralNumber())
        {
            return RejectReason.WRONG_TYPE;
        }
        final BigInteger number = node.bigIntegerValue();
        return number.compareTo(min) < 0 || number.compareTo(max) > 0 ? RejectReason.OUT_OF_RANGE : null;
    }

    private static RejectReason first(final RejectReason current, final RejectReason candidate)
    {
        return null != current ? current : candidate;
    }

    private static Verdict rejected(final RejectReason reason)
    {
        return new Verdict(reason, 0, null, 0, 0);
    }
}
