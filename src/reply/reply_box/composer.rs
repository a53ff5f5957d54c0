//! The reply being composed: pieces of text typed by hand or inserted from a template,
//! its placeholders (the selected one replaced by what is typed next), and the cursor.

/// Where a grapheme of the reply came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Typed by hand; `ok` whether it fit the expected reply when typed.
    Hand { ok: bool },
    /// Inserted from the phrase list.
    Template,
    /// Inserted from the order card.
    Card,
}

/// One grapheme of the reply being written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub origin: Origin,
}

/// An inserted placeholder still unfilled: graphemes `[start, end)` of the reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    pub name: String,
    pub start: usize,
    pub end: usize,
}

/// The reply being written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Composer {
    pub(super) pieces: Vec<Piece>,
    /// Insertion point, in graphemes.
    pub(super) cursor: usize,
    pub(super) placeholders: Vec<Placeholder>,
    /// Index into `placeholders` of the selected one: typing replaces it.
    pub(super) selected: Option<usize>,
    /// The code of the template last inserted.
    pub(super) code: Option<String>,
}

impl Composer {
    pub fn pieces(&self) -> &[Piece] {
        &self.pieces
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn placeholders(&self) -> &[Placeholder] {
        &self.placeholders
    }

    pub fn selected(&self) -> Option<&Placeholder> {
        self.selected.and_then(|i| self.placeholders.get(i))
    }

    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    pub fn text(&self) -> String {
        self.pieces.iter().map(|p| p.text.as_str()).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }

    /// The placeholder holding grapheme `i`, if any (for highlighting).
    pub fn placeholder_at(&self, i: usize) -> Option<(usize, &Placeholder)> {
        self.placeholders
            .iter()
            .enumerate()
            .find(|(_, p)| p.start <= i && i < p.end)
    }

    pub fn is_selected(&self, placeholder: usize) -> bool {
        self.selected == Some(placeholder)
    }

    /// Insert graphemes at the insertion point and move it past them. A placeholder cut
    /// in two stops being one; later ones shift.
    pub(super) fn insert(&mut self, new: Vec<Piece>) {
        let at = self.cursor.min(self.pieces.len());
        let n = new.len();
        self.dissolve_where(|p| p.start < at && at < p.end);
        for p in &mut self.placeholders {
            if p.start >= at {
                p.start += n;
                p.end += n;
            }
        }
        self.pieces.splice(at..at, new);
        self.cursor = at + n;
    }

    /// Remove graphemes `[from, to)`; placeholders touching them stop being ones.
    pub(super) fn remove(&mut self, from: usize, to: usize) {
        let to = to.min(self.pieces.len());
        if from >= to {
            return;
        }
        self.dissolve_where(|p| p.start < to && from < p.end);
        let n = to - from;
        for p in &mut self.placeholders {
            if p.start >= to {
                p.start -= n;
                p.end -= n;
            }
        }
        self.pieces.drain(from..to);
        if self.cursor >= to {
            self.cursor -= n;
        } else if self.cursor > from {
            self.cursor = from;
        }
    }

    pub(super) fn dissolve_where(&mut self, gone: impl Fn(&Placeholder) -> bool) {
        let selected = self
            .selected
            .and_then(|i| self.placeholders.get(i))
            .cloned();
        self.placeholders.retain(|p| !gone(p));
        self.selected = selected.and_then(|s| self.placeholders.iter().position(|p| *p == s));
    }

    /// Take out the selected placeholder, leaving the insertion point where it stood.
    pub(super) fn take_selected(&mut self) -> bool {
        let Some(p) = self.selected().cloned() else {
            return false;
        };
        self.selected = None;
        self.remove(p.start, p.end);
        self.cursor = p.start;
        true
    }

    pub(super) fn select(&mut self, i: usize) {
        if let Some(p) = self.placeholders.get(i) {
            self.cursor = p.start;
            self.selected = Some(i);
        }
    }

    /// Hand-typed graphemes right before the insertion point, back to the first that
    /// was not typed by hand (at most `max`), oldest first.
    pub(super) fn hand_run_before_cursor(&self, max: usize) -> String {
        let mut run: Vec<&str> = self.pieces[..self.cursor.min(self.pieces.len())]
            .iter()
            .rev()
            .take_while(|p| matches!(p.origin, Origin::Hand { .. }))
            .take(max)
            .map(|p| p.text.as_str())
            .collect();
        run.reverse();
        run.concat()
    }
}
