package dev.hallmark.engine.port;

import dev.hallmark.engine.api.ProvisioningException;
import java.util.List;
import java.util.Map;

/** Where the per-unit conformity evidence is kept. */
public interface ConformityRecords {

    /** Records the controls of one unit (append-only; a unit provisioned again gets new rows). */
    void record(List<ControlEvidence> controls) throws ProvisioningException;

    /** The controls recorded for the units of a lot, by unit id, oldest first. */
    Map<Long, List<ControlEvidence>> controls(String lot) throws ProvisioningException;
}
