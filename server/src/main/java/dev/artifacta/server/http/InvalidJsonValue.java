package dev.artifacta.server.http;

import java.io.IOException;

/**
 * A JSON value of the wrong type (or holding what no column can store) in a request body. The
 * message is what the client is told, in the API's terms: the field and what it must be, never the
 * value, which may be a secret pasted in the wrong place.
 */
final class InvalidJsonValue extends IOException {

    InvalidJsonValue(String message) {
        super(message);
    }
}
