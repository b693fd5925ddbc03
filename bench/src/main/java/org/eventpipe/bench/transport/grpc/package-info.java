/**
 * The gRPC baseline transport ({@code --transport grpc}, issue 14): the split pipeline as the seeds built it, one
 * gRPC stream per edge, but carrying the project's SBE frames unchanged so that the comparison isolates the
 * transport.
 * <pre>
 * ingest --[ingest-parse]--> parse --[parse-rules]--> rules --[rules-aggregate]--> aggregate --[aggregate-sink]--> sink
 *   (each [edge] one client-streaming call eventpipe.EdgeStream/Frames: the sending stage's channel to a server the
 *    receiving stage runs on 127.0.0.1, its port published in the run directory)
 * </pre>
 * Flow control is gRPC's own: the sender hands a frame over only when its call is ready and otherwise reports
 * back-pressure; the receiver requests frames as its stage polls them from a bounded queue. Costs a baseline accepts:
 * one {@code byte[]} per received frame, gRPC's own per-message objects and a hop through a Netty thread at each end.
 */
package org.eventpipe.bench.transport.grpc;
