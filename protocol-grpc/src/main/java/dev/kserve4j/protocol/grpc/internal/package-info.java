/**
 * Field-level converters behind the gRPC codecs: typed tensor contents, raw tensor contents and
 * inference parameters. Not part of the module's API.
 */
package dev.kserve4j.protocol.grpc.internal;
