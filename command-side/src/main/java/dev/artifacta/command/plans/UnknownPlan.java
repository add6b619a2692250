package dev.artifacta.command.plans;

import dev.artifacta.command.shared.Rejection;

/** A plan id that this deployment does not offer. */
public final class UnknownPlan extends Rejection {

    public UnknownPlan(String planId) {
        super(Kind.INVALID, "unknown-plan", "There is no plan named '" + planId + "'.");
    }
}
