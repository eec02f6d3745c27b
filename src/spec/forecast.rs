//! The forecasting wire format (issue 8): being written.
