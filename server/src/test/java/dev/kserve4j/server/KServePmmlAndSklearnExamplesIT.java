package dev.kserve4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kserve4j.common.testing.Required;
import dev.kserve4j.runtime.ModelRuntimes;
import dev.kserve4j.server.config.ModelConfig;
import dev.kserve4j.server.config.ServerConfig;
import dev.kserve4j.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * KServe's own PMML and scikit-learn example models (../shared/fixtures/kserve-examples) served
 * over V1 and V2 REST, answering what KServe's pmmlserver and sklearnserver tests expect. The
 * scikit-learn models run in Python workers, so they need Debian's python3-sklearn.
 */
class KServePmmlAndSklearnExamplesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT =
      TestModels.repoRoot().resolve("../shared/fixtures/kserve-examples").normalize();
  private static final String PYTHON = "/usr/bin/python3";

  private static KServeServer server;
  private static RestClient http;
  private static boolean sklearn;

  @BeforeAll
  static void start() throws Exception {
    Required.that(
        Files.isDirectory(ROOT),
        "KServe's example models are not at "
            + ROOT
            + " (they are shared next to the repository,"
            + " not part of it)");
    sklearn = canImportSklearn();
    List<ModelConfig> models = new ArrayList<>();
    models.add(ModelConfig.of("pmml", ROOT.resolve("pmml")));
    if (sklearn) {
      Map<String, String> python = Map.of("python", PYTHON);
      for (String name : List.of("sklearn-joblib", "sklearn-pickle", "sklearn-mixedtype")) {
        models.add(new ModelConfig(name, null, ROOT.resolve(name), "sklearn", python, null));
      }
    }
    server =
        KServeServer.start(
            ServerConfig.defaults(models).onEphemeralPorts(),
            ModelRuntimes.discover(KServePmmlAndSklearnExamplesIT.class.getClassLoader()));
    http = new RestClient(server.httpPort());
  }

  private static boolean canImportSklearn() throws Exception {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      return false;
    }
    Process p =
        new ProcessBuilder(PYTHON, "-c", "import numpy, sklearn, joblib, pandas")
            .redirectErrorStream(true)
            .start();
    return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static JsonNode post(String path, String body) throws Exception {
    RestClient.Reply r = http.post(path, body.getBytes(StandardCharsets.UTF_8), Map.of());
    assertThat(r.status()).as("%s: %s", path, r.text()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  @Test
  void pmmlAnswersV1WithPmmlserversRecordPerRow() throws Exception {
    JsonNode r = post("/v1/models/pmml:predict", "{\"instances\": [[5.1, 3.5, 1.4, 0.2]]}");

    assertThat(r)
        .isEqualTo(
            JSON.readTree(
                """
                {"predictions": [{"Species": "setosa", "Probability_setosa": 1.0,
                  "Probability_versicolor": 0.0, "Probability_virginica": 0.0, "Node_Id": "2"}]}\
                """));
  }

  @Test
  void pmmlAnswersV2WithOneOutputPerField() throws Exception {
    JsonNode r =
        post(
            "/v2/models/pmml/infer",
            "{\"inputs\": [{\"name\": \"input-0\", \"shape\": [1, 4],"
                + " \"datatype\": \"FP32\", \"data\": [[5.1, 3.5, 1.4, 0.2]]}]}");

    assertThat(r.get("outputs"))
        .isEqualTo(
            JSON.readTree(
                """
                [{"name": "Species", "datatype": "BYTES", "shape": [1], "data": ["setosa"]},
                 {"name": "Probability_setosa", "datatype": "FP64", "shape": [1], "data": [1.0]},
                 {"name": "Probability_versicolor", "datatype": "FP64", "shape": [1], "data": [0.0]},
                 {"name": "Probability_virginica", "datatype": "FP64", "shape": [1], "data": [0.0]},
                 {"name": "Node_Id", "datatype": "BYTES", "shape": [1], "data": ["2"]}]\
                """));
  }

  @Test
  void sklearnJoblibAndPickleAnswerKServesIrisRequest() throws Exception {
    Required.that(
        sklearn,
        PYTHON
            + " cannot import numpy, sklearn, joblib and pandas"
            + " (install Debian's python3-sklearn, python3-joblib and python3-pandas)");
    String v1 = Files.readString(ROOT.resolve("inputs/iris_input.json"));
    String v2 = Files.readString(ROOT.resolve("inputs/iris_input_v2.json"));
    for (String model : List.of("sklearn-joblib", "sklearn-pickle")) {
      assertThat(post("/v1/models/" + model + ":predict", v1))
          .as(model)
          .isEqualTo(JSON.readTree("{\"predictions\": [1, 1]}"));
      JsonNode out = post("/v2/models/" + model + "/infer", v2).at("/outputs/0");
      assertThat(out.get("data").toString()).as(model).isEqualTo("[1,1]");
    }
  }

  @Test
  void sklearnMixedTypePipelineTakesNamedColumnsOverV2() throws Exception {
    Required.that(
        sklearn,
        PYTHON
            + " cannot import numpy, sklearn, joblib and pandas"
            + " (install Debian's python3-sklearn, python3-joblib and python3-pandas)");
    StringBuilder inputs = new StringBuilder();
    for (String[] column :
        new String[][] {
          {"MSZoning", "RL"},
          {"LotShape", "Reg"},
          {"Utilities", "AllPub"},
          {"Neighborhood", "CollgCr"},
          {"SaleType", "WD"}
        }) {
      inputs
          .append("{\"name\": \"")
          .append(column[0])
          .append("\", \"shape\": [1], \"datatype\": \"BYTES\"," + " \"data\": [\"")
          .append(column[1])
          .append("\"]},");
    }
    for (Object[] column :
        new Object[][] {
          {"LotArea", 8450},
          {"YrSold", 2008},
          {"OverallQual", 7},
          {"YearBuilt", 2003},
          {"GarageArea", 548}
        }) {
      inputs
          .append("{\"name\": \"")
          .append(column[0])
          .append("\", \"shape\": [1], \"datatype\": \"INT64\"," + " \"data\": [")
          .append(column[1])
          .append("]},");
    }
    inputs.setLength(inputs.length() - 1);

    JsonNode r = post("/v2/models/sklearn-mixedtype/infer", "{\"inputs\": [" + inputs + "]}");

    assertThat(r.at("/outputs/0/data/0").asDouble()).isCloseTo(12.202832815138274, within(1e-9));
  }
}
