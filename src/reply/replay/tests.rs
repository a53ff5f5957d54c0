use super::*;
use crate::pack::{DrillBody, Scenario};
use crate::reply::quickreply::{Applied, ReplyBatch, ReplyKey};
use crate::testing::{pack_with, template};

fn drill_pack() -> Pack {
    let mut pack = pack_with(
        DrillBody::QuickReply {
            scenarios: vec![Scenario {
                customer: vec!["在吗".into()],
                expect: vec!["hy".into()],
                slots: vec![],
                card: vec![],
                context: None,
            }],
            target_seconds: 20,
        },
        None,
    );
    pack.templates = vec![template("hy", "售前", "亲，在的")];
    pack
}

/// A reply typed `亲在`, then ← and `，` between them, sent: `亲，在`.
fn mended(pack: &Pack) -> QuickReplySession {
    let mut s = QuickReplySession::for_drill(pack, &pack.drills[0]).expect("a quick reply");
    s.next_message(0);
    let mut t = 1_000_000;
    for keys in [
        vec![ReplyKey::Char('亲')],
        vec![ReplyKey::Char('在')],
        vec![ReplyKey::Left],
        vec![ReplyKey::Char('，')],
        vec![ReplyKey::Enter],
    ] {
        if s.apply(t, &ReplyBatch::Keys(keys)) == Applied::Next {
            s.next_message(t);
        }
        t += 300_000;
    }
    s
}

#[test]
fn a_logged_cursor_move_replays_as_it_was() {
    let pack = drill_pack();
    let s = mended(&pack);
    assert!(s.log().iter().any(|k| matches!(k.op, Op::Cursor { .. })));
    let again = replay(&pack, &pack.drills[0], s.log()).expect("replays");
    assert_eq!(again.log(), s.log());
    assert_eq!(again.turns()[0].reply, "亲，在");
}

/// Older trainers logged no cursor moves: the replay still finds the ← that was pressed,
/// and the log it gives is the older one, without it.
#[test]
fn an_older_log_without_cursor_moves_is_still_replayed() {
    let pack = drill_pack();
    let s = mended(&pack);
    let older: Vec<Keystroke> = s
        .log()
        .iter()
        .filter(|k| !matches!(k.op, Op::Cursor { .. } | Op::Close))
        .cloned()
        .collect();
    let steer = Steer {
        replies: vec!["亲，在"],
        kept_ok: None,
        hand_typed: None,
    };
    let Outcome::Replayed(again) = replay_towards(&pack, &pack.drills[0], &older, &steer) else {
        panic!("an older log replays");
    };
    assert_eq!(again.turns()[0].reply, "亲，在");
    assert_eq!(again.log(), older.as_slice());
}
