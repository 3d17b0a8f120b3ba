/**
 * Model format {@code pytorch}: TorchScript models run by libtorch through DJL's PyTorch engine, on
 * the CPU or a chosen CUDA device.
 */
package dev.kserve4j.runtime.pytorch;
