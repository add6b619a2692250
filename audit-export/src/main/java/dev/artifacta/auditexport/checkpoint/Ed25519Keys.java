package dev.artifacta.auditexport.checkpoint;

import dev.artifacta.auditexport.format.ChainHash;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 with the JDK's own provider: keys in their standard encodings (X.509
 * SubjectPublicKeyInfo, PKCS#8), as base64 or PEM, and a key id derived from the public key.
 */
public final class Ed25519Keys {

    public static final String ALGORITHM = "Ed25519";

    private static final String PEM_BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String PEM_END = "-----END PUBLIC KEY-----";

    private Ed25519Keys() {}

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK provides Ed25519 from Java 15 on", e);
        }
    }

    /** The key id: the first 16 hex digits of the SHA-256 of the encoded public key. */
    public static String keyId(PublicKey key) {
        return ChainHash.sha256Hex(key.getEncoded()).substring(0, 16);
    }

    public static String encode(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    public static String encode(PrivateKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    public static String pem(PublicKey key) {
        return PEM_BEGIN + "\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                        .encodeToString(key.getEncoded())
                + "\n" + PEM_END + "\n";
    }

    /** A public key from base64 of its X.509 encoding, or from PEM. */
    public static PublicKey publicKey(String text) {
        String base64 = text.replace(PEM_BEGIN, "").replace(PEM_END, "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not an Ed25519 public key (expected PEM or base64 of X.509)");
        }
    }

    /** A private key from base64 of its PKCS#8 encoding. */
    public static PrivateKey privateKey(String base64) {
        try {
            return KeyFactory.getInstance(ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // Never echo the value: it is a secret.
            throw new IllegalArgumentException("Not an Ed25519 private key (expected base64 of PKCS#8)");
        }
    }

    /** The public key that belongs to a private key (by signing and checking a probe). */
    public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        byte[] probe = "artifacta".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return verify(publicKey, probe, sign(privateKey, probe));
    }

    public static byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    public static boolean verify(PublicKey key, byte[] data, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(data);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
