package dev.kserve4j.runtime.custom;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.runtime.CustomModel;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelLoadException;
import dev.kserve4j.runtime.ModelRuntimeProvider;
import dev.kserve4j.runtime.ModelSpec;
import java.nio.file.Path;

/**
 * The {@code custom} model format: a {@link CustomModel} subclass written by the user, loaded by
 * class name from a class path of jars and class directories in a class loader of its own.
 *
 * <p>Options: {@value #MODEL_CLASS} (required) is the subclass's fully qualified name; {@value
 * #CLASSPATH} (optional) lists the jars and directories holding it and its libraries, separated by
 * the platform's path separator ({@code :} on Linux). Without a class path the class is looked up
 * on the server's own class path. The class loader's parent is this runtime's, so the user classes
 * see the runtime API and the classes of the server's class path; the loader is closed with the
 * model.
 */
public final class CustomRuntimeProvider implements ModelRuntimeProvider {
  /** The option naming the {@link CustomModel} subclass, e.g. {@code com.acme.MyModel}. */
  public static final String MODEL_CLASS = CustomModel.MODEL_CLASS_OPTION;

  /** The option listing the jars and class directories, joined by the path separator. */
  public static final String CLASSPATH = CustomModel.CLASSPATH_OPTION;

  @Override
  public String format() {
    return "custom";
  }

  @Override
  public String platform() {
    return "custom";
  }

  /** Never: a custom model is named by its class, not recognised from files. */
  @Override
  public boolean canLoad(Path directory) {
    return false;
  }

  @Override
  public Model load(ModelSpec spec) {
    requireNonNull(spec, "spec");
    String className =
        spec.option(MODEL_CLASS)
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .orElseThrow(
                () ->
                    new ModelLoadException(
                        "model '"
                            + spec.name()
                            + "': option "
                            + MODEL_CLASS
                            + " is missing (expected the fully qualified name of a class extending "
                            + CustomModel.class.getName()
                            + ", e.g. com.acme.MyModel)"));
    UserClassPath classPath = UserClassPath.parse(spec.name(), spec.option(CLASSPATH).orElse(""));
    return UserModel.load(spec, className, classPath, getClass().getClassLoader());
  }
}
