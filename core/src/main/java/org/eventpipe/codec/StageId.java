package org.eventpipe.codec;

import org.eventpipe.sbe.Stage;

/**
 * The stages of the pipeline as they appear in frames, so that callers need not import the generated codecs.
 * The code is the wire value of the schema's {@code Stage} enum.
 */
public enum StageId
{
    /** Reads the input lines and sends raw line batches. */
    INGEST(Stage.INGEST),
    /** Parses lines into events or rejects. */
    PARSE(Stage.PARSE),
    /** Keeps or filters events. */
    RULES(Stage.RULES),
    /** Folds kept events into per-type count and sum. */
    AGGREGATE(Stage.AGGREGATE),
    /** Writes the results and the report and checks conservation. */
    SINK(Stage.SINK);

    private static final StageId[] BY_CODE = new StageId[256];

    static
    {
        for (final StageId stage : values())
        {
            BY_CODE[stage.code()] = stage;
        }
    }

    private final Stage sbe;

    StageId(final Stage sbe)
    {
        this.sbe = sbe;
    }

    /**
     * Wire code of the stage.
     *
     * @return the code, 1 for {@link #INGEST} to 5 for {@link #SINK}.
     */
    public int code()
    {
        return sbe.value();
    }

    /**
     * The stage of a wire code.
     *
     * @param code on the wire, an unsigned byte.
     * @return the stage, or null if the code is unknown.
     */
    public static StageId fromCode(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    Stage sbe()
    {
        return sbe;
    }
}
