/** The YAML configuration: read once at start, checked whole, refused with file, line and key when wrong. */
package io.rollcoach.gateway.config;
