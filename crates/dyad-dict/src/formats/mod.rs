//! Front ends for the field's dictionary formats (TABARI, PETRARCH-1/2).
//! Each compiles its files into dyad's own representation: [`ActorDict`]
//! entries and [`Rule`]s, so one engine codes with any of them.
//!
//! [`ActorDict`]: crate::ActorDict
//! [`Rule`]: crate::Rule

pub mod petrarch;
pub mod petrarch1;
pub mod tabari;
