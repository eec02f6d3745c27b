//! Territory balancing (issue 7): being written.
