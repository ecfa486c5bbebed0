package org.membergateway.crypto;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Generated secrets kept as files only their owner can read (the gateway's {@code keys/} directory). */
public final class SecretFiles {

    private SecretFiles() {
    }

    /**
     * Writes {@code content} to a new {@code file} in {@code keysDir}, both created owner-only
     * (0700 and 0600) from the start where the file system has POSIX permissions. If another
     * process created the file first, it is left as it is: the caller reads whichever was written.
     */
    public static void createOwnerOnly(Path keysDir, Path file, byte[] content) throws IOException {
        boolean posix = keysDir.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (posix) {
                Files.createDirectories(keysDir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
                // Created with mode 600 from the start: never readable by others, not even briefly.
                Files.createFile(file, PosixFilePermissions.asFileAttribute(
                        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
            } else {
                Files.createDirectories(keysDir);
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException raced) {
            return;
        }
        Files.write(file, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
    }
}
