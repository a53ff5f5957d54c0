//! The keys of the chat screen on the reply being composed: text typed by hand, the
//! phrase list, Tab and Ctrl-O, Enter (insert or send) and Backspace.

use super::*;

impl QuickReplySession {
    pub(super) fn type_text(&mut self, t_us: u64, run: &str) -> Applied {
        let mut outcome = Applied::Ignored;
        for g in run.graphemes(true) {
            if self.picker.is_some() {
                continue;
            }
            outcome = Applied::Changed;
            if let Some(list) = &mut self.list {
                if list.filter.is_empty() && g == "/" {
                    // `//` types a slash.
                    self.list = None;
                    self.type_by_hand(t_us, g);
                } else {
                    list.filter.push_str(g);
                    list.chosen = 0;
                    self.push_input(t_us, g, true);
                }
            } else if g == "/" && self.composer.is_empty() {
                self.list = Some(PhraseList::default());
                self.push_input(t_us, g, true);
            } else {
                self.type_by_hand(t_us, g);
            }
        }
        outcome
    }

    /// Type one grapheme into the reply: it replaces the selected placeholder.
    pub(super) fn type_by_hand(&mut self, t_us: u64, g: &str) {
        self.composer.take_selected();
        let mut run = self.composer.hand_run_before_cursor(1);
        run.push_str(g);
        let ok = self.fits(&run);
        self.composer.insert(vec![Piece {
            text: g.to_string(),
            origin: Origin::Hand { ok },
        }]);
        self.hand_typed += 1;
        self.hand_ok += u32::from(ok);
        self.push_input(t_us, g, ok);
    }

    /// Whether hand-typed text (this grapheme with the one typed before it) stands in an
    /// acceptable reply as it should read.
    pub(super) fn fits(&self, run: &str) -> bool {
        let Some(scenario) = self.scenario() else {
            return false;
        };
        let run = normalise(run);
        scenario
            .expect
            .iter()
            .filter_map(|code| self.templates.iter().find(|t| &t.code == code))
            .any(|t| normalise(&crate::reply::judge::expected_reply(t, scenario)).contains(&run))
    }

    pub(super) fn control(&mut self, t_us: u64, key: ReplyKey) -> Applied {
        match key {
            ReplyKey::Char(_) => Applied::Ignored,
            ReplyKey::Enter => self.enter(t_us),
            ReplyKey::Esc => {
                if self.picker.take().is_some() || self.list.take().is_some() {
                    Applied::Changed
                } else {
                    self.end_turn(t_us, true)
                }
            }
            ReplyKey::Backspace => self.backspace(t_us),
            ReplyKey::Tab => {
                if self.list.is_some() || self.picker.is_some() {
                    return Applied::Ignored;
                }
                let c = &self.composer;
                let count = c.placeholders.len();
                if count == 0 {
                    return Applied::Ignored;
                }
                let next = match c.selected {
                    Some(i) => (i + 1) % count,
                    None => c
                        .placeholders
                        .iter()
                        .position(|p| p.start >= c.cursor)
                        .unwrap_or(0),
                };
                self.composer.select(next);
                self.push(t_us, Op::NextSlot);
                Applied::Changed
            }
            ReplyKey::Up | ReplyKey::Down => {
                let down = key == ReplyKey::Down;
                if let Some((_, matches, chosen)) = self.phrase_list() {
                    let n = matches.len();
                    if let Some(list) = &mut self.list {
                        list.chosen = phrase_list::step(chosen, n, down);
                    }
                    Applied::Changed
                } else if let Some((card, chosen)) = self.card_picker() {
                    let n = card.len();
                    self.picker = Some(phrase_list::step(chosen, n, down));
                    Applied::Changed
                } else {
                    Applied::Ignored
                }
            }
            ReplyKey::Left | ReplyKey::Right | ReplyKey::Home | ReplyKey::End => {
                if self.list.is_some() || self.picker.is_some() {
                    return Applied::Ignored;
                }
                let c = &mut self.composer;
                c.selected = None;
                c.cursor = match key {
                    ReplyKey::Left => c.cursor.saturating_sub(1),
                    ReplyKey::Right => (c.cursor + 1).min(c.pieces.len()),
                    ReplyKey::Home => 0,
                    _ => c.pieces.len(),
                };
                Applied::Changed
            }
            ReplyKey::Card => {
                if self.list.is_some() {
                    return Applied::Ignored;
                }
                if self.picker.take().is_some() {
                    return Applied::Changed;
                }
                if self.scenario().is_some_and(|s| !s.card.is_empty()) {
                    self.picker = Some(0);
                    Applied::Changed
                } else {
                    Applied::Ignored
                }
            }
        }
    }

    pub(super) fn enter(&mut self, t_us: u64) -> Applied {
        if let Some((_, matches, chosen)) = self.phrase_list() {
            let Some(template) = matches.get(chosen).map(|t| (*t).clone()) else {
                return Applied::Ignored;
            };
            self.list = None;
            self.insert_template(&template);
            self.push(
                t_us,
                Op::Select {
                    code: template.code,
                },
            );
            return Applied::Changed;
        }
        if let Some((card, chosen)) = self.card_picker() {
            let Some((field, value)) = card.get(chosen).cloned() else {
                return Applied::Ignored;
            };
            self.picker = None;
            self.composer.take_selected();
            self.composer.insert(
                value
                    .graphemes(true)
                    .map(|g| Piece {
                        text: g.to_string(),
                        origin: Origin::Card,
                    })
                    .collect(),
            );
            self.push(t_us, Op::Card { field });
            return Applied::Changed;
        }
        if self.composer.text().trim().is_empty() {
            return Applied::Ignored;
        }
        self.end_turn(t_us, false)
    }

    pub(super) fn insert_template(&mut self, template: &Template) {
        self.composer.take_selected();
        let at = self.composer.cursor;
        let mut pieces = Vec::new();
        let mut placeholders = Vec::new();
        for seg in &template.segments {
            let (text, slot) = match seg {
                Segment::Literal(l) => (l.clone(), None),
                Segment::Slot(name) => (format!("{{{name}}}"), Some(name)),
            };
            let start = at + pieces.len();
            pieces.extend(text.graphemes(true).map(|g| Piece {
                text: g.to_string(),
                origin: Origin::Template,
            }));
            if let Some(name) = slot {
                placeholders.push(Placeholder {
                    name: name.clone(),
                    start,
                    end: at + pieces.len(),
                });
            }
        }
        self.composer.insert(pieces);
        let first = placeholders.first().cloned();
        self.composer.placeholders.extend(placeholders);
        self.composer.placeholders.sort_by_key(|p| p.start);
        self.composer.code = Some(template.code.clone());
        if let Some(first) = first
            && let Some(i) = self.composer.placeholders.iter().position(|p| *p == first)
        {
            self.composer.select(i);
        }
    }

    pub(super) fn backspace(&mut self, t_us: u64) -> Applied {
        if self.picker.is_some() {
            return Applied::Ignored;
        }
        if let Some(list) = &mut self.list {
            // Take back a whole grapheme, not a code point.
            let mut graphemes: Vec<&str> = list.filter.graphemes(true).collect();
            if graphemes.pop().is_none() {
                self.list = None;
            } else {
                list.filter = graphemes.concat();
                list.chosen = 0;
            }
            self.push(t_us, Op::Backspace);
            return Applied::Changed;
        }
        if self.composer.take_selected() {
            self.push(t_us, Op::Backspace);
            return Applied::Changed;
        }
        let at = self.composer.cursor;
        if at == 0 {
            return Applied::Ignored;
        }
        self.composer.remove(at - 1, at);
        self.push(t_us, Op::Backspace);
        Applied::Changed
    }
}
