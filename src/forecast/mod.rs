//! Forecasting (issue 8): being written.
