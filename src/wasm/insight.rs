//! Issue 8 (insight at the JS boundary): being written.
