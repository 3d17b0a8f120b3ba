/**
 * Model format {@code tensorflow}: SavedModels run by TensorFlow Java, one signature's inputs and
 * outputs served as the model's tensors.
 */
package dev.kserve4j.runtime.tensorflow;
