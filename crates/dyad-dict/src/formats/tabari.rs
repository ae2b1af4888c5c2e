//! TABARI dictionary formats (in progress).
