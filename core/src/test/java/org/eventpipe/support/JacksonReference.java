package org.eventpipe.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.eventpipe.model.EventType;
import org.eventpipe.model.RejectReason;
import org.eventpipe.support.JacksonEventOracle.Verdict;

/**
 * The reference pipeline of the end-to-end tests: one loop over the bytes of an input that applies the input
 * semantics documented in the README and judges each line with {@link JacksonEventOracle}. It shares nothing with
 * the production reader, parser, generator, counters or writers; it only uses the model's enums as names.
 * <ul>
 *     <li>A line ends at {@code '\n'}; a {@code '\r'} before it stays part of the line (it is JSON whitespace);
 *     a last line without a newline still counts; an input ending in a newline has no empty line after it. Lines
 *     are numbered from 1, blank ones included.</li>
 *     <li>A line longer than the maximum line length (in bytes, a {@code '\r'} included) is rejected as
 *     {@code LINE_TOO_LONG}, even if it is whitespace only.</li>
 *     <li>Otherwise a line of JSON whitespace only (space, tab, CR) or of nothing is blank.</li>
 *     <li>Otherwise a line is UTF-8 JSON (RFC 8259): ill-formed UTF-8, a byte order mark or a NUL byte (which also
 *     stops Jackson's UTF-16/32 detection) is {@code MALFORMED_JSON}; everything else is judged by the oracle.</li>
 *     <li>An accepted event whose type is dropped is filtered, otherwise kept and folded into its type's count
 *     and sum.</li>
 *     <li>A rejected line is reported with its number, reason and its first bytes as written: at most
 *     {@value #REJECT_EXCERPT_BYTES} bytes, and for an over-long line at most the maximum line length (the
 *     production reader keeps no more of such a line; the README only says "cut to 512 bytes").</li>
 * </ul>
 */
public final class JacksonReference
{
    /** The README's default of {@code --max-line-length}. */
    public static final int MAX_LINE_LENGTH_DEFAULT = 16_384;

    /** The README's cut of a rejected line in the rejects file. */
    public static final int REJECT_EXCERPT_BYTES = 512;

    private final int maxLineLength;
    private final Set<EventType> droppedTypes;
    private final JacksonEventOracle oracle = new JacksonEventOracle();

    /**
     * Create a reference with the settings of a run.
     *
     * @param maxLineLength as {@code --max-line-length}.
     * @param droppedTypes  as {@code --drop-types}.
     */
    public JacksonReference(final int maxLineLength, final Set<EventType> droppedTypes)
    {
        this.maxLineLength = maxLineLength;
        this.droppedTypes = droppedTypes.isEmpty() ? EnumSet.noneOf(EventType.class) : EnumSet.copyOf(droppedTypes);
    }

    /**
     * A reference with the README's defaults: lines up to 16,384 bytes, {@code view} dropped.
     *
     * @return the reference.
     */
    public static JacksonReference defaults()
    {
        return new JacksonReference(MAX_LINE_LENGTH_DEFAULT, EnumSet.of(EventType.VIEW));
    }

    /**
     * What a run must make of a file.
     *
     * @param file to read.
     * @return the expected outcome.
     * @throws IOException if the file cannot be read.
     */
    public ReferenceOutcome run(final Path file) throws IOException
    {
        return run(Files.readAllBytes(file));
    }

    /**
     * What a run must make of an input.
     *
     * @param input the bytes of the whole input.
     * @return the expected outcome.
     */
    public ReferenceOutcome run(final byte[] input)
    {
        final long[] countByType = new long[EventType.values().length];
        final long[] sumByType = new long[EventType.values().length];
        final long[] rejectedByReason = new long[RejectReason.values().length];
        final List<ReferenceOutcome.Reject> rejects = new ArrayList<>();
        long lines = 0;
        long blank = 0;
        long kept = 0;
        long filtered = 0;

        int start = 0;
        while (start < input.length)
        {
            int end = start;
            while (end < input.length && input[end] != '\n')
            {
                end++;
            }
            lines++;
            final int length = end - start;

            RejectReason reason = null;
            if (length > maxLineLength)
            {
                reason = RejectReason.LINE_TOO_LONG;
            }
            else if (isWhitespaceOnly(input, start, end))
            {
                blank++;
            }
            else if (!isWellFormedUtf8Json(input, start, length))
            {
                reason = RejectReason.MALFORMED_JSON;
            }
            else
            {
                final Verdict verdict = oracle.judge(input, start, length);
                reason = verdict.reason();
                if (verdict.accepted())
                {
                    if (droppedTypes.contains(verdict.type()))
                    {
                        filtered++;
                    }
                    else
                    {
                        kept++;
                        countByType[verdict.type().ordinal()]++;
                        sumByType[verdict.type().ordinal()] += verdict.value();
                    }
                }
            }

            if (null != reason)
            {
                rejectedByReason[reason.ordinal()]++;
                final int excerpt = Math.min(Math.min(length, maxLineLength), REJECT_EXCERPT_BYTES);
                rejects.add(new ReferenceOutcome.Reject(
                    lines, reason, new String(input, start, excerpt, StandardCharsets.ISO_8859_1)));
            }
            start = end + 1;
        }

        return new ReferenceOutcome(lines, blank, kept, filtered, rejectedByReason, countByType, sumByType, rejects);
    }

    private static boolean isWhitespaceOnly(final byte[] input, final int start, final int end)
    {
        for (int i = start; i < end; i++)
        {
            final byte b = input[i];
            if (b != ' ' && b != '\t' && b != '\r')
            {
                return false;
            }
        }
        return true;
    }

    private static boolean isWellFormedUtf8Json(final byte[] input, final int start, final int length)
    {
        if (length >= 3 && input[start] == (byte)0xEF && input[start + 1] == (byte)0xBB &&
            input[start + 2] == (byte)0xBF)
        {
            return false;
        }
        for (int i = start; i < start + length; i++)
        {
            if (input[i] == 0)
            {
                return false;
            }
        }
        try
        {
            StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(input, start, length));
            return true;
        }
        catch (final CharacterCodingException ex)
        {
            return false;
        }
    }
}
