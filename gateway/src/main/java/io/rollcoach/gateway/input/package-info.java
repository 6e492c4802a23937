/** Where samples come from: the listener every input feeds, and the frame dispatch shared by serial and files. */
package io.rollcoach.gateway.input;
