//! PETRARCH dictionary formats (in progress).
