//! placeholder (helper writes it)
