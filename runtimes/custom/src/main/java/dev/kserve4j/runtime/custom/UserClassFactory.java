package dev.kserve4j.runtime.custom;

import dev.kserve4j.runtime.CustomModel;
import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelLoadException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

/**
 * Creates a user's {@link CustomModel} from its class name, saying precisely what is wrong when the
 * class cannot serve: not found, not a {@code CustomModel}, abstract or not public, without a
 * public no-arg constructor, or a constructor that threw.
 */
final class UserClassFactory {
  private static final String EXPECTED =
      "expected a public class extending "
          + CustomModel.class.getName()
          + " with a public no-arg constructor";

  private UserClassFactory() {}

  static CustomModel instantiate(
      String model, String className, UserClassPath classPath, ClassLoader loader) {
    Class<?> type = find(model, className, classPath, loader);
    String prefix = "model '" + model + "': class " + className;
    if (!CustomModel.class.isAssignableFrom(type)) {
      String hint =
          Model.class.isAssignableFrom(type)
              ? "; it implements " + Model.class.getName() + ", the interface runtimes implement"
              : "";
      throw new ModelLoadException(
          prefix
              + " does not extend "
              + CustomModel.class.getName()
              + " ("
              + EXPECTED
              + hint
              + ")");
    }
    if (Modifier.isAbstract(type.getModifiers())) {
      throw new ModelLoadException(prefix + " is abstract (" + EXPECTED + ")");
    }
    if (!Modifier.isPublic(type.getModifiers())) {
      throw new ModelLoadException(prefix + " is not public (" + EXPECTED + ")");
    }
    Constructor<?> constructor;
    try {
      constructor = type.getConstructor();
    } catch (NoSuchMethodException e) {
      throw new ModelLoadException(
          prefix
              + " has no public no-arg constructor (expected public "
              + type.getSimpleName()
              + "())",
          e);
    }
    try {
      return (CustomModel) constructor.newInstance();
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new ModelLoadException(
          prefix
              + ": its constructor threw "
              + cause.getClass().getSimpleName()
              + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
          cause);
    } catch (ExceptionInInitializerError e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ModelLoadException(
          prefix
              + ": its static initializer threw "
              + cause.getClass().getSimpleName()
              + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
          cause);
    } catch (LinkageError e) {
      throw new ModelLoadException(
          prefix
              + " cannot be created: "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + " (expected every class it needs on the classpath)",
          e);
    } catch (ReflectiveOperationException e) {
      throw new ModelLoadException(prefix + " cannot be created: " + e, e);
    }
  }

  private static Class<?> find(
      String model, String className, UserClassPath classPath, ClassLoader loader) {
    try {
      return Class.forName(className, false, loader);
    } catch (ClassNotFoundException e) {
      throw new ModelLoadException(
          "model '"
              + model
              + "': class "
              + className
              + " not found on "
              + classPath.describe()
              + " (expected a fully qualified class name, e.g. com.acme.MyModel, of a class in"
              + " one of those jars or directories)",
          e);
    } catch (LinkageError e) {
      throw new ModelLoadException(
          "model '"
              + model
              + "': class "
              + className
              + " cannot be loaded from "
              + classPath.describe()
              + ": "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + " (expected every class it needs on the classpath)",
          e);
    }
  }
}
