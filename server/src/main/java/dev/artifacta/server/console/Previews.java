package dev.artifacta.server.console;

import dev.artifacta.query.artifacts.ArtifactHeadRow;
import dev.artifacta.query.artifacts.ArtifactVersionRow;
import dev.artifacta.server.artifacts.ArtifactService;
import java.util.Locale;
import java.util.Map;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/** A version's content as a page shows it: text escaped by the template, Markdown rendered safely. */
final class Previews {

    private static final long PREVIEW_LIMIT = 1 << 20;

    /** Markdown: raw HTML in the source is escaped, unsafe link targets dropped. */
    private static final Parser MARKDOWN = Parser.builder().build();

    private static final HtmlRenderer HTML =
            HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    private Previews() {}

    /** Puts {@code text} (and {@code markdown} for Markdown) into the model, for text up to 1 MiB. */
    static void put(
            ArtifactService artifacts, ArtifactHeadRow head, ArtifactVersionRow shown, Map<String, Object> model) {
        if (shown.size() > PREVIEW_LIMIT) {
            return;
        }
        artifacts.text(head, shown).ifPresent(text -> {
            String type = shown.contentType().toLowerCase(Locale.ROOT);
            boolean markdown = type.startsWith("text/markdown")
                    || (shown.fileName() != null
                            && shown.fileName().toLowerCase(Locale.ROOT).endsWith(".md"));
            if (markdown) {
                // The only HTML the console does not escape itself: commonmark's, with the source's
                // own HTML escaped and unsafe URLs dropped (and the CSP forbids scripts regardless).
                model.put("markdown", HTML.render(MARKDOWN.parse(text)));
            }
            model.put("text", text);
        });
    }
}
