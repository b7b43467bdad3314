//! How a longer export says how far it is (the window shows it; the CLI stays quiet).

/// What an export is at, how far and out of how many (0 of 0: a step without a count).
pub type Progress<'a> = &'a mut dyn FnMut(&str, usize, usize);
