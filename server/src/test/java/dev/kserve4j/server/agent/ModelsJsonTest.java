package dev.kserve4j.server.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelsJsonTest {
  @Test
  void readsKServesFormat() {
    ModelsJson.Parsed parsed =
        ModelsJson.parse(
            """
            [{"modelName": "m1", "modelSpec": {"storageUri": "s3://bucket/m1", "framework": "sklearn", "memory": "1G"}},
             {"modelName": "m2", "modelSpec": {"storageUri": "/models/m2"}}]\
            """,
            "models.json");
    assertThat(parsed.invalid()).isEmpty();
    assertThat(parsed.entries().values())
        .containsExactly(
            new ModelsJson.Entry("m1", "s3://bucket/m1", "sklearn", "1G"),
            new ModelsJson.Entry("m2", "/models/m2", null, null));
    assertThat(ModelsJson.parse("  ", "models.json").entries()).isEmpty();
  }

  @Test
  void aFileThatIsNotAnArrayIsRefusedSayingWhatIsExpected() {
    assertThatThrownBy(() -> ModelsJson.parse("{\"modelName\": \"m\"}", "/mnt/configs/models.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "/mnt/configs/models.json: a JSON object (expected a JSON array of {\"modelName\"");
    assertThatThrownBy(() -> ModelsJson.parse("[{", "models.json"))
        .hasMessageStartingWith("models.json: not JSON: ");
  }

  @Test
  void invalidEntriesAreLeftOutNamingTheProblemAndALaterEntryOfTheSameNameWins() {
    ModelsJson.Parsed parsed =
        ModelsJson.parse(
            """
            [{"modelName": "a", "modelSpec": {"storageUri": "gs://one"}},
             {"modelSpec": {"storageUri": "gs://nameless"}},
             {"modelName": "..", "modelSpec": {"storageUri": "gs://up"}},
             {"modelName": "../../etc", "modelSpec": {"storageUri": "gs://up"}},
             {"modelName": "b", "modelSpec": {}},
             "text",
             {"modelName": "a", "modelSpec": {"storageUri": "gs://two"}}]\
            """,
            "models.json");
    assertThat(parsed.entries()).containsOnlyKeys("a");
    assertThat(parsed.entries().get("a").storageUri()).isEqualTo("gs://two");
    assertThat(parsed.invalid()).hasSize(5);
    assertThat(parsed.invalid().get(0))
        .contains("entry 1", "modelName is missing (expected a string)");
    assertThat(parsed.invalid().get(1))
        .contains(
            "modelName: model name '..' is invalid: a model name" + " names one directory",
            "regex used for validation is '[A-Za-z0-9_][A-Za-z0-9_.-]*'");
    assertThat(parsed.invalid().get(2)).contains("model name '../../etc' is invalid");
    assertThat(parsed.invalid().get(3))
        .contains("modelSpec.storageUri is missing (expected a storage URI");
    assertThat(parsed.invalid().get(4)).contains("entry 5", "not an object");
  }
}
