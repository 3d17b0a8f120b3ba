package dev.kserve4j.runtime.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The offline and threading defaults, applied only where the user has not chosen. */
class TorchEngineLoaderTest {

  @Test
  void setsOfflineTrackingAndThreadDefaultsOnAnEmptyConfiguration() {
    Properties system = new Properties();

    Map<String, String> applied = new TorchEngineLoader(system, Map.of()).applyDefaults();

    assertThat(applied).isEqualTo(TorchEngineLoader.DEFAULTS);
    assertThat(system.getProperty("ai.djl.offline")).isEqualTo("true");
    assertThat(system.getProperty("OPT_OUT_TRACKING")).isEqualTo("true");
    assertThat(system.getProperty("ai.djl.pytorch.num_threads")).isEqualTo("1");
    assertThat(system.getProperty("ai.djl.pytorch.num_interop_threads")).isEqualTo("1");
  }

  @Test
  void keepsWhatTheUserSetAsPropertyOrEnvironmentVariable() {
    Properties system = new Properties();
    system.setProperty("ai.djl.pytorch.num_threads", "4");

    Map<String, String> applied =
        new TorchEngineLoader(system, Map.of("DJL_OFFLINE", "false")).applyDefaults();

    assertThat(applied).containsOnlyKeys("OPT_OUT_TRACKING", "ai.djl.pytorch.num_interop_threads");
    assertThat(system.getProperty("ai.djl.pytorch.num_threads")).isEqualTo("4");
    assertThat(system.getProperty("ai.djl.offline")).isNull();
  }
}
