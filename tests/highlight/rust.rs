use std::collections::HashMap;

/// Counts the words of a text.
#[derive(Debug)]
pub struct Counter<'a> {
    words: HashMap<&'a str, usize>,
}

impl<'a> Counter<'a> {
    pub fn add(&mut self, text: &'a str) -> usize {
        for w in text.split_whitespace() {
            *self.words.entry(w).or_insert(0) += 1;
        }
        println!("{} words\n", self.words.len());
        self.words.len()
    }
}

const LIMIT: u32 = 0x10;
