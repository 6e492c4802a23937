/** The technique engine: judges rolling against the guide's rules, sample by sample, and walks the routine. */
package io.rollcoach.gateway.technique;
