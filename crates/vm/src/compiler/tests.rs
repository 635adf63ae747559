//! Compiler unit tests.
