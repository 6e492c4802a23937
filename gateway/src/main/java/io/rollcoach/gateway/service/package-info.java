/**
 * The running gateway: inputs, one engine per roller, the outbox and its outputs, wired from the configuration and
 * checked before the start.
 */
package io.rollcoach.gateway.service;
