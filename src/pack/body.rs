//! A drill's body, and the built-in drills' bodies read only when first asked for.
//!
//! The built-in packs' drill bodies are two thirds of what build.rs embeds (texts,
//! phrases, messages, shifts). A start reads every pack's titles, tags, drills and
//! templates to show home, but the body of one drill at a time: each built-in body is
//! kept as its place in the embedded text and read on first use. build.rs compiles this
//! file too.

use super::model::{DrillBody, DrillKind};
use std::sync::OnceLock;

/// What a drill asks of the student ([`DrillBody`]), read on first use when it is a
/// built-in one. Derefs to the [`DrillBody`].
#[derive(Clone)]
pub struct Body(State);

#[derive(Clone)]
enum State {
    Ready(DrillBody),
    Later {
        kind: DrillKind,
        place: Stored,
        read: OnceLock<DrillBody>,
    },
}

/// Where build.rs put a built-in drill's body: its kind, its bytes in the embedded
/// bodies (`at`, a JSON document), and the drill (pack file and drill by position)
/// to read again from its TOML should that document not read back.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stored {
    pub kind: String,
    pub at: (u32, u32),
    pub file: u32,
    pub drill: u32,
}

impl Body {
    /// A built-in drill's body, to be read from where build.rs put it.
    pub fn stored(place: Stored) -> Option<Body> {
        Some(Body(State::Later {
            kind: DrillKind::parse(&place.kind)?,
            place,
            read: OnceLock::new(),
        }))
    }

    /// The body's kind, without reading a stored body.
    pub fn kind(&self) -> DrillKind {
        match &self.0 {
            State::Ready(body) => body.kind(),
            State::Later { kind, .. } => *kind,
        }
    }

    /// The body, read now if it was stored and not read yet.
    pub fn get(&self) -> &DrillBody {
        match &self.0 {
            State::Ready(body) => body,
            State::Later { place, read, .. } => {
                read.get_or_init(|| super::load::read_stored(place))
            }
        }
    }
}

impl From<DrillBody> for Body {
    fn from(body: DrillBody) -> Body {
        Body(State::Ready(body))
    }
}

impl std::ops::Deref for Body {
    type Target = DrillBody;
    fn deref(&self) -> &DrillBody {
        self.get()
    }
}

impl PartialEq for Body {
    fn eq(&self, other: &Body) -> bool {
        self.get() == other.get()
    }
}

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

/// Written as the [`DrillBody`] itself; build.rs replaces each built-in one with its
/// [`Stored`] place.
impl serde::Serialize for Body {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.get().serialize(s)
    }
}

/// Read as the [`Stored`] place build.rs wrote for it: packs are read back only from
/// what build.rs embedded.
impl<'de> serde::Deserialize<'de> for Body {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Body, D::Error> {
        Body::stored(Stored::deserialize(d)?)
            .ok_or_else(|| serde::de::Error::custom("a stored body of no known kind"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ready_body_is_itself_and_writes_as_its_drill_body() {
        let body = Body::from(DrillBody::Text { text: "亲".into() });
        assert_eq!(body.kind(), DrillKind::Text);
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            serde_json::to_string(&DrillBody::Text { text: "亲".into() }).unwrap()
        );
    }

    #[test]
    fn a_stored_place_is_read_with_its_kind_and_nothing_else() {
        let json = r#"{"kind":"phrases","at":[0,2],"file":0,"drill":0}"#;
        let body: Body = serde_json::from_str(json).unwrap();
        assert_eq!(body.kind(), DrillKind::Phrases);
        assert!(matches!(&body.0, State::Later { read, .. } if read.get().is_none()));
    }

    #[test]
    fn a_stored_place_of_an_unknown_kind_is_refused() {
        let json = r#"{"kind":"essay","at":[0,2],"file":0,"drill":0}"#;
        assert!(serde_json::from_str::<Body>(json).is_err());
    }
}
