package dev.artifacta.auditexport.checkpoint;

import java.security.PrivateKey;
import java.security.PublicKey;

/** The server's checkpoint signing key. Its {@code toString} never shows the private half. */
public record SigningKey(String keyId, PrivateKey privateKey, PublicKey publicKey) {

    public static SigningKey of(PrivateKey privateKey, PublicKey publicKey) {
        if (!Ed25519Keys.matches(privateKey, publicKey)) {
            throw new IllegalArgumentException("The signing key's private and public halves do not belong together");
        }
        return new SigningKey(Ed25519Keys.keyId(publicKey), privateKey, publicKey);
    }

    @Override
    public String toString() {
        return "SigningKey[keyId=" + keyId + ", algorithm=Ed25519]";
    }
}
