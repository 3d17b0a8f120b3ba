package dev.kserve4j.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/ARCHITECTURE.md, checked on the classes every module ships. A module is
 * checked as soon as it is in the reactor: it must be a dependency of this module and have a row in
 * {@link #LAYERS}, or {@link #everyModuleOfTheReactorIsChecked} fails.
 */
class ArchitectureTest {
  /**
   * What each module's main code may import of the other modules ({@code runtime-*}: a runtime).
   */
  static final Map<String, Set<String>> LAYERS =
      Map.ofEntries(
          Map.entry("common", Set.of()),
          Map.entry("api", Set.of("common")),
          Map.entry("plan", Set.of("api", "common")),
          Map.entry("protocol", Set.of("common")),
          Map.entry("protocol-grpc", Set.of("protocol", "common")),
          Map.entry("runtime-api", Set.of("protocol", "common")),
          Map.entry("runtime-*", Set.of("runtime-api", "protocol", "common")),
          Map.entry("storage", Set.of("common")),
          Map.entry("router", Set.of("api", "protocol", "common")),
          Map.entry("autoscaler", Set.of("common")),
          Map.entry("modelmesh", Set.of("common")),
          Map.entry("testing", Set.of("runtime-api", "protocol", "common")),
          Map.entry(
              "server", Set.of("protocol", "protocol-grpc", "runtime-api", "storage", "common")),
          Map.entry(
              "local",
              Set.of(
                  "router",
                  "autoscaler",
                  "api",
                  "plan",
                  "storage",
                  "server",
                  "runtime-api",
                  "protocol",
                  "protocol-grpc",
                  "common")),
          Map.entry("controller", Set.of("api", "plan", "common")),
          Map.entry(
              "cli",
              Set.of(
                  "server",
                  "router",
                  "local",
                  "controller",
                  "storage",
                  "api",
                  "plan",
                  "runtime-api",
                  "protocol",
                  "protocol-grpc",
                  "common")),
          Map.entry(
              "benchmarks",
              Set.of(
                  "server",
                  "router",
                  "testing",
                  "storage",
                  "runtime-api",
                  "protocol",
                  "protocol-grpc",
                  "common")),
          Map.entry("example-custom-java-model", Set.of("runtime-api", "protocol", "common")));

  /** Modules that stay free of the HTTP framework, so each can be tested without a socket. */
  static final List<String> TRANSPORT_FREE =
      List.of(
          "common",
          "api",
          "plan",
          "protocol",
          "protocol-grpc",
          "runtime-api",
          "runtime-*",
          "storage",
          "autoscaler",
          "controller");

  static final Modules MODULES = Modules.read();

  /**
   * The classes of exactly the modules' own jars or class folders: not found by package on the
   * class path, where copies of them (the assembly's {@code lib/}) would come from nowhere we know.
   */
  static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importLocations(MODULES.locations());

  private static final Map<String, Optional<String>> MODULE_OF = new ConcurrentHashMap<>();

  @Test
  void everyModuleOfTheReactorIsChecked() {
    assertThat(MODULES.unchecked())
        .as(
            "modules of the reactor that are not dependencies of architecture/pom.xml, so their"
                + " classes are not checked; add them there")
        .isEmpty();
    assertThat(MODULES.onClassPath().keySet().stream().filter(m -> layerOf(m).isEmpty()))
        .as("modules without a row in ArchitectureTest.LAYERS (what each may import); add one")
        .isEmpty();
    assertThat(CLASSES.stream().filter(c -> moduleOf(c).isEmpty()).map(JavaClass::getName))
        .as("classes read whose module is not known, so no rule would hold for them")
        .isEmpty();
    assertThat(
            MODULES.onClassPath().keySet().stream()
                .filter(m -> CLASSES.stream().noneMatch(c -> moduleOf(c).equals(Optional.of(m)))))
        .as("modules none of whose classes were read, so no rule would see them")
        .isEmpty();
    assertThat(CLASSES.size()).as("classes read from the modules").isGreaterThan(300);
  }

  @Test
  void apiAndPlanNeverCallAKubernetesClient() {
    DescribedPredicate<JavaClass> client =
        DescribedPredicate.describe(
            "are a Kubernetes client (io.fabric8.kubernetes.client.., CustomResource aside)",
            c ->
                c.getPackageName().startsWith("io.fabric8.kubernetes.client")
                    && !c.getName().equals("io.fabric8.kubernetes.client.CustomResource"));
    check(
        noClasses()
            .that(inModule("api", "plan"))
            .should()
            .dependOnClassesThat(client)
            .because("api and plan are pure: the hosts (local, controller) talk to clusters"));
  }

  @Test
  void localAndControllerNeverImportEachOther() {
    check(
        noClasses()
            .that(inModule("local"))
            .should()
            .dependOnClassesThat(inModule("controller"))
            .because("local never imports controller: the two hosts share only api and plan"));
    check(
        noClasses()
            .that(inModule("controller"))
            .should()
            .dependOnClassesThat(inModule("local"))
            .because("controller never imports local: the two hosts share only api and plan"));
  }

  @Test
  void runtimesNeverImportTheServerOrAnotherRuntime() {
    for (String runtime : modulesMatching("runtime-*")) {
      check(
          noClasses()
              .that(inModule(runtime))
              .should()
              .dependOnClassesThat(inModule("server", "local", "cli"))
              .because("runtimes never import server: the server loads them through the SPI"));
      DescribedPredicate<JavaClass> otherRuntime =
          DescribedPredicate.describe(
              "are in another runtime module",
              c -> moduleOf(c).filter(m -> isRuntime(m) && !m.equals(runtime)).isPresent());
      check(
          noClasses()
              .that(inModule(runtime))
              .should()
              .dependOnClassesThat(otherRuntime)
              .because("a runtime never imports another runtime"));
    }
  }

  @Test
  void serverNeverImportsApiPlanOrLocal() {
    check(
        noClasses()
            .that(inModule("server"))
            .should()
            .dependOnClassesThat(inModule("api", "plan", "local", "controller"))
            .because("server is the data plane: it knows models, never resources or their hosts"));
  }

  @Test
  void cliUsesRuntimesOnlyThroughServiceLoader() {
    DescribedPredicate<JavaClass> runtime =
        DescribedPredicate.describe(
            "are in a runtime module (runtime-api aside)",
            c -> moduleOf(c).filter(ArchitectureTest::isRuntime).isPresent());
    check(
        noClasses()
            .that(inModule("cli"))
            .should()
            .dependOnClassesThat(runtime)
            .because("cli uses runtimes only through ServiceLoader (ModelRuntimes)"));
  }

  @Test
  void transportFreeModulesNeverImportTheHttpFramework() {
    check(
        noClasses()
            .that(inModule(TRANSPORT_FREE.toArray(String[]::new)))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.linecorp.armeria..", "io.netty..")
            .because(
                "the HTTP framework stays out of these modules, so each can be tested"
                    + " without a socket and the framework stays swappable"));
  }

  @Test
  void everyModuleImportsOnlyWhatItsLayerAllows() {
    for (String module : MODULES.onClassPath().keySet()) {
      Set<String> allowed = layerOf(module).orElseThrow();
      DescribedPredicate<JavaClass> outside =
          DescribedPredicate.describe(
              "are in a module other than " + allowed,
              c -> moduleOf(c).filter(m -> !m.equals(module) && !allowed(allowed, m)).isPresent());
      check(
          noClasses()
              .that(inModule(module))
              .should()
              .dependOnClassesThat(outside)
              .because(module + " may import only " + allowed + " (docs/ARCHITECTURE.md)"));
    }
  }

  private static void check(ArchRule rule) {
    rule.allowEmptyShould(true).check(CLASSES);
  }

  static DescribedPredicate<JavaClass> inModule(String... modules) {
    return DescribedPredicate.describe(
        "are in module " + String.join(" or ", modules),
        c -> moduleOf(c).filter(m -> allowed(Set.of(modules), m)).isPresent());
  }

  static Optional<String> moduleOf(JavaClass c) {
    return MODULE_OF.computeIfAbsent(
        c.getName(), name -> c.getSource().flatMap(s -> MODULES.moduleAt(s.getUri())));
  }

  private static boolean allowed(Set<String> patterns, String module) {
    return patterns.contains(module) || (isRuntime(module) && patterns.contains("runtime-*"));
  }

  private static boolean isRuntime(String module) {
    return module.startsWith("runtime-") && !module.equals("runtime-api");
  }

  private static Optional<Set<String>> layerOf(String module) {
    return Optional.ofNullable(LAYERS.get(module))
        .or(() -> isRuntime(module) ? Optional.of(LAYERS.get("runtime-*")) : Optional.empty());
  }

  private static List<String> modulesMatching(String pattern) {
    return MODULES.onClassPath().keySet().stream()
        .filter(m -> allowed(Set.of(pattern), m))
        .toList();
  }
}
