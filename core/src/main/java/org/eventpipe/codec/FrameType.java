package org.eventpipe.codec;

import org.eventpipe.sbe.EndOfStreamDecoder;
import org.eventpipe.sbe.RawLineBatchDecoder;
import org.eventpipe.sbe.RejectBatchDecoder;
import org.eventpipe.sbe.ResultsFrameDecoder;
import org.eventpipe.sbe.StageMetricsDecoder;

/**
 * The kinds of frame on the wire, one per message of the SBE schema.
 */
public enum FrameType
{
    /** Lines read by ingest, sent to parse. */
    RAW_LINE_BATCH(RawLineBatchDecoder.TEMPLATE_ID),
    /**
     * A workload's entries: accepted by parse, sent to rules, or kept by rules, sent to aggregate. The message is the
     * workload's own (see {@link org.eventpipe.workload.EntryCodec#templateId()}), so the type has no fixed template.
     */
    ENTRY_BATCH(-1),
    /** Lines rejected by parse, forwarded down to the sink. */
    REJECT_BATCH(RejectBatchDecoder.TEMPLATE_ID),
    /** The results of the workload's aggregate, from aggregate to the sink. */
    RESULTS(ResultsFrameDecoder.TEMPLATE_ID),
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
            if (type.templateId >= 0)
            {
                BY_TEMPLATE_ID[type.templateId] = type;
            }
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
     * @return the template id, -1 for {@link #ENTRY_BATCH}, whose template is the workload's.
     */
    public int templateId()
    {
        return templateId;
    }

    /**
     * Whether frames of this type carry pipeline events (raw lines or a workload's entries).
     *
     * @return true for the event batch types.
     */
    public boolean carriesEvents()
    {
        return this == RAW_LINE_BATCH || this == ENTRY_BATCH;
    }

    /**
     * The frame type of a template id of a fixed message; see {@link FrameDecoder#frameType(int)}, which also knows
     * the workload's entry batch.
     *
     * @param templateId from the message header.
     * @return the frame type, or null if unknown.
     */
    public static FrameType fromTemplateId(final int templateId)
    {
        return templateId >= 0 && templateId < BY_TEMPLATE_ID.length ? BY_TEMPLATE_ID[templateId] : null;
    }
}
