package org.backprop4j.nn.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The operating system's reason for an {@link IOException}, as one short phrase for a one-line
 * error: {@code "No space left on device"}, {@code "permission denied"}, ... Java puts it in
 * different places: {@link FileSystemException#getReason()} (often null, the type then says it),
 * or the message of a plain {@code IOException} from a write ({@code "File too large"}).
 */
public final class IoErrors {
    private IoErrors() {
    }

    /** The reason of {@code e}, without the file name Java sometimes prefixes; never null or empty. */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException f) {
            if (f.getReason() != null && !f.getReason().isBlank()) {
                return f.getReason();
            }
            if (f instanceof NoSuchFileException) {
                return "no such file or directory";
            }
            if (f instanceof AccessDeniedException) {
                return "permission denied";
            }
            if (f instanceof FileAlreadyExistsException) {
                return "it already exists";
            }
            if (f instanceof NotDirectoryException) {
                return "not a directory";
            }
            if (f instanceof DirectoryNotEmptyException) {
                return "directory not empty";
            }
            return f.getClass().getSimpleName();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
