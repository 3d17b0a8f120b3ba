package dev.kserve4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpHeaders;
import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.knative.Addressable;
import dev.kserve4j.api.knative.Condition;
import dev.kserve4j.api.v1alpha1.ClusterServingRuntime;
import dev.kserve4j.api.v1alpha1.InferenceGraph;
import dev.kserve4j.api.v1alpha1.RouterType;
import dev.kserve4j.api.v1beta1.InferenceService;
import dev.kserve4j.api.v1beta1.InferenceServiceStatus;
import dev.kserve4j.controller.ControllerConfig;
import dev.kserve4j.controller.InferenceGraphReconciler;
import dev.kserve4j.controller.InferenceGraphRenderer;
import dev.kserve4j.controller.RouterConfig;
import dev.kserve4j.plan.DeploymentMode;
import dev.kserve4j.router.GraphNode;
import dev.kserve4j.router.GraphStep;
import dev.kserve4j.router.RouterGraph;
import dev.kserve4j.router.http.HeaderPropagation;
import dev.kserve4j.router.http.OutboundGuard;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/**
 * The router container the operator renders is one that {@code kserve4j router} accepts: a graph is
 * reconciled by the operator's own reconciler against fabric8's API server in CRUD mode (its {@code
 * serviceName} steps resolved from the InferenceServices' status), in Standard and Knative mode;
 * the container's arguments are parsed by the command's own picocli model and its graph read back
 * by the router's parser, guard and header rules, and must hold the spec's nodes, steps, URLs,
 * conditions, weights and timeouts. A graph whose {@code serviceUrl} the router would refuse is
 * reported in the graph's status with the very message the router exits with.
 */
@EnableKubernetesMockClient(crud = true)
class RouterDeploymentArgsTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final ResourceCodec CODEC = new ResourceCodec();
  private static final String NS = "models";
  private static final String NAME = "pipeline";
  private static final String SKLEARN =
      "http://sklearn-iris-predictor.models.svc.cluster.local/v1/models/sklearn-iris:predict";
  private static final String XGBOOST =
      "http://xgboost-iris-predictor.models.svc.cluster.local/v2/models/xgboost-iris/infer";
  private static final String FALLBACK =
      "http://fallback.tools.svc.cluster.local:8080/v1/models/fallback:predict";
  private static final String DOG = "predictions.#(label==\"dog\")";

  /** A graph with every kind of step and a router timeout of each kind. */
  private static final String GRAPH =
      """
      apiVersion: serving.kserve.io/v1alpha1
      kind: InferenceGraph
      metadata:
        name: pipeline
        namespace: models
      spec:
        nodes:
          root:
            routerType: Sequence
            steps:
              - name: classify
                serviceName: sklearn-iris
              - name: route
                nodeName: switch
                data: $response
          switch:
            routerType: Switch
            steps:
              - name: dogs
                nodeName: split
                condition: 'predictions.#(label=="dog")'
              - name: others
                serviceUrl: http://fallback.tools.svc.cluster.local:8080/v1/models/fallback:predict
                condition: 'predictions.#(label!="dog")'
                dependency: Hard
          split:
            routerType: Splitter
            steps:
              - serviceName: xgboost-iris
                weight: 30
              - serviceUrl: http://sklearn-iris-predictor.models.svc.cluster.local/v1/models/sklearn-iris:predict
                weight: 70
        routerTimeouts:
          serverRead: 120
          serverWrite: 90
          serverIdle: 300
          serviceClient: 15
        timeout: 60
      """;

  KubernetesClient client;

  private void install() {
    for (String crd :
        List.of(
            "inferenceservices", "inferencegraphs", "servingruntimes", "clusterservingruntimes")) {
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .load(ROOT.resolve("deploy/crds/" + crd + ".serving.kserve.io-v1.yml").toFile())
          .create();
    }
    for (HasMetadata runtime :
        CODEC.readAll(ROOT.resolve("deploy/runtimes/kserve4j-runtimes.yaml"))) {
      if (runtime instanceof ClusterServingRuntime csr) {
        client.resource(csr).create();
      }
    }
    createService("sklearn-iris", "sklearn", null, null);
    createService("xgboost-iris", "xgboost", "kserve4j-xgboost", "v2");
  }

  /**
   * Creates an InferenceService, then gives it the status its reconciler would: Ready, its address.
   */
  private void createService(String name, String format, String runtime, String protocol) {
    InferenceService isvc =
        (InferenceService)
            CODEC
                .readAll(
                    ("apiVersion: serving.kserve.io/v1beta1\n"
                            + "kind: InferenceService\n"
                            + "metadata: {name: %s, namespace: %s}\n"
                            + "spec:\n"
                            + "  predictor:\n"
                            + "    model:\n"
                            + "      modelFormat: {name: %s}\n"
                            + (runtime == null ? "" : "      runtime: " + runtime + "\n")
                            + (protocol == null ? "" : "      protocolVersion: " + protocol + "\n")
                            + "      storageUri: gs://example/%s\n")
                        .formatted(name, NS, format, name),
                    name)
                .getFirst();
    client.resource(isvc).create();
    InferenceService stored =
        client.resources(InferenceService.class).inNamespace(NS).withName(name).get();
    InferenceServiceStatus status = new InferenceServiceStatus();
    status.setAddress(
        new Addressable("http://" + name + "-predictor." + NS + ".svc.cluster.local"));
    status.setConditions(List.of(new Condition("Ready", "True", null, null)));
    stored.setStatus(status);
    client.resources(InferenceService.class).inNamespace(NS).resource(stored).updateStatus();
  }

  private static ControllerConfig config(RouterConfig router) {
    ControllerConfig defaults = ControllerConfig.defaults();
    return new ControllerConfig(
        defaults.namespaces(),
        defaults.render().withRouter(router),
        defaults.plan().withDefaultDeploymentMode(DeploymentMode.STANDARD),
        defaults.resync(),
        defaults.retryDelay());
  }

  /** kserve4j's router propagating two header patterns and allowing the tools namespace. */
  private static final RouterConfig ROUTER =
      new RouterConfig(
          RouterConfig.DEFAULT_IMAGE,
          RouterConfig.defaults().requests(),
          RouterConfig.defaults().limits(),
          Map.of("propagate", List.of("Authorization", "X-Team-.*")),
          "IfNotPresent",
          List.of(),
          List.of("*.tools.svc.cluster.local:8080"));

  /** The router container the operator wrote for the graph, in either mode. */
  @SuppressWarnings("unchecked")
  private Container routerContainer(DeploymentMode mode) {
    if (mode == DeploymentMode.STANDARD) {
      Deployment deployment = client.apps().deployments().inNamespace(NS).withName(NAME).get();
      return deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
    }
    GenericKubernetesResource ksvc =
        client
            .genericKubernetesResources(
                new ResourceDefinitionContext.Builder()
                    .withGroup("serving.knative.dev")
                    .withVersion("v1")
                    .withKind("Service")
                    .withPlural("services")
                    .withNamespaced(true)
                    .build())
            .inNamespace(NS)
            .withName(NAME)
            .get();
    Map<String, Object> spec = (Map<String, Object>) ksvc.getAdditionalProperties().get("spec");
    Map<String, Object> template = (Map<String, Object>) spec.get("template");
    List<Object> containers =
        (List<Object>) ((Map<String, Object>) template.get("spec")).get("containers");
    return new ObjectMapper().convertValue(containers.getFirst(), Container.class);
  }

  private static Map<String, String> env(Container container) {
    return container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  /** The container's arguments as {@code kserve4j} parses them: the router command's options. */
  private static RouterCommand parse(List<String> args) {
    CommandLine.ParseResult parsed =
        Kserve4jCommand.commandLine().parseArgs(args.toArray(String[]::new));
    assertThat(parsed.subcommand()).as("a subcommand in %s", args).isNotNull();
    assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("router");
    return (RouterCommand) parsed.subcommand().commandSpec().userObject();
  }

  @ParameterizedTest
  @EnumSource(DeploymentMode.class)
  void theRenderedContainerIsAGraphTheRouterAccepts(DeploymentMode mode) throws Exception {
    install();
    InferenceGraph graph = CODEC.read(GRAPH, "graph", InferenceGraph.class);
    graph
        .getMetadata()
        .setAnnotations(Map.of("serving.kserve.io/deploymentMode", mode.annotation()));
    client.resource(graph).create();
    new InferenceGraphReconciler(client, config(ROUTER), Clock.systemUTC()).reconcile(NS, NAME);

    Container container = routerContainer(mode);
    RouterCommand command = parse(container.getArgs());
    assertThat(command.port)
        .as("the router listens where the readiness probe and Service look")
        .isEqualTo(InferenceGraphRenderer.ROUTER_PORT)
        .isEqualTo(container.getReadinessProbe().getHttpGet().getPort().getIntVal());
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(command.allowHosts).containsExactly("*.tools.svc.cluster.local:8080");
    assertThat(command.drainSeconds).isEqualTo(30);

    Map<String, String> env = env(container);
    assertThat(env).containsEntry(RouterConfig.GRAPH_NAME_ENV, NAME);
    assertThat(
            RouterCommand.class
                .getDeclaredField("graphName")
                .getAnnotation(CommandLine.Option.class)
                .defaultValue())
        .as("the name the router takes from the environment the operator sets")
        .isEqualTo("${env:" + RouterConfig.GRAPH_NAME_ENV + ":-graph}");
    Map<String, List<String>> propagated =
        HeaderPropagation.parse(env.get(HeaderPropagation.ENV))
            .call(
                HttpHeaders.of("authorization", "Bearer t", "x-team-id", "7", "x-other", "no"),
                new byte[0])
            .headers();
    assertThat(propagated).containsKeys("authorization", "x-team-id").doesNotContainKey("x-other");

    RouterGraph read =
        RouterGraph.fromJson(env.get(RouterConfig.GRAPH_NAME_ENV), command.graphJson);
    assertThatCode(() -> new OutboundGuard(command.allowHosts).check(read))
        .as("the graph's own hosts and the allowed pattern")
        .doesNotThrowAnyException();
    assertThat(read.nodes().keySet()).containsExactlyInAnyOrder("root", "switch", "split");
    GraphNode root = read.node("root");
    assertThat(root.type()).isEqualTo(RouterType.SEQUENCE);
    assertThat(root.steps())
        .extracting(
            GraphStep::name, GraphStep::serviceName, GraphStep::serviceUrl, GraphStep::nodeName)
        .containsExactly(
            tuple("classify", "sklearn-iris", SKLEARN, null), tuple("route", null, null, "switch"));
    assertThat(root.steps().get(1).response()).isTrue();
    GraphNode choose = read.node("switch");
    assertThat(choose.type()).isEqualTo(RouterType.SWITCH);
    assertThat(choose.steps())
        .extracting(s -> s.conditionPath().orElseThrow().path())
        .containsExactly(DOG, "predictions.#(label!=\"dog\")");
    assertThat(choose.steps().get(1).serviceUrl()).isEqualTo(FALLBACK);
    assertThat(choose.steps().get(1).hard()).isTrue();
    GraphNode split = read.node("split");
    assertThat(split.type()).isEqualTo(RouterType.SPLITTER);
    assertThat(split.steps())
        .extracting(GraphStep::serviceUrl, GraphStep::weight)
        .containsExactly(tuple(XGBOOST, 30L), tuple(SKLEARN, 70L));
    assertThat(read.serviceClientTimeout()).contains(Duration.ofSeconds(15));
    assertThat(read.spec().getRouterTimeouts())
        .extracting(t -> t.serverRead(), t -> t.serverWrite(), t -> t.serverIdle())
        .containsExactly(120L, 90L, 300L);
    assertThat(read.spec().getTimeout()).isEqualTo(60L);
  }

  @Test
  void aHostTheRouterWouldRefuseIsInTheStatusWithTheRoutersOwnMessage() throws Exception {
    install();
    InferenceGraph graph =
        CODEC.read(
            GRAPH.replace("http://fallback.tools.svc.cluster.local:8080", "http://169.254.169.254"),
            "graph",
            InferenceGraph.class);
    client.resource(graph).create();
    ControllerConfig config = config(RouterConfig.defaults());
    new InferenceGraphReconciler(client, config, Clock.systemUTC()).reconcile(NS, NAME);

    Condition ready =
        client
            .resources(InferenceGraph.class)
            .inNamespace(NS)
            .withName(NAME)
            .get()
            .getStatus()
            .condition("Ready")
            .orElseThrow();
    assertThat(ready.reason()).isEqualTo("OutboundHostNotAllowed");
    assertThat(client.apps().deployments().inNamespace(NS).withName(NAME).get())
        .as("no router that would exit")
        .isNull();

    // What the router would have run: the same rendering, started in this JVM.
    InferenceGraph stored =
        client.resources(InferenceGraph.class).inNamespace(NS).withName(NAME).get();
    Deployment rendered =
        (Deployment)
            new InferenceGraphRenderer(config.render(), config.plan())
                .render(
                    stored,
                    Map.of(
                        "sklearn-iris",
                        SKLEARN.substring(0, SKLEARN.indexOf("/v1")),
                        "xgboost-iris",
                        XGBOOST.substring(0, XGBOOST.indexOf("/v2"))))
                .getFirst();
    List<String> args =
        rendered.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream before = System.err;
    int exit;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit =
          assertTimeoutPreemptively(
              Duration.ofSeconds(30),
              () -> Kserve4jCommand.commandLine().execute(args.toArray(String[]::new)));
    } finally {
      System.setErr(before);
    }
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertThat(exit).isEqualTo(1);
    String refusal =
        "step \"others\" of node \"switch\": serviceUrl"
            + " http://169.254.169.254/v1/models/fallback:predict reaches host \"169.254.169.254\"";
    assertThat(stderr).contains("kserve4j router: InferenceGraph \"graph\" cannot run: " + refusal);
    String problem = stderr.substring(stderr.indexOf(refusal)).strip();
    assertThat(ready.message()).contains(problem);
  }
}
