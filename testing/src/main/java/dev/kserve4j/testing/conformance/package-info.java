/** The conformance test every runtime module runs against its own fixture model. */
package dev.kserve4j.testing.conformance;
