package dev.kserve4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.api.ResourceCodec;
import dev.kserve4j.api.v1beta1.InferenceService;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InferenceServiceTableTest {
  private static final Instant NOW = Instant.parse("2026-01-02T00:00:00Z");

  /**
   * A canary rollout as KServe reports it: 10% on the latest revision, 90% on the one tagged prev.
   */
  private static final String CANARY =
      """
      apiVersion: serving.kserve.io/v1beta1
      kind: InferenceService
      metadata: {name: sklearn-iris, namespace: default, creationTimestamp: "2026-01-01T23:55:00Z"}
      spec:
        predictor:
          model: {modelFormat: {name: sklearn}, storageUri: "gs://bucket/model"}
      status:
        url: http://sklearn-iris.default.example.com
        conditions:
          - {type: Ready, status: "False", reason: RevisionMissing, message: "revision not ready"}
        components:
          predictor:
            traffic:
              - {tag: prev, revisionName: sklearn-iris-predictor-00001, percent: 90}
              - {latestRevision: true, revisionName: sklearn-iris-predictor-00002, percent: 10}
      """;

  private final InferenceService canary =
      new ResourceCodec().read(CANARY, "canary", InferenceService.class);

  @Test
  void rowHasKServesPrinterColumns() {
    assertThat(InferenceServiceTable.row(canary, NOW))
        .containsExactly(
            "sklearn-iris",
            "http://sklearn-iris.default.example.com",
            "False",
            "90",
            "10",
            "sklearn-iris-predictor-00001",
            "sklearn-iris-predictor-00002",
            "5m");
  }

  @Test
  void withoutASplitPrevIsEmptyAndLatestHasEverything() {
    InferenceService rolledOut =
        new ResourceCodec()
            .read(
                CANARY
                    .replaceAll("(?m)^.*tag: prev.*\n", "")
                    .replace("percent: 10}", "percent: 100}"),
                "rolled-out",
                InferenceService.class);

    assertThat(InferenceServiceTable.row(rolledOut, NOW))
        .containsExactly(
            "sklearn-iris",
            "http://sklearn-iris.default.example.com",
            "False",
            "",
            "100",
            "",
            "sklearn-iris-predictor-00002",
            "5m");
  }

  @Test
  void aServiceWithoutStatusHasEmptyColumns() {
    InferenceService fresh =
        new ResourceCodec()
            .read(CANARY.substring(0, CANARY.indexOf("status:")), "fresh", InferenceService.class);

    assertThat(InferenceServiceTable.row(fresh, NOW))
        .containsExactly("sklearn-iris", "", "", "", "", "", "", "5m");
  }

  @Test
  void tableAlignsColumnsUnderTheirHeaders() {
    String table = InferenceServiceTable.render(List.of(canary), NOW);

    List<String> lines = table.lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1).indexOf("False")).isEqualTo(lines.get(0).indexOf("READY"));
    assertThat(lines.get(0).split(" +"))
        .containsExactly(
            "NAME",
            "URL",
            "READY",
            "PREV",
            "LATEST",
            "PREVROLLEDOUTREVISION",
            "LATESTREADYREVISION",
            "AGE");
    assertThat(lines.get(1).indexOf("90")).isEqualTo(lines.get(0).indexOf("PREV"));
    assertThat(lines.get(1).indexOf("sklearn-iris-predictor-00002"))
        .isEqualTo(lines.get(0).indexOf("LATESTREADYREVISION"));
    assertThat(lines.get(1).indexOf("5m")).isEqualTo(lines.get(0).indexOf("AGE"));
  }

  @Test
  void summaryGivesTheReasonWhenNotReady() {
    assertThat(InferenceServiceTable.summary(canary))
        .isEqualTo(
            "inferenceservice/sklearn-iris: READY False, URL"
                + " http://sklearn-iris.default.example.com (RevisionMissing: revision not ready)");
  }

  @Test
  void ageFollowsKubectlsShortForm() {
    assertThat(InferenceServiceTable.age("2026-01-01T23:59:15Z", NOW)).isEqualTo("45s");
    assertThat(InferenceServiceTable.age("2026-01-01T23:54:48Z", NOW)).isEqualTo("5m12s");
    assertThat(InferenceServiceTable.age("2026-01-01T23:43:00Z", NOW)).isEqualTo("17m");
    assertThat(InferenceServiceTable.age("2026-01-01T20:40:00Z", NOW)).isEqualTo("3h20m");
    assertThat(InferenceServiceTable.age("2025-12-31T18:00:00Z", NOW)).isEqualTo("30h");
    assertThat(InferenceServiceTable.age("2025-12-28T19:00:00Z", NOW)).isEqualTo("4d5h");
    assertThat(InferenceServiceTable.age("2025-12-21T00:00:00Z", NOW)).isEqualTo("12d");
    assertThat(InferenceServiceTable.age(null, NOW)).isEqualTo("<unknown>");
  }
}
