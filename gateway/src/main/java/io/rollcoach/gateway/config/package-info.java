/**
 * The YAML configuration: read once at start, checked whole, refused with file, line and key when wrong; edited in
 * place, comments kept, only to write a calibration back.
 */
package io.rollcoach.gateway.config;
