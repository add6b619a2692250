package dev.artifacta.server.http;

import com.fasterxml.jackson.core.StreamReadConstraints;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.serde.jackson.SerdeJacksonConfiguration;
import jakarta.inject.Singleton;

/**
 * Lets a JSON string be as long as a request body may be: a 25 MiB version travels as about 35
 * million base64 characters, past Jackson's default of 20 million. Serde builds its Jackson factory
 * from its configuration bean, so raising the default when that bean is created is in time.
 */
@Singleton
public class JsonLimits implements BeanCreatedEventListener<SerdeJacksonConfiguration> {

    /** Above the 40 MB body limit: the body limit stays the one that applies. */
    static final int MAX_STRING_LENGTH = 50_000_000;

    @Override
    public SerdeJacksonConfiguration onCreated(BeanCreatedEvent<SerdeJacksonConfiguration> event) {
        StreamReadConstraints.overrideDefaultStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(MAX_STRING_LENGTH)
                .build());
        return event.getBean();
    }
}
