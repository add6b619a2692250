package dev.artifacta.auditexport.verify;

/**
 * What the verifier found: either every check passed, or the first problem.
 *
 * @param ok whether the export is complete, unaltered and signed
 * @param problem the first problem (null when ok), naming the line and sequence where it shows
 * @param count the entries read
 * @param firstSequence the first entry's sequence (null when there is none)
 * @param lastSequence the last entry's sequence (null when there is none)
 * @param firstTime the first entry's time (null when there is none)
 * @param lastTime the last entry's time (null when there is none)
 * @param tenantId the tenant the checkpoint names
 * @param checkpointNumber the checkpoint's number in the tenant's checkpoint chain
 */
public record Verification(
        boolean ok,
        String problem,
        long count,
        Long firstSequence,
        Long lastSequence,
        String firstTime,
        String lastTime,
        String tenantId,
        Long checkpointNumber) {

    /** One line for a terminal. */
    public String summary() {
        if (!ok) {
            return "FAILED: " + problem;
        }
        if (count == 0) {
            return "OK: 0 entries; checkpoint " + checkpointNumber + " of tenant " + tenantId + " verifies";
        }
        return "OK: " + count + " entries, sequence " + firstSequence + " to " + lastSequence + ", " + firstTime
                + " to " + lastTime + ", tenant " + tenantId + ", checkpoint " + checkpointNumber;
    }
}
