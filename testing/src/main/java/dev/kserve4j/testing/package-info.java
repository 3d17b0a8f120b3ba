/**
 * Test support shared by the modules' tests: where the generated test models are, their golden
 * reference outputs, and tensor comparisons.
 */
package dev.kserve4j.testing;
