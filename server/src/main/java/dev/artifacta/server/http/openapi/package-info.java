/**
 * Meta-annotations that keep the OpenAPI document true: who may call an operation, the success
 * answers that carry headers, and the problems an operation can answer. micronaut-openapi reads
 * them as the swagger annotations they carry; see docs/architecture.md, "How to add an endpoint".
 */
package dev.artifacta.server.http.openapi;
