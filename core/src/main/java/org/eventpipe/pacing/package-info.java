/**
 * The latency mode (issue 13): ingest offers events at a fixed rate, each stamped with the time it should have been
 * sent, and the run checks that the rate was achieved.
 */
package org.eventpipe.pacing;
