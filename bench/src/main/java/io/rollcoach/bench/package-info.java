/** Benchmarks of the hot paths, run from the one bench jar. */
package io.rollcoach.bench;
