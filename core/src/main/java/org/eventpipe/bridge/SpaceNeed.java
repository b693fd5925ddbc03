package org.eventpipe.bridge;

import java.nio.file.Path;

/**
 * Space a run will need in a directory, checked against the free space before any process starts.
 *
 * @param directory where the files go (the directory itself need not exist yet; its nearest existing ancestor is
 *                  examined).
 * @param bytes     the estimate.
 * @param what      what the space is for, e.g. "chronicle queues", for the message.
 */
public record SpaceNeed(Path directory, long bytes, String what)
{
}
