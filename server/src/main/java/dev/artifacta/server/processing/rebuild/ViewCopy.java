package dev.artifacta.server.processing.rebuild;

import dev.artifacta.server.processing.views.ProjectionCatalog.Projection;

/**
 * The names a rebuild into a copy uses for one view: the copy's processor, the schema the copy is
 * built in, and the schema the live tables retire to when the copy takes their place.
 */
record ViewCopy(Projection view, String live, String processor, String schema, String retiredSchema) {

    static final String PROCESSOR_SUFFIX = "@rebuild";

    static ViewCopy of(Projection view) {
        String live = view.processor();
        String schemaName = live.replace('-', '_');
        return new ViewCopy(view, live, live + PROCESSOR_SUFFIX, "rebuild_" + schemaName, "retired_" + schemaName);
    }
}
