package dev.artifacta.auditexport.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artifacta.auditexport.format.CanonicalJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExportFormatTest {

    private static ObjectNode awkwardLine() {
        ObjectNode line = CanonicalJson.mapper().createObjectNode();
        line.put("sequence", 9007199254740993L);
        line.put("actorDisplayName", "Zoë \u2028 \"quoted\" \\ tab\t nul\u0001 emoji \uD83D\uDE80 中文");
        line.put("ratio", 0.1);
        line.putNull("actorKeyId");
        line.putObject("details").putArray("scopes").add("artifacts:read").add("é");
        return line;
    }

    @Test
    void givenAnyLine_whenWrittenStraightToBytes_thenTheBytesAreThoseOfItsText() {
        for (ExportFormat format : ExportFormat.values()) {
            var out = new ByteArrayOutputStream();

            format.writeLine(awkwardLine(), out);
            format.writeLine(awkwardLine(), out);

            String text = format.line(awkwardLine());
            assertThat(out.toByteArray()).as(format.name()).isEqualTo((text + text).getBytes(StandardCharsets.UTF_8));
        }
    }
}
