use crate::pack::{DrillBody, Pack, PackSource, Pass, PhraseOrder, Problem, load_text};

const HEAD: &str = "[pack]\nid = \"p\"\ntitle = \"P\"\nversion = \"1\"\n";

fn load(body: &str) -> Result<Pack, Vec<Problem>> {
    load_text(
        &format!("{HEAD}{body}"),
        "t.toml",
        PackSource::File {
            path: "t.toml".into(),
        },
    )
}

/// The (line, col) of every problem; lines count from the first line of HEAD.
fn positions(body: &str) -> Vec<(usize, usize)> {
    match load(body) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.iter().map(|p| (p.line, p.col)).collect(),
    }
}

fn messages(body: &str) -> Vec<String> {
    load(body)
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|p| p.message)
        .collect()
}

const TEMPLATES: &str = "[[template]]\ncode = \"hy\"\ngroup = \"售前\"\ntext = \"欢迎光临{店铺}\"\n\
    [[template]]\ncode = \"zj\"\ntext = \"再见\"\n";

#[test]
fn quickreply_forms_and_defaults() {
    let pack = load(&format!(
        "{TEMPLATES}[[drill]]\nid = \"q\"\ntitle = \"Q\"\nkind = \"quickreply\"\n\
         [[drill.scenario]]\ncustomer = [\"在吗\", \"有货吗\"]\nexpect = \"hy\"\n\
         slots = {{ \"店铺\" = \"小米\" }}\ncard = {{ \"单号\" = \"1\", \"店铺\" = \"小米\" }}\n\
         [[drill.scenario]]\ncustomer = \"再见\"\nexpect = [\"zj\"]\ncontext = \"\"\"a\nb\"\"\"\n"
    ))
    .unwrap();
    assert_eq!(pack.templates[1].group, super::NO_GROUP);
    let DrillBody::QuickReply {
        scenarios,
        target_seconds,
    } = &*pack.drills[0].body
    else {
        panic!("not quickreply");
    };
    assert_eq!(*target_seconds, 15);
    assert_eq!(scenarios[0].customer, ["在吗", "有货吗"]);
    assert_eq!(scenarios[0].expect, ["hy"]);
    assert_eq!(scenarios[0].slots, [("店铺".to_owned(), "小米".to_owned())]);
    // The card keeps file order, not key order.
    assert_eq!(scenarios[0].card[0].0, "单号");
    assert_eq!(scenarios[1].customer, ["再见"]);
    assert_eq!(scenarios[1].context.as_deref(), Some("a\nb"));
}

#[test]
fn phrases_defaults_and_pass_numbers() {
    let pack = load(
        "[[drill]]\nid = \"ph\"\ntitle = \"T\"\nkind = \"phrases\"\nphrases = [\"a\"]\n\
         pass = { cpm = 60, accuracy = 95.5 }\ntime_limit = 60\nstrict = true\n",
    )
    .unwrap();
    let d = &pack.drills[0];
    assert_eq!(
        d.pass,
        Some(crate::pack::Pass::Typing {
            cpm: 60.0,
            accuracy: 95.5
        })
    );
    assert_eq!(d.time_limit, Some(60));
    assert!(d.strict);
    assert_eq!(
        d.body,
        DrillBody::Phrases {
            phrases: vec!["a".into()],
            order: PhraseOrder::Shuffle,
            count: None
        }
        .into()
    );
}

#[test]
fn unknown_key_is_reported_at_the_key() {
    // Line 5 is `[[drill]]`; the typo sits on line 9, column 1.
    let body =
        "[[drill]]\nid = \"d\"\ntitle = \"T\"\nkind = \"text\"\ntxet = \"x\"\ntext = \"y\"\n";
    assert_eq!(positions(body), [(9, 1)]);
    // A key of another kind is unknown too.
    let body = "[[drill]]\nid = \"d\"\ntitle = \"T\"\nkind = \"text\"\ntext = \"y\"\ncount = 3\n";
    assert_eq!(positions(body), [(10, 1)]);
}

#[test]
fn every_problem_in_file_order() {
    let body =
        "[[drill]]\nid = \"A\"\ntitle = \"\"\nkind = \"text\"\ntext = \"\"\ntime_limit = 0\n";
    assert_eq!(positions(body), [(6, 6), (7, 9), (9, 8), (10, 14)]);
}

#[test]
fn duplicates() {
    let body = format!(
        "{TEMPLATES}[[template]]\ncode = \"hy\"\ntext = \"x\"\n\
         [[drill]]\nid = \"a\"\ntitle = \"T\"\nkind = \"recall\"\n\
         [[drill]]\nid = \"a\"\ntitle = \"T\"\nkind = \"recite\"\n"
    );
    assert_eq!(positions(&body), [(13, 8), (20, 6)]);
}

#[test]
fn control_characters_anywhere() {
    let body =
        "[[drill]]\nid = \"d\"\ntitle = \"a\\u001b[2Jb\"\nkind = \"text\"\ntext = \"x\ty\"\n";
    // Both point at the character: the `\u` escape and the raw tab.
    assert_eq!(positions(body), [(7, 11), (9, 10)]);
    let body = format!(
        "{TEMPLATES}[[drill]]\nid = \"q\"\ntitle = \"Q\"\nkind = \"quickreply\"\n\
         [[drill.scenario]]\ncustomer = \"x\"\nexpect = \"zj\"\ncard = {{ \"a\\u0007\" = \"1\" }}\n"
    );
    assert_eq!(positions(&body).len(), 1);
}

#[test]
fn slots_must_match_placeholders() {
    let scenario = |extra: &str| {
        format!(
            "{TEMPLATES}[[drill]]\nid = \"q\"\ntitle = \"Q\"\nkind = \"quickreply\"\n\
             [[drill.scenario]]\ncustomer = \"x\"\nexpect = [\"hy\", \"zj\"]\n{extra}"
        )
    };
    // zj has no placeholders, hy has one: missing slots are wrong.
    assert_eq!(messages(&scenario("")).len(), 1);
    // Naming it for hy covers the union: zj is judged with its own (none).
    assert!(load(&scenario("slots = { \"店铺\" = \"x\" }\n")).is_ok());
    // A slot no accepted template uses is a slip.
    let extra = messages(&scenario(
        "slots = { \"店铺\" = \"x\", \"单号\" = \"1\" }\n",
    ));
    assert_eq!(extra.len(), 1, "{extra:?}");
    assert!(extra[0].contains("单号"), "{extra:?}");
    let only_zj = format!(
        "{TEMPLATES}[[drill]]\nid = \"q\"\ntitle = \"Q\"\nkind = \"quickreply\"\n\
         [[drill.scenario]]\ncustomer = \"x\"\nexpect = \"zj\"\n"
    );
    assert!(load(&only_zj).is_ok());
}

#[test]
fn expect_must_name_a_template() {
    let body = format!(
        "{TEMPLATES}[[drill]]\nid = \"q\"\ntitle = \"Q\"\nkind = \"quickreply\"\n\
         [[drill.scenario]]\ncustomer = \"x\"\nexpect = [\"zj\", \"nope\"]\n"
    );
    assert_eq!(positions(&body), [(18, 17)]);
}

#[test]
fn recall_needs_templates_and_a_known_group() {
    let body = "[[drill]]\nid = \"r\"\ntitle = \"R\"\nkind = \"recall\"\n";
    assert_eq!(positions(body).len(), 1);
    let body = format!("{TEMPLATES}{body}group = \"售后\"\n");
    assert_eq!(positions(&body), [(16, 9)]);
    let ok = format!(
        "{TEMPLATES}[[drill]]\nid = \"r\"\ntitle = \"R\"\nkind = \"recite\"\ngroup = \"售前\"\ncount = 3\n"
    );
    assert!(load(&ok).is_ok());
}

#[test]
fn template_error_points_into_the_text() {
    let body = "[[template]]\ncode = \"hy\"\ntext = \"亲{单号\"\n[[drill]]\nid = \"r\"\ntitle = \"R\"\nkind = \"recall\"\n";
    // `text = "亲{` : the brace is the 10th character.
    assert_eq!(positions(body), [(7, 10)]);
}

#[test]
fn pass_has_the_keys_of_its_kind() {
    let drill = |kind: &str, body: &str, pass: &str| {
        format!(
            "[[template]]\ncode = \"hy\"\ngroup = \"g\"\ntext = \"亲\"\n\
             [[drill]]\nid = \"d\"\ntitle = \"T\"\nkind = \"{kind}\"\n{body}pass = {pass}\n"
        )
    };
    let reply = "[[drill.scenario]]\ncustomer = \"在吗\"\nexpect = \"hy\"\n";
    let pack = load(&drill("recall", "", "{ correct = 80 }")).unwrap();
    assert_eq!(pack.drills[0].pass, Some(Pass::Codes { correct: 80.0 }));
    // A quick-reply drill's table comes after its keys, so its scenarios follow it.
    let qr = format!(
        "[[template]]\ncode = \"hy\"\ngroup = \"g\"\ntext = \"亲\"\n\
         [[drill]]\nid = \"d\"\ntitle = \"T\"\nkind = \"quickreply\"\n\
         pass = {{ correct = 90, seconds = 20 }}\n{reply}"
    );
    assert_eq!(
        load(&qr).unwrap().drills[0].pass,
        Some(Pass::Reply {
            correct: 90.0,
            seconds: 20.0
        })
    );
    // A typing line on a code drill names the keys it takes.
    let wrong = drill("recite", "", "{ cpm = 60, accuracy = 95 }");
    let problems = load(&wrong).unwrap_err();
    assert!(
        problems.iter().any(|p| p.message.contains("correct")),
        "{problems:?}"
    );
    assert_eq!(
        positions(&drill("recall", "", "{ correct = 101 }")).len(),
        1
    );
    assert_eq!(
        positions(&drill("text", "text = \"x\"\n", "{ correct = 50 }")).len(),
        3
    );
}

#[test]
fn pass_limits() {
    let drill = |pass: &str| {
        format!(
            "[[drill]]\nid = \"d\"\ntitle = \"T\"\nkind = \"text\"\ntext = \"x\"\npass = {pass}\n"
        )
    };
    assert!(load(&drill("{ cpm = 1, accuracy = 0 }")).is_ok());
    assert!(load(&drill("{ cpm = 300.5, accuracy = 100.0 }")).is_ok());
    assert_eq!(positions(&drill("{ cpm = -5, accuracy = 100.1 }")).len(), 2);
    assert_eq!(positions(&drill("{ cpm = nan, accuracy = 90 }")).len(), 1);
    assert_eq!(
        positions(&drill("{ cpm = 60, accuracy = 90, x = 1 }")).len(),
        1
    );
    assert_eq!(positions(&drill("60")).len(), 1);
}

#[test]
fn format_and_header() {
    let text = "[pack]\nid = \"p\"\ntitle = \"P\"\nversion = \"1\"\nformat = 2\n[[drill]]\nid = \"d\"\ntitle = \"T\"\nkind = \"text\"\ntext = \"x\"\n";
    let problems = load_text(text, "t", PackSource::File { path: "t".into() }).unwrap_err();
    assert_eq!((problems[0].line, problems[0].col), (5, 10));
    let problems = load_text("", "t", PackSource::File { path: "t".into() }).unwrap_err();
    assert_eq!(problems.len(), 2, "no [pack], no [[drill]]");
}

#[test]
fn syntax_hints() {
    let full = load_text(
        "[pack]\nid ＝ \"p\"\n",
        "t",
        PackSource::File { path: "t".into() },
    )
    .unwrap_err();
    assert_eq!((full[0].line, full[0].col), (2, 4));
    assert!(full[0].message.contains('＝'), "{}", full[0].message);
    let key = load_text(
        "[pack]\n店铺 = \"p\"\n",
        "t",
        PackSource::File { path: "t".into() },
    )
    .unwrap_err();
    assert!(key[0].message.contains("\"店铺\""), "{}", key[0].message);
    assert_eq!(key.len(), 1);
}

#[test]
fn start_codes_and_assignments_are_read() {
    let pack = load(
        "[[drill]]\nid = \"w\"\ntitle = \"W\"\nkind = \"text\"\ntext = \"亲\"\n\
         pass = { cpm = 10, accuracy = 50 }\n\
         [[drill]]\nid = \"e\"\ntitle = \"E\"\nkind = \"text\"\ntext = \"亲\"\nstart_code = true\n\
         [[assignment]]\nid = \"a\"\ntitle = \"A\"\ndrills = [\"w\"]\ndue = 2026-12-14\npass = true\n\
         [[assignment]]\nid = \"b\"\ntitle = \"B\"\ndrills = [\"w\", \"e\"]\n\
         due = 2026-12-21T18:30:00+08:00\nminutes = 45\n\
         [[assignment]]\nid = \"c\"\ntitle = \"C\"\ndrills = [\"e\"]\ndue = 2027-01-04T09:00:00\nminutes = 5\n",
    )
    .unwrap();
    assert_eq!(pack.start_code, ["e"]);
    assert!(pack.asks_start_code("e") && !pack.asks_start_code("w"));
    let due: Vec<&str> = pack.assignments.iter().map(|a| a.due.as_str()).collect();
    assert_eq!(
        due,
        [
            "2026-12-14",
            "2026-12-21T18:30:00+08:00",
            "2027-01-04T09:00:00"
        ]
    );
    assert_eq!(pack.assignments[0].need, crate::pack::Need::Pass);
    assert_eq!(pack.assignments[1].need, crate::pack::Need::Minutes(45));
    assert_eq!(pack.assignments[1].drills, ["w", "e"]);
    // Passing a drill that has no pass line cannot be asked for.
    let wrong = messages(
        "[[drill]]\nid = \"e\"\ntitle = \"E\"\nkind = \"text\"\ntext = \"亲\"\n\
         [[assignment]]\nid = \"a\"\ntitle = \"A\"\ndrills = [\"e\"]\ndue = 2026-12-14\npass = true\n",
    );
    assert_eq!(wrong.len(), 1, "{wrong:?}");
    assert!(wrong[0].contains("pass = true"), "{wrong:?}");
}

const SHIFT: &str = "[[drill]]\nid = \"s\"\ntitle = \"S\"\nkind = \"shift\"\nminutes = 5\n\
    max_wait = 90\npass = { reply_rate = 80, seconds = 30 }\n\
    [[drill.buyer]]\nname = \"小鹿\"\narrive = 0\ncard = { \"单号\" = \"123\" }\ncontext = \"关心尺码\"\n\
    [[drill.buyer.turn]]\nid = \"ask\"\ncustomer = \"在吗\"\nexpect = [\"hy\", \"zj\"]\n\
    slots = { \"店铺\" = \"小鹿家\" }\non = { hy = \"thanks\" }\nelse = \"end\"\nnudge_after = 40\n\
    [[drill.buyer.turn]]\ncustomer = \"没用的一条\"\nexpect = \"zj\"\n\
    [[drill.buyer.turn]]\nid = \"thanks\"\ncustomer = \"好的谢谢\"\nexpect = \"zj\"\nreply_after = 8\n\
    [[drill.buyer]]\nname = \"阿杰\"\n\
    [[drill.buyer.turn]]\ncustomer = \"发货了吗\"\nexpect = \"zj\"\n";

#[test]
fn a_shift_reads_its_buyers_turns_and_branches() {
    let pack = load(&format!("{TEMPLATES}{SHIFT}")).expect("valid");
    let DrillBody::Shift(shift) = &*pack.drills[0].body else {
        panic!("a shift")
    };
    assert_eq!(
        (shift.minutes, shift.max_wait, shift.target_seconds),
        (5, Some(90), 30)
    );
    assert_eq!(shift.first_response_seconds, 15);
    assert_eq!(
        pack.drills[0].pass,
        Some(Pass::Shift {
            reply_rate: 80.0,
            seconds: 30.0
        })
    );
    let deer = &shift.buyers[0];
    assert_eq!((deer.name.as_str(), deer.arrive), ("小鹿", Some(0)));
    let ask = &deer.turns[0];
    // The buyer's card and notes travel with each turn, for judging and Ctrl-O.
    assert_eq!(
        ask.message.card,
        vec![("单号".to_string(), "123".to_string())]
    );
    assert_eq!(ask.message.context.as_deref(), Some("关心尺码"));
    use crate::pack::Next;
    assert_eq!(ask.next(0, 3, Some("hy")), Next::Turn(2));
    assert_eq!(
        ask.next(0, 3, Some("zj")),
        Next::Turn(1),
        "an accepted code without on"
    );
    assert_eq!(ask.next(0, 3, None), Next::End, "else");
    assert_eq!(ask.nudges, ["在吗？", "人呢？？"], "default nudges");
    assert_eq!(deer.turns[2].reply_after, 8);
    assert_eq!(
        deer.turns[2].next(2, 3, Some("zj")),
        Next::End,
        "after the last"
    );
    assert_eq!(shift.buyers[1].arrive, None, "drawn from the seed");
    // Written back, it reads the same.
    let again = crate::pack::load_text(
        &crate::pack::write::to_toml(&pack, &[]),
        "w.toml",
        PackSource::File {
            path: "w.toml".into(),
        },
    )
    .expect("written back");
    assert_eq!(again.drills[0].body, pack.drills[0].body);
}

#[test]
fn a_shift_names_turns_that_point_nowhere_or_that_no_path_reaches() {
    let bad = SHIFT
        .replace(
            "on = { hy = \"thanks\" }",
            "on = { hy = \"thank\", qq = \"end\" }",
        )
        .replace("arrive = 0", "arrive = 300");
    let got = messages(&format!("{TEMPLATES}{bad}"));
    let all = got.join("\n");
    assert!(all.contains("\"thank\""), "{all}");
    assert!(all.contains("\"qq\""), "{all}");
    assert!(all.contains("arrive = 300"), "{all}");
    // else and on both skip the second turn: nothing leads there.
    let unreached = SHIFT.replace(
        "on = { hy = \"thanks\" }",
        "on = { hy = \"thanks\", zj = \"thanks\" }",
    );
    let got = messages(&format!("{TEMPLATES}{unreached}"));
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].contains("走不到"), "{got:?}");
    // A code the pack lacks.
    let lacking = SHIFT.replace(
        "expect = \"zj\"\nreply_after",
        "expect = \"xx\"\nreply_after",
    );
    let got = messages(&format!("{TEMPLATES}{lacking}"));
    assert!(got.iter().any(|m| m.contains("\"xx\"")), "{got:?}");
}
