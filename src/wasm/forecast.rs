//! Forecasting at the JS boundary (issue 8): being written.
