/**
 * Model format {@code custom}: a user's {@link dev.kserve4j.runtime.CustomModel} subclass, loaded
 * by class name from its own jars and class directories in a class loader of its own.
 */
package dev.kserve4j.runtime.custom;
