package dev.artifacta.command.agents;

/** The tenant's agents by name (the command side's lookup table). */
public interface AgentDirectory {

    boolean isNameTaken(String tenantId, String name);
}
