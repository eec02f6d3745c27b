//! Issue 8 (simulate): being written.
