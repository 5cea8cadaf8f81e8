package dev.hallmark.engine.port;

/**
 * An action as stored: its place in the action chain and the hashes that link it to the one before
 * ({@code engine.access.ActionChain} computes and checks them).
 */
public record ChainedAction(long seq, ActionRecord record, String prevHash, String hash) {
}
