package ai.stratum.core.inference.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ai.stratum.core.inference.TestModels;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host without the PyTorch native jar gets an error naming the model and the natives to add, not
 * a download.
 */
class MissingNativesTest {

  @TempDir Path directory;

  @Test
  void namesTheModelAndTheExpectedNativesWhenThePyTorchNativesAreMissing() throws Exception {
    Path artifact = TestModels.mlpArtifact(directory, 1);
    String classpath =
        classpathEntries().stream()
            .filter(entry -> !entry.contains("pytorch-native-cpu"))
            .collect(Collectors.joining(File.pathSeparator));
    Path emptyCache = directory.resolve("djl-cache");
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-DDJL_CACHE_DIR=" + emptyCache,
                "-DENGINE_CACHE_DIR=" + emptyCache,
                "-cp",
                classpath,
                LoadWithoutNatives.class.getName(),
                artifact.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(output)
        .contains("REFUSED: Cannot load model 'nodule-cnn' v7: the PyTorch engine did not start")
        .contains("pytorch-native-cpu:2.7.1 (classifier linux-x86_64")
        .contains("ai.djl.offline=true")
        .doesNotContain("LOADED");
  }

  /** The test classpath, also when surefire passes it in the manifest of a booter jar. */
  private static List<String> classpathEntries() throws IOException {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.endsWith(".jar") && entry.contains("surefirebooter")) {
        try (JarFile booter = new JarFile(entry)) {
          String manifestPath = booter.getManifest().getMainAttributes().getValue("Class-Path");
          for (String url : manifestPath.trim().split("\\s+")) {
            entries.add(Path.of(URI.create(url)).toString());
          }
        }
      } else {
        entries.add(entry);
      }
    }
    return entries;
  }
}
