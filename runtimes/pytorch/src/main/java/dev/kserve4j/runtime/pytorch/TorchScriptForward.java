package dev.kserve4j.runtime.pytorch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The parameters of a TorchScript module's {@code forward}, read from the archive {@code
 * torch.jit.save} writes, since libtorch's method schema is not reachable through DJL.
 *
 * <p>The archive is a zip with one top directory holding {@code data.pkl}, whose first pickle
 * opcode is the GLOBAL naming the root module's class (e.g. {@code __torch__} {@code Mlp}), and
 * {@code code/}, the module's TorchScript source by qualified name ({@code __torch__.Mlp} in {@code
 * code/__torch__.py}). That class's {@code def forward(self: ..., x: Tensor, ...)} gives the
 * parameters, in order; one with a default ({@code mask: Optional[Tensor]=None}) may be left out.
 *
 * @param parameters the parameter names after {@code self}, in argument order
 * @param required how many leading parameters have no default
 */
record TorchScriptForward(List<String> parameters, int required) {
  /** Largest source file read: TorchScript code of a module, not its weights. */
  private static final int MAX_CODE_BYTES = 4 * 1024 * 1024;

  private static final Pattern GLOBAL =
      Pattern.compile("\\A\\x80[\\x02-\\x05]c([^\\n]+)\\n([^\\n]+)\\n");

  TorchScriptForward {
    parameters = List.copyOf(parameters);
  }

  /**
   * The parameters of {@code archive}'s root {@code forward}, or empty when they cannot be read.
   */
  static Optional<TorchScriptForward> read(Path archive) {
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      Optional<String> top = topDirectory(zip);
      if (top.isEmpty()) {
        return Optional.empty();
      }
      // The GLOBAL opens the pickle; the rest (every attribute of the module) is not needed.
      Optional<String> data = head(zip, top.get() + "data.pkl", 1024);
      Matcher global = data.map(GLOBAL::matcher).filter(Matcher::find).orElse(null);
      if (global == null) {
        return Optional.empty();
      }
      String module = global.group(1);
      String className = global.group(2);
      return source(zip, top.get() + "code/" + module.replace('.', '/') + ".py")
          .flatMap(code -> forward(code, className));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // not an archive of this layout: the caller falls back
    }
  }

  /** The parameters of {@code forward} of class {@code className} in TorchScript source. */
  static Optional<TorchScriptForward> forward(String code, String className) {
    String header = "class " + className + "(";
    int classStart = code.startsWith(header) ? 0 : code.indexOf("\n" + header);
    if (classStart < 0) {
      return Optional.empty();
    }
    int next = code.indexOf("\nclass ", classStart + 1);
    String body = code.substring(classStart, next < 0 ? code.length() : next);
    int def = body.indexOf("def forward(");
    if (def < 0) {
      return Optional.empty();
    }
    List<String> declared = splitTopLevel(body, def + "def forward(".length());
    if (declared.isEmpty() || !declared.getFirst().strip().startsWith("self")) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    int required = 0;
    for (String parameter : declared.subList(1, declared.size())) {
      String text = parameter.strip();
      int colon = text.indexOf(':');
      String name = (colon < 0 ? text : text.substring(0, colon)).strip();
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        return Optional.empty();
      }
      if (!hasDefault(text) && required == names.size()) {
        required++;
      }
      names.add(name);
    }
    return Optional.of(new TorchScriptForward(names, required));
  }

  /** The comma-separated items from {@code from} to the parenthesis that closes the list. */
  private static List<String> splitTopLevel(String text, int from) {
    List<String> items = new ArrayList<>();
    int depth = 0;
    int start = from;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(' || c == '[') {
        depth++;
      } else if ((c == ')' || c == ']') && depth > 0) {
        depth--;
      } else if (c == ')') {
        if (!text.substring(start, i).isBlank()) {
          items.add(text.substring(start, i));
        }
        return items;
      } else if (c == ',' && depth == 0) {
        items.add(text.substring(start, i));
        start = i + 1;
      }
    }
    return List.of(); // unbalanced: not the source this reader understands
  }

  private static boolean hasDefault(String parameter) {
    int depth = 0;
    for (char c : parameter.toCharArray()) {
      if (c == '[' || c == '(') {
        depth++;
      } else if (c == ']' || c == ')') {
        depth--;
      } else if (c == '=' && depth == 0) {
        return true;
      }
    }
    return false;
  }

  /** The directory every entry is under, with its slash ({@code model/}, {@code archive/}). */
  private static Optional<String> topDirectory(ZipFile zip) {
    Enumeration<? extends ZipEntry> entries = zip.entries();
    while (entries.hasMoreElements()) {
      String name = entries.nextElement().getName();
      int slash = name.indexOf('/');
      if (slash > 0 && name.substring(slash + 1).equals("data.pkl")) {
        return Optional.of(name.substring(0, slash + 1));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> head(ZipFile zip, String name, int bytes) throws IOException {
    ZipEntry entry = zip.getEntry(name);
    if (entry == null) {
      return Optional.empty();
    }
    try (InputStream in = zip.getInputStream(entry)) {
      // Latin-1 keeps the pickle's bytes as chars, one for one.
      return Optional.of(new String(in.readNBytes(bytes), StandardCharsets.ISO_8859_1));
    }
  }

  private static Optional<String> source(ZipFile zip, String name) throws IOException {
    ZipEntry entry = zip.getEntry(name);
    if (entry == null || entry.getSize() > MAX_CODE_BYTES) {
      return Optional.empty();
    }
    try (InputStream in = zip.getInputStream(entry)) {
      return Optional.of(new String(in.readNBytes(MAX_CODE_BYTES), StandardCharsets.UTF_8));
    }
  }
}
