package dev.artifacta.command.tenants;

/** Answers whether a tenant name is in use (the command side's uniqueness lookup). */
public interface TenantDirectory {

    boolean isNameTaken(String name);
}
