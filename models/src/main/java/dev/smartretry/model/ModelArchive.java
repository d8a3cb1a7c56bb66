package dev.smartretry.model;

import dev.smartretry.SmartRetryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.io.output.CloseShieldOutputStream;

/**
 * A model directory as one file: a gzip-compressed tar of the directory's files at the archive's
 * root. {@code train --archive} writes it and {@code POST /v1/models} takes it, so a model travels
 * to every instance of the service through the database rather than through shared disks.
 *
 * <p>Reading only unpacks: the files are then checked as any model directory is ({@link
 * ModelDirectory#load(String, Map)}: format, feature version, every checksum of the manifest).
 * Reading refuses, with the reason, anything a model directory cannot hold: sub-directories, links,
 * paths that leave the root, the same name twice, and more than {@link #MAX_CONTENT_BYTES} in all,
 * so that an upload cannot write outside its place or exhaust memory.
 */
public final class ModelArchive {
  /** The file name ending {@code train --archive} gives an archive beside its directory. */
  public static final String SUFFIX = ".tar.gz";

  /** Far above any model trained here (the default is 1.4 MB), and a bound on what is unpacked. */
  public static final long MAX_CONTENT_BYTES = 256L * 1024 * 1024;

  // A model directory holds six files and perhaps a model card; many more is not one.
  private static final int MAX_FILES = 64;

  private ModelArchive() {}

  /**
   * Writes the archive of {@code directory} to {@code archive}, whole or not at all: it is written
   * beside it and moved over it.
   */
  public static void write(Path directory, Path archive) throws IOException {
    Path absolute = archive.toAbsolutePath();
    Path partial = Files.createTempFile(absolute.getParent(), ".archive-", ".partial");
    try {
      try (OutputStream out = Files.newOutputStream(partial)) {
        write(directory, out);
      }
      Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /**
   * Writes the archive of {@code directory}'s files (not its sub-directories or hidden files) to
   * {@code out}, in name order with fixed times and owners, so that one model always makes the same
   * bytes.
   */
  public static void write(Path directory, OutputStream out) throws IOException {
    List<Path> files;
    try (Stream<Path> entries = Files.list(directory)) {
      files =
          entries
              .filter(Files::isRegularFile)
              .filter(path -> !path.getFileName().toString().startsWith("."))
              .sorted()
              .toList();
    }
    GzipCompressorOutputStream gzip =
        new GzipCompressorOutputStream(CloseShieldOutputStream.wrap(out));
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Path file : files) {
        TarArchiveEntry entry = new TarArchiveEntry(file.getFileName().toString());
        entry.setSize(Files.size(file));
        entry.setModTime(0);
        entry.setMode(0644);
        tar.putArchiveEntry(entry);
        Files.copy(file, tar);
        tar.closeArchiveEntry();
      }
    }
  }

  /**
   * The archive's files by name, unpacked in memory and not yet checked as a model.
   *
   * @param where how messages name the archive, e.g. {@code the upload}
   * @throws SmartRetryException saying why, if it is not a gzip-compressed tar of plain files at
   *     its root within the bounds
   */
  public static Map<String, byte[]> read(String where, InputStream in) {
    Map<String, byte[]> files = new TreeMap<>();
    long total = 0;
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        String name =
            entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
        if (entry.isDirectory() && (name.isEmpty() || name.equals("."))) {
          continue;
        }
        if (entry.isDirectory() || name.contains("/") || name.contains("\\")) {
          throw refused(where, entry.getName() + " is not at the archive's root");
        }
        // isFile() says yes to links too; only the two plain-file flags are plain files.
        if (entry.getLinkFlag() != TarArchiveEntry.LF_NORMAL
            && entry.getLinkFlag() != TarArchiveEntry.LF_OLDNORM) {
          throw refused(where, entry.getName() + " is not a plain file (a link or a device)");
        }
        if (name.isEmpty() || name.equals("..")) {
          throw refused(where, "an entry has no file name");
        }
        if (files.containsKey(name)) {
          throw refused(where, name + " is in it twice");
        }
        if (files.size() == MAX_FILES) {
          throw refused(where, "it holds more than " + MAX_FILES + " files");
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        long copied = copyAtMost(tar, content, MAX_CONTENT_BYTES - total);
        if (copied < 0) {
          throw refused(
              where, "it unpacks to more than " + MAX_CONTENT_BYTES / (1024 * 1024) + " MB");
        }
        total += copied;
        files.put(name, content.toByteArray());
      }
    } catch (IOException e) {
      throw refused(where, "not a gzip-compressed tar archive (" + e.getMessage() + ")");
    }
    if (files.isEmpty()) {
      throw refused(where, "it holds no file");
    }
    return files;
  }

  /**
   * Copies the rest of {@code in}, or returns -1 as soon as it would be more than {@code limit}.
   */
  private static long copyAtMost(InputStream in, OutputStream out, long limit) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long copied = 0;
    int read;
    while ((read = in.read(buffer)) >= 0) {
      copied += read;
      if (copied > limit) {
        return -1;
      }
      out.write(buffer, 0, read);
    }
    return copied;
  }

  private static SmartRetryException refused(String where, String reason) {
    return new SmartRetryException(where + ": not a model archive: " + reason);
  }
}
