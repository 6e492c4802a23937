/** Session history in SQLite: written as sessions go, read back by the command, the display and the daily limit. */
package io.rollcoach.gateway.history;
