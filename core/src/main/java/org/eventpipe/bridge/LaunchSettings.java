package org.eventpipe.bridge;

import java.nio.file.Path;
import java.util.Map;

/**
 * Launcher options a transport may use.
 *
 * @param runDirectory   owner-only directory of this run, removed at the end.
 * @param aeronDirectory an already running media driver's directory, or null to start one.
 * @param queueDirectory where queues go, or null for the transport's default (outside the run directory, which is
 *                       always removed, so that queues can be kept).
 * @param keepQueues     keep queue files after a successful run.
 * @param endpoints      per-edge endpoints ({@code edge-name -> host:port}) for network transports.
 */
public record LaunchSettings(
    Path runDirectory,
    String aeronDirectory,
    Path queueDirectory,
    boolean keepQueues,
    Map<String, String> endpoints)
{
}
