/**
 * The work-items workload: CPU-bound items of an id, a vector of 64 doubles and an 8x8 matrix, written as NDJSON.
 * <pre>
 * WorkItemGenerator --line--> WorkItemParser --WorkItem--> WorkItemRules --kept WorkItem--> WorkItemAggregator
 *  (LineSource)               (WorkItemParseStep counts)  (normalise, transpose;          (running sums and id
 *                              rejects: RejectReason        filters zero or infinite norm)  hashes: WorkItemResults)
 * split:   parse =WorkItemBatch=> rules =WorkItemBatch=> aggregate     (entries by WorkItemEntryCodec)
 * </pre>
 * {@link org.eventpipe.workload.items.WorkItemsWorkload} ({@code --workload work-items}) plugs these into the
 * {@link org.eventpipe.workload.Workload} seam: each pipeline event carries a {@code WorkItem} as its entry, the parse
 * step, the rules and the aggregator are its handlers, and {@code WorkItemEntryCodec} its entry codec.
 * Every class allocates nothing per item on the well-formed path, and every step is a plain object, so the same
 * instances can run in the fused loop, in Disruptor handlers ({@link org.eventpipe.workload.items.WorkItem#FACTORY}
 * makes the ring's items) and in stage processes. The results are bit-for-bit the same however the pipeline is split,
 * provided the aggregate sees the kept items in input order; {@link org.eventpipe.workload.items.WorkItemResults}
 * gives their exact text form and says what differs between two runs.
 */
package org.eventpipe.workload.items;
