package dev.hallmark.engine.port;

import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;
import java.util.List;
import java.util.Optional;

/**
 * Starts units on the bench on the operator's word (a scanned board label): the station picks the next free
 * fixture and runs the unit there on its own thread, reporting progress to the bench's listener.
 */
public interface BenchControl {

    /** The bench's fixtures, in display order. */
    List<Fixture> fixtures();

    /**
     * Starts a unit for the scanned label on the first free fixture and returns at once with that fixture's id,
     * or empty when every fixture is busy. Refuses a label the station cannot accept with one clear line.
     */
    Optional<String> start(String scannedLabel) throws ProvisioningException;
}
