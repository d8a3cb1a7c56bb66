package dev.smartretry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smartretry.SmartRetryException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArchiveTest {
  @TempDir Path temp;

  @Test
  void aDirectoryArchivedLoadsBackAsTheSameModel() throws IOException {
    Path directory = TinyModels.writeXgboostDirectory(temp.resolve("model"));
    Path archive = temp.resolve("model.tar.gz");

    ModelArchive.write(directory, archive);
    Map<String, byte[]> files;
    try (var in = Files.newInputStream(archive)) {
      files = ModelArchive.read("model.tar.gz", in);
    }
    RetryModel loaded = ModelDirectory.load("model.tar.gz", files);

    assertThat(files.keySet())
        .containsExactlyInAnyOrder(
            "manifest.json",
            "metrics.json",
            "features.json",
            "calibration.json",
            "success-model.tribuo",
            "recovery-time-model.tribuo");
    assertThat(loaded.version()).isEqualTo(ModelDirectory.load(directory).version());
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      assertThat(file.getValue()).isEqualTo(Files.readAllBytes(directory.resolve(file.getKey())));
    }
  }

  @Test
  void oneModelAlwaysMakesTheSameBytes() throws IOException {
    Path directory = TinyModels.writeXgboostDirectory(temp.resolve("model"));
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    ByteArrayOutputStream second = new ByteArrayOutputStream();

    ModelArchive.write(directory, first);
    Files.setLastModifiedTime(
        directory.resolve("metrics.json"), java.nio.file.attribute.FileTime.fromMillis(0));
    ModelArchive.write(directory, second);

    assertThat(first.toByteArray()).isEqualTo(second.toByteArray());
  }

  @Test
  void acceptsTheDotPrefixThatTarOfADirectoryWrites() {
    byte[] archive =
        tar(entry("./", null), entry("./manifest.json", "{}"), entry("./metrics.json", "{}"));

    assertThat(read(archive).keySet()).containsExactly("manifest.json", "metrics.json");
  }

  @Test
  void refusesWhatAModelDirectoryCannotHold() {
    assertRefused(tar(entry("nested/manifest.json", "{}")), "nested/manifest.json is not at");
    assertRefused(tar(entry("../manifest.json", "{}")), "../manifest.json is not at");
    assertRefused(tar(entry("sub/", null)), "sub/ is not at the archive's root");
    assertRefused(
        tar(entry("manifest.json", "{}"), entry("manifest.json", "{}")),
        "manifest.json is in it twice");
    assertRefused(tar(symlink("manifest.json", "/etc/passwd")), "not a plain file");
    assertRefused(tar(), "it holds no file");
    assertRefused(
        "not gzip at all".getBytes(StandardCharsets.UTF_8), "not a gzip-compressed tar archive");
  }

  @Test
  void aFileChangedInsideTheArchiveFailsItsChecksumWhenLoaded() throws IOException {
    Path directory = TinyModels.writeXgboostDirectory(temp.resolve("model"));
    byte[] calibration = Files.readAllBytes(directory.resolve("calibration.json"));
    calibration[calibration.length / 2] ^= 1;
    Files.write(directory.resolve("calibration.json"), calibration);
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    ModelArchive.write(directory, archive);

    Map<String, byte[]> files = read(archive.toByteArray());

    assertThatThrownBy(() -> ModelDirectory.load("the upload", files))
        .isInstanceOf(SmartRetryException.class)
        .hasMessage(
            "the upload/calibration.json: corrupt (its SHA-256 differs from manifest.json)");
  }

  private static Map<String, byte[]> read(byte[] archive) {
    return ModelArchive.read("the upload", new ByteArrayInputStream(archive));
  }

  private static void assertRefused(byte[] archive, String reason) {
    assertThatThrownBy(() -> read(archive))
        .isInstanceOf(SmartRetryException.class)
        .hasMessageStartingWith("the upload: not a model archive: ")
        .hasMessageContaining(reason);
  }

  private record Entry(TarArchiveEntry header, byte[] content) {}

  private static Entry entry(String name, String content) {
    TarArchiveEntry header = new TarArchiveEntry(name);
    byte[] bytes = content == null ? new byte[0] : content.getBytes(StandardCharsets.UTF_8);
    header.setSize(bytes.length);
    return new Entry(header, bytes);
  }

  private static Entry symlink(String name, String target) {
    TarArchiveEntry header = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
    header.setLinkName(target);
    return new Entry(header, new byte[0]);
  }

  private static byte[] tar(Entry... entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
      for (Entry entry : entries) {
        tar.putArchiveEntry(entry.header());
        tar.write(entry.content());
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }
}
