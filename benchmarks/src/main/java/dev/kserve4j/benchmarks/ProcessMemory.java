package dev.kserve4j.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * This process's resident memory from {@code /proc/self/status}, read after a full GC and a settle,
 * the way the benchmark scripts read the server's with {@code jcmd GC.run}.
 */
final class ProcessMemory {
  private ProcessMemory() {}

  /** {@code prefix}rss_mb, anon_mb, file_mb and heap_used_mb as {@code key=value} pairs, in MB. */
  static String line(String prefix, long settleMillis) throws IOException, InterruptedException {
    System.gc();
    Thread.sleep(settleMillis);
    double rss = 0;
    double anon = 0;
    double file = 0;
    for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
      String[] f = l.trim().split("\\s+");
      switch (f[0]) {
        case "VmRSS:" -> rss = Long.parseLong(f[1]) / 1024.0;
        case "RssAnon:" -> anon = Long.parseLong(f[1]) / 1024.0;
        case "RssFile:" -> file = Long.parseLong(f[1]) / 1024.0;
        default -> {}
      }
    }
    double heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    return String.format(
        Locale.ROOT,
        "%1$srss_mb=%2$.1f %1$sanon_mb=%3$.1f %1$sfile_mb=%4$.1f" + " %1$sheap_used_mb=%5$.1f",
        prefix,
        rss,
        anon,
        file,
        heap);
  }
}
