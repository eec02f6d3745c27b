//! Issue 8 (simulate at the JS boundary): being written.
