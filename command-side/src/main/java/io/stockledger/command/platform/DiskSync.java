package io.stockledger.command.platform;

/**
 * Writes what the event store has committed to its file and syncs the file to disk ({@code fsync}), returning only
 * once that is done. A seam of its own so that a test can watch the syncs beside the acknowledgements.
 */
@FunctionalInterface
public interface DiskSync {

    void sync();
}
