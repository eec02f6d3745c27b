//! Territory balancing at the JS boundary (issue 7): being written.
