//! The territory-balancing wire format (issue 7): being written.
