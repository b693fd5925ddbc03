/**
 * The wire format between the stages of the split pipeline: SBE batch frames, encoded and decoded with the codecs
 * generated from {@code schemas/src/main/resources/eventpipe-codecs.xml}.
 * <pre>
 * ingest -RawLineBatch-> parse -ParsedEventBatch-> rules -KeptEventBatch-> aggregate -AggregateResultsFrame-> sink
 *                              -RejectBatch------> (forwarded by rules and aggregate) ----------------> sink
 * each edge ends with EndOfStream; StageMetrics frames travel down and are forwarded to the sink
 * </pre>
 * A frame is one SBE message: an 8-byte header (block length, template id, schema id, version), then a body that
 * starts with sender, sequence and event count at fixed offsets, then the message's own fixed fields, its batch group
 * and its var data. A batch holds at most {@link org.eventpipe.codec.FrameEncoder#MAX_EVENTS_PER_FRAME} entries.
 * <ul>
 *     <li>{@link org.eventpipe.codec.FrameEncoder}: length helpers to size a claim, encoders for every frame, and
 *     {@code forward} to pass a received frame on with a new sender and sequence.</li>
 *     <li>{@link org.eventpipe.codec.FrameDecoder}: validates a whole frame, then calls a
 *     {@link org.eventpipe.codec.FrameHandler}; a bad frame throws {@link org.eventpipe.codec.CorruptFrameException}
 *     and is counted.</li>
 * </ul>
 * Callers see {@link org.eventpipe.codec.StageId} and {@link org.eventpipe.codec.FrameType}, never the generated
 * {@code org.eventpipe.sbe} classes.
 */
package org.eventpipe.codec;
