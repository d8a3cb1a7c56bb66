package dev.smartretry.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.Yaml;

/**
 * The container files at the repository root, checked against the repository. No machine that
 * builds this project has a container runtime or reaches an image registry, so the image is never
 * built here: this test catches what drifts instead (a renamed jar, a moved config file, a setting
 * the service does not read, instances that disagree with the database or the gateway).
 */
class ContainerFilesTest {
  /** Surefire runs in the module's directory; the container files are one level up. */
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** What the official PostgreSQL image reads (its documentation's "Environment Variables"). */
  private static final Set<String> POSTGRES_VARIABLES =
      Set.of("POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_INITDB_ARGS", "PGDATA");

  private static final String SERVICE_JAR = "smart-retry-service.jar";

  @Test
  void everyComposeServiceRunsAPinnedImageOrABuildOfThisRepository() {
    services()
        .forEach(
            (name, service) -> {
              Object build = service.get("build");
              if (build == null) {
                assertThat((String) service.get("image")).as(name).matches("[\\w./-]+:[\\w.-]+");
                return;
              }
              Path context = ROOT.resolve(build instanceof String s ? s : context(build));
              String dockerfile =
                  build instanceof Map<?, ?> map && map.get("dockerfile") != null
                      ? (String) map.get("dockerfile")
                      : "Dockerfile";
              assertThat(context.resolve(dockerfile)).as(name).isRegularFile();
              assertThat(context.normalize()).as(name).isEqualTo(ROOT);
            });
  }

  @Test
  void everyFileComposeMountsExistsAndEveryNamedVolumeIsDeclared() {
    Map<String, Object> declared = map(compose().get("volumes"));
    services()
        .forEach(
            (name, service) -> {
              for (Object volume : list(service.get("volumes"))) {
                String source = ((String) volume).split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) {
                  assertThat(ROOT.resolve(source)).as(name + ": " + volume).exists();
                } else {
                  assertThat(declared).as(name + ": " + volume).containsKey(source);
                }
              }
            });
  }

  @Test
  void everyVariableComposeSetsIsOneItsImageReads() {
    Set<String> documented = readmeConfigurationVariables();
    assertThat(documented).contains("DATASOURCES_DEFAULT_URL", "SMART_RETRY_API_KEYS");
    services()
        .forEach(
            (name, service) -> {
              Set<String> set = environment(service).keySet();
              if (service.get("build") != null) {
                assertThat(documented).as(name + ": the README's Configuration").containsAll(set);
              } else if (((String) service.get("image")).startsWith("postgres:")) {
                assertThat(POSTGRES_VARIABLES).as(name).containsAll(set);
              } else {
                assertThat(set).as(name + ": an image this test knows no settings of").isEmpty();
              }
            });
  }

  @Test
  void theInstancesReachTheDatabaseTheGatewayAndEachOther() {
    Map<String, Map<String, Object>> services = services();
    List<String> instances = instances();
    assertThat(instances).hasSizeGreaterThanOrEqualTo(2);
    for (String instance : instances) {
      Map<String, String> env = environment(services.get(instance));

      URI database = URI.create(env.get("DATASOURCES_DEFAULT_URL").substring("jdbc:".length()));
      assertThat(database.getScheme()).isEqualTo("postgresql");
      Map<String, String> db = environment(services.get(database.getHost()));
      assertThat(database.getPath()).isEqualTo("/" + db.get("POSTGRES_DB"));
      assertThat(env.get("DATASOURCES_DEFAULT_USERNAME")).isEqualTo(db.get("POSTGRES_USER"));
      assertThat(env.get("DATASOURCES_DEFAULT_PASSWORD")).isEqualTo(db.get("POSTGRES_PASSWORD"));

      URI gateway = URI.create(env.get("SMART_RETRY_GATEWAY_URL"));
      Map<String, String> options = commandOptions(services.get(gateway.getHost()));
      assertThat(list(services.get(gateway.getHost()).get("command"))).startsWith("demo-gateway");
      assertThat(options.get("--port")).isEqualTo(String.valueOf(gateway.getPort()));
      assertThat(gateway.getPath()).isEqualTo("/charge");
      Set<String> keys = Set.of(env.get("SMART_RETRY_API_KEYS").split(","));
      assertThat(keys)
          .contains("admin:" + options.get("--admin-key"), "billing:" + options.get("--api-key"));
      for (String option : List.of("--service", "--events-from")) {
        assertThat(URI.create(options.get(option)).getHost()).isIn(instances);
      }
    }
    // Settings the instances must agree on, or one refuses what the other stored.
    assertThat(instances.stream().map(i -> without(environment(services.get(i)))).distinct())
        .hasSize(1);
  }

  @Test
  void prometheusScrapesEveryInstance() throws IOException {
    Map<String, Object> prometheus = services().get("prometheus");
    String config =
        list(prometheus.get("volumes")).stream()
            .map(String.class::cast)
            .filter(volume -> volume.contains(":/etc/prometheus/prometheus.yml"))
            .findFirst()
            .orElseThrow()
            .split(":")[0];
    Map<String, Object> scrape = map(list(load(ROOT.resolve(config)).get("scrape_configs")).get(0));

    assertThat(scrape.get("metrics_path")).isEqualTo("/prometheus");
    List<Object> targets = list(map(list(scrape.get("static_configs")).get(0)).get("targets"));
    assertThat(targets)
        .containsExactlyInAnyOrderElementsOf(
            instances().stream().map(instance -> instance + ":8080").toList());
  }

  @Test
  void theRuntimeStageCopiesTheJarsMavenBuildsAndRunsThemAsAnotherUser() throws Exception {
    List<List<String>> stages = dockerfileStages();
    List<String> build = stages.get(0);
    List<String> runtime = stages.get(stages.size() - 1);
    String buildName = build.get(0).replaceAll("(?i).* AS ", "");
    String workdir = instruction(build, "WORKDIR").get(0);
    assertThat(instruction(build, "RUN"))
        .anyMatch(run -> run.contains("mvn -B -ntp -DskipTests package"));
    assertThat(runtime.get(0)).startsWith("FROM eclipse-temurin:17-jre");

    Map<String, String> jarsMavenBuilds = new HashMap<>();
    for (String module : modules()) {
      String finalName = finalName(ROOT.resolve(module).resolve("pom.xml"));
      if (finalName != null) {
        jarsMavenBuilds.put(workdir + "/" + module + "/target/" + finalName + ".jar", module);
      }
    }
    List<String> copied = new ArrayList<>();
    for (String copy : instruction(runtime, "COPY")) {
      List<String> words = List.of(copy.split("\\s+"));
      assertThat(words.get(0)).isEqualTo("--from=" + buildName);
      assertThat(words).hasSize(3);
      // Against the poms, not target/: in a clean verify the service's tests run before its jar.
      assertThat(jarsMavenBuilds).containsKey(words.get(1));
      copied.add(words.get(2));
    }
    assertThat(copied).anyMatch(path -> path.endsWith("/" + SERVICE_JAR));

    String entrypoint = instruction(runtime, "ENTRYPOINT").get(0);
    assertThat(copied).anyMatch(path -> entrypoint.contains("\"" + path + "\""));
    for (Map<String, Object> service : services().values()) {
      for (Object word : list(service.get("entrypoint"))) {
        if (word.toString().endsWith(".jar")) {
          assertThat(copied).contains(word.toString());
        }
      }
    }
    assertThat(instruction(runtime, "USER")).singleElement().isNotIn("root", "0");
    assertThat(instruction(runtime, "EXPOSE")).containsExactly("8080");
    assertThat(instruction(runtime, "HEALTHCHECK"))
        .singleElement()
        .asString()
        .contains("/health")
        .doesNotContain("curl", "wget");
  }

  @Test
  void theBuildContextHoldsWhatMavenReads() throws IOException {
    List<String> build = dockerfileStages().get(0);
    for (String copy : instruction(build, "COPY")) {
      String[] words = copy.split("\\s+");
      for (String source : Arrays.copyOf(words, words.length - 1)) {
        assertThat(ROOT.resolve(source)).exists();
      }
    }
    List<PathMatcher> ignored =
        Files.readAllLines(ROOT.resolve(".dockerignore")).stream()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .map(line -> FileSystems.getDefault().getPathMatcher("glob:" + line))
            .toList();
    List<String> needed = new ArrayList<>(List.of("pom.xml"));
    for (String module : modules()) {
      needed.addAll(List.of(module, module + "/pom.xml", module + "/src", module + "/src/main"));
    }
    assertThat(ignored).isNotEmpty();
    for (String path : needed) {
      assertThat(ignored).as(path).noneMatch(matcher -> matcher.matches(Path.of(path)));
    }
    assertThat(ignored).anyMatch(matcher -> matcher.matches(Path.of("service/target")));
    assertThat(ignored).anyMatch(matcher -> matcher.matches(Path.of(".git")));
  }

  // --- compose ---

  private static Map<String, Object> compose() {
    return load(ROOT.resolve("compose.yaml"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services() {
    return (Map<String, Map<String, Object>>) compose().get("services");
  }

  /** The services that run the HTTP service: built here, with the image's entrypoint. */
  private static List<String> instances() {
    return services().entrySet().stream()
        .filter(e -> e.getValue().get("build") != null && e.getValue().get("entrypoint") == null)
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  private static Map<String, String> environment(Map<String, Object> service) {
    Map<String, String> environment = new LinkedHashMap<>();
    Object declared = service.get("environment");
    if (declared instanceof Map<?, ?> map) {
      map.forEach((key, value) -> environment.put((String) key, String.valueOf(value)));
    } else {
      for (Object entry : list(declared)) {
        String[] pair = entry.toString().split("=", 2);
        environment.put(pair[0], pair.length == 2 ? pair[1] : "");
      }
    }
    return environment;
  }

  private static Map<String, String> without(Map<String, String> environment) {
    Map<String, String> shared = new LinkedHashMap<>(environment);
    shared.remove("SMART_RETRY_SCHEDULER");
    return shared;
  }

  /** A command's {@code --name=value} words. */
  private static Map<String, String> commandOptions(Map<String, Object> service) {
    return list(service.get("command")).stream()
        .map(Object::toString)
        .filter(word -> word.startsWith("--") && word.contains("="))
        .collect(Collectors.toMap(word -> word.split("=", 2)[0], word -> word.split("=", 2)[1]));
  }

  private static String context(Object build) {
    return (String) map(build).getOrDefault("context", ".");
  }

  // --- the Dockerfile ---

  /** Each stage's instructions, continuation lines joined, comments dropped; FROM first. */
  private static List<List<String>> dockerfileStages() throws IOException {
    String text = Files.readString(ROOT.resolve("Dockerfile"));
    List<List<String>> stages = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String line : text.lines().toList()) {
      if (line.strip().startsWith("#") || (line.isBlank() && pending.isEmpty())) {
        continue;
      }
      if (line.endsWith("\\")) {
        pending.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      String instruction = pending.append(line).toString().strip();
      pending.setLength(0);
      if (instruction.startsWith("FROM ")) {
        stages.add(new ArrayList<>());
      }
      stages.get(stages.size() - 1).add(instruction.replaceAll("\\s+", " "));
    }
    assertThat(stages).hasSizeGreaterThanOrEqualTo(2);
    return stages;
  }

  /** The arguments of each {@code name} instruction of a stage. */
  private static List<String> instruction(List<String> stage, String name) {
    return stage.stream()
        .filter(line -> line.startsWith(name + " "))
        .map(line -> line.substring(name.length() + 1))
        .toList();
  }

  // --- Maven and the README ---

  private static List<String> modules() {
    NodeList modules = pom(ROOT.resolve("pom.xml")).getElementsByTagName("module");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < modules.getLength(); i++) {
      names.add(modules.item(i).getTextContent().strip());
    }
    assertThat(names).contains("service", "training");
    return names;
  }

  private static String finalName(Path pom) {
    NodeList names = pom(pom).getElementsByTagName("finalName");
    return names.getLength() == 0 ? null : names.item(0).getTextContent().strip();
  }

  private static Element pom(Path pom) {
    try {
      return DocumentBuilderFactory.newInstance()
          .newDocumentBuilder()
          .parse(pom.toFile())
          .getDocumentElement();
    } catch (Exception e) {
      throw new AssertionError(pom + ": " + e, e);
    }
  }

  /** The variables named in the first column of the README's Configuration table. */
  private static Set<String> readmeConfigurationVariables() {
    String readme = read(ROOT.resolve("README.md"));
    int start = readme.indexOf("\n## Configuration\n");
    assertThat(start).isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    Set<String> names = new TreeSet<>();
    for (String row : readme.substring(start, end).lines().toList()) {
      if (row.startsWith("| `")) {
        Matcher name = Pattern.compile("`([A-Z][A-Z0-9_]+)`").matcher(row.split("\\|")[1]);
        while (name.find()) {
          names.add(name.group(1));
        }
      }
    }
    return names;
  }

  // --- YAML ---

  private static Map<String, Object> load(Path file) {
    Object document = new Yaml().load(read(file));
    assertThat(document).as(file.toString()).isInstanceOf(Map.class);
    return map(document);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object node) {
    return node == null ? Map.of() : (Map<String, Object>) node;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object node) {
    return node == null ? List.of() : (List<Object>) node;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new AssertionError(file + ": " + e, e);
    }
  }
}
