package org.membergateway.directory;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * Checks an ASCII-armored OpenPGP public key (RFC 4880 / RFC 9580) well enough to store it and
 * show its fingerprint: the armor and its CRC-24, a well-formed packet sequence that starts with a
 * v4 public key packet, no secret key material, and at least one key that can encrypt.
 *
 * <p>Written against the packet format itself because Bouncy Castle's OpenPGP module (bcpg) is not
 * yet a dependency; when the exports arrive with it, its parser can replace this one. Keys are
 * v4 only: that is what GnuPG 2.2 reads and what the gateway's exports encrypt to.
 *
 * @param armored the key as given, line endings normalized to LF
 * @param fingerprint upper-case hex (40 digits for a v4 key)
 */
public record OpenPgpPublicKey(String armored, String fingerprint) {

    public static final int MAX_ARMORED_LENGTH = 64 * 1024;
    private static final String BEGIN = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
    private static final String END = "-----END PGP PUBLIC KEY BLOCK-----";
    private static final int TAG_SECRET_KEY = 5;
    private static final int TAG_PUBLIC_KEY = 6;
    private static final int TAG_SECRET_SUBKEY = 7;
    private static final int TAG_USER_ID = 13;
    private static final int TAG_PUBLIC_SUBKEY = 14;
    /** RSA (encrypt or sign), RSA encrypt-only, Elgamal, ECDH, X25519, X448. */
    private static final Set<Integer> ENCRYPTION_ALGORITHMS = Set.of(1, 2, 16, 18, 25, 26);

    /** The field named in errors. */
    private static final String FIELD = "openpgpKey";

    /** @throws DirectoryException 400 naming what is wrong with the key */
    public static OpenPgpPublicKey parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid("the body must be an ASCII-armored OpenPGP public key");
        }
        if (text.length() > MAX_ARMORED_LENGTH) {
            throw invalid("the key is longer than " + MAX_ARMORED_LENGTH + " characters");
        }
        String normalized = text.replace("\r\n", "\n").replace('\r', '\n').strip();
        if (normalized.contains("PRIVATE KEY BLOCK")) {
            throw invalid("this is a private (secret) key; upload only the public key (gpg --armor --export)");
        }
        String[] lines = normalized.split("\n", -1);
        if (!lines[0].strip().equals(BEGIN)) {
            throw invalid("the key must start with " + BEGIN);
        }
        int i = 1;
        // Armor headers ("Version: ...", "Comment: ...") up to the blank line.
        while (i < lines.length && lines[i].contains(": ")) {
            i++;
        }
        StringBuilder base64 = new StringBuilder();
        String checksum = null;
        boolean ended = false;
        for (; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.equals(END)) {
                ended = true;
                break;
            }
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("=") && line.length() == 5) {
                checksum = line.substring(1);
            } else if (checksum != null) {
                throw invalid("armor data continues after the checksum line");
            } else {
                base64.append(line);
            }
        }
        if (!ended) {
            throw invalid("the key must end with " + END);
        }
        if (i != lines.length - 1) {
            throw invalid("there is text after " + END);
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(base64.toString());
        } catch (IllegalArgumentException e) {
            throw invalid("the armored data is not valid base64");
        }
        if (data.length == 0) {
            throw invalid("the armored data is empty");
        }
        if (checksum != null) {
            byte[] crc;
            try {
                crc = Base64.getDecoder().decode(checksum);
            } catch (IllegalArgumentException e) {
                throw invalid("the armor checksum is not valid base64");
            }
            int expected = ((crc[0] & 0xFF) << 16) | ((crc[1] & 0xFF) << 8) | (crc[2] & 0xFF);
            if (crc24(data) != expected) {
                throw invalid("the armor checksum does not match: the key was damaged in transit");
            }
        }
        return new OpenPgpPublicKey(normalized + "\n", packets(data));
    }

    /** Walks the packets; returns the primary key's fingerprint. */
    private static String packets(byte[] data) {
        int pos = 0;
        String fingerprint = null;
        boolean userId = false;
        boolean canEncrypt = false;
        while (pos < data.length) {
            int header = data[pos] & 0xFF;
            if ((header & 0x80) == 0) {
                throw invalid("the data is not a sequence of OpenPGP packets");
            }
            int tag;
            long length;
            int bodyStart;
            if ((header & 0x40) != 0) {
                tag = header & 0x3F;
                int o1 = at(data, pos + 1);
                if (o1 < 192) {
                    length = o1;
                    bodyStart = pos + 2;
                } else if (o1 < 224) {
                    length = ((long) (o1 - 192) << 8) + at(data, pos + 2) + 192;
                    bodyStart = pos + 3;
                } else if (o1 == 255) {
                    length = ((long) at(data, pos + 2) << 24) | ((long) at(data, pos + 3) << 16)
                            | ((long) at(data, pos + 4) << 8) | at(data, pos + 5);
                    bodyStart = pos + 6;
                } else {
                    throw invalid("a key packet uses partial body lengths, which keys may not");
                }
            } else {
                tag = (header >> 2) & 0x0F;
                switch (header & 0x03) {
                    case 0 -> {
                        length = at(data, pos + 1);
                        bodyStart = pos + 2;
                    }
                    case 1 -> {
                        length = ((long) at(data, pos + 1) << 8) | at(data, pos + 2);
                        bodyStart = pos + 3;
                    }
                    case 2 -> {
                        length = ((long) at(data, pos + 1) << 24) | ((long) at(data, pos + 2) << 16)
                                | ((long) at(data, pos + 3) << 8) | at(data, pos + 4);
                        bodyStart = pos + 5;
                    }
                    default -> throw invalid("a key packet has an indeterminate length");
                }
            }
            if (bodyStart + length > data.length) {
                throw invalid("a packet runs past the end of the data (truncated key?)");
            }
            int len = (int) length;
            if (pos == 0 && tag != TAG_PUBLIC_KEY) {
                throw invalid("the first packet is not a public key");
            }
            if (tag == TAG_SECRET_KEY || tag == TAG_SECRET_SUBKEY) {
                throw invalid("the data contains secret key material; upload only the public key");
            }
            if (tag == TAG_PUBLIC_KEY || tag == TAG_PUBLIC_SUBKEY) {
                if (len < 6 || len > 0xFFFF) {
                    throw invalid("a key packet has an impossible length");
                }
                int version = data[bodyStart] & 0xFF;
                if (version != 4) {
                    throw invalid("version " + version + " keys are not supported; use a v4 key (GnuPG's default)");
                }
                if (ENCRYPTION_ALGORITHMS.contains(data[bodyStart + 5] & 0xFF)) {
                    canEncrypt = true;
                }
                if (tag == TAG_PUBLIC_KEY) {
                    if (fingerprint != null) {
                        throw invalid("the block holds more than one key; upload one key");
                    }
                    fingerprint = v4Fingerprint(data, bodyStart, len);
                }
            }
            if (tag == TAG_USER_ID) {
                userId = true;
            }
            pos = bodyStart + len;
        }
        if (!userId) {
            throw invalid("the key has no user id");
        }
        if (!canEncrypt) {
            throw invalid("the key has no encryption-capable key or subkey");
        }
        return fingerprint;
    }

    private static int at(byte[] data, int index) {
        if (index >= data.length) {
            throw invalid("a packet header runs past the end of the data (truncated key?)");
        }
        return data[index] & 0xFF;
    }

    private static String v4Fingerprint(byte[] data, int offset, int length) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update((byte) 0x99);
            sha1.update((byte) (length >> 8));
            sha1.update((byte) length);
            sha1.update(data, offset, length);
            return HexFormat.of().withUpperCase().formatHex(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 4880 §6.1. */
    static int crc24(byte[] data) {
        int crc = 0xB704CE;
        for (byte b : data) {
            crc ^= (b & 0xFF) << 16;
            for (int i = 0; i < 8; i++) {
                crc <<= 1;
                if ((crc & 0x1000000) != 0) {
                    crc ^= 0x1864CFB;
                }
            }
        }
        return crc & 0xFFFFFF;
    }

    private static DirectoryException invalid(String message) {
        return DirectoryException.invalid(FIELD, message);
    }

    @Override
    public String toString() {
        return "OpenPgpPublicKey[" + fingerprint + "]";
    }
}
