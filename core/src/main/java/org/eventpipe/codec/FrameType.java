package org.eventpipe.codec;

import org.eventpipe.sbe.AggregateResultsFrameDecoder;
import org.eventpipe.sbe.EndOfStreamDecoder;
import org.eventpipe.sbe.KeptEventBatchDecoder;
import org.eventpipe.sbe.ParsedEventBatchDecoder;
import org.eventpipe.sbe.RawLineBatchDecoder;
import org.eventpipe.sbe.RejectBatchDecoder;
import org.eventpipe.sbe.StageMetricsDecoder;

/**
 * The kinds of frame on the wire, one per message of the SBE schema.
 */
public enum FrameType
{
    /** Lines read by ingest, sent to parse. */
    RAW_LINE_BATCH(RawLineBatchDecoder.TEMPLATE_ID),
    /** Events accepted by parse, sent to rules. */
    PARSED_EVENT_BATCH(ParsedEventBatchDecoder.TEMPLATE_ID),
    /** Events kept by rules, sent to aggregate. */
    KEPT_EVENT_BATCH(KeptEventBatchDecoder.TEMPLATE_ID),
    /** Lines rejected by parse, forwarded down to the sink. */
    REJECT_BATCH(RejectBatchDecoder.TEMPLATE_ID),
    /** Per-type count and sum from aggregate. */
    AGGREGATE_RESULTS(AggregateResultsFrameDecoder.TEMPLATE_ID),
    /** Last data frame of an edge, with the sender's counts. */
    END_OF_STREAM(EndOfStreamDecoder.TEMPLATE_ID),
    /** Time breakdown of a stage, forwarded down to the sink. */
    STAGE_METRICS(StageMetricsDecoder.TEMPLATE_ID);

    private static final FrameType[] BY_TEMPLATE_ID;

    static
    {
        int max = 0;
        for (final FrameType type : values())
        {
            max = Math.max(max, type.templateId);
        }
        BY_TEMPLATE_ID = new FrameType[max + 1];
        for (final FrameType type : values())
        {
            BY_TEMPLATE_ID[type.templateId] = type;
        }
    }

    private final int templateId;

    FrameType(final int templateId)
    {
        this.templateId = templateId;
    }

    /**
     * SBE template id of the message.
     *
     * @return the template id.
     */
    public int templateId()
    {
        return templateId;
    }

    /**
     * Whether frames of this type carry pipeline events (raw lines, parsed or kept events).
     *
     * @return true for the event batch types.
     */
    public boolean carriesEvents()
    {
        return this == RAW_LINE_BATCH || this == PARSED_EVENT_BATCH || this == KEPT_EVENT_BATCH;
    }

    /**
     * The frame type of a template id.
     *
     * @param templateId from the message header.
     * @return the frame type, or null if unknown.
     */
    public static FrameType fromTemplateId(final int templateId)
    {
        return templateId >= 0 && templateId < BY_TEMPLATE_ID.length ? BY_TEMPLATE_ID[templateId] : null;
    }
}
