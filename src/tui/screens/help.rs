//! F1: the keys of the current screen, over it.

use super::centered;
use crate::fit::wrap;
use crate::text::AmbiWidth;
use crate::tr;
use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// Which screen the help is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpFor {
    Home,
    Rules,
    Drill,
    /// A phrases drill: each phrase moves on by itself.
    Phrases,
    Results,
    Stats,
    History,
    /// The quick-reply chat screen.
    Chat,
    /// A recall drill (type the code of the reply shown).
    Recall,
    /// A recite drill (type the reply of the code shown).
    Recite,
    /// A shift (接待中心): several buyers at once.
    Shift,
}

pub fn lines(of: HelpFor) -> Vec<String> {
    let mut l = match of {
        HelpFor::Home => vec![
            tr!("↑/↓       选择练习", "↑/↓       choose a drill"),
            tr!("Tab ←/→   切换练习包", "Tab ←/→   switch pack"),
            tr!("Enter     开始", "Enter     start"),
            tr!("s         统计", "s         stats"),
            tr!("h         历史记录", "h         history"),
            tr!(
                "w         练我的弱字",
                "w         practise my weak characters"
            ),
            tr!(
                "u         换学生（学号和姓名）",
                "u         switch student (ID and name)"
            ),
            tr!(
                "e         导出我的成绩文件",
                "e         export my results file"
            ),
            tr!(
                "a         看全部学生的成绩 / 只看我的",
                "a         everyone's figures / only mine"
            ),
            tr!(
                "p         拼音练习开/关（跟打、短句按拼音字母打）",
                "p         pinyin practice on/off (text and phrases typed as pinyin)"
            ),
            tr!(
                "i         安装打开的练习包文件",
                "i         install the opened pack file"
            ),
            tr!("Esc       退出", "Esc       quit"),
        ],
        HelpFor::Rules => vec![
            tr!("Enter     开始练习", "Enter     start the drill"),
            tr!(
                "u         换考生（学号和姓名）",
                "u         change who takes it (ID and name)"
            ),
            tr!(
                "数字      输入开始口令（老师在课上宣布的）",
                "digits    the start code your teacher announced in class"
            ),
            tr!("Esc       返回", "Esc       back"),
            tr!(
                "考试中按 Esc 或 Ctrl-C 会先问一句，再按一次才离开",
                "In an exam, Esc or Ctrl-C asks first; press it again to leave"
            ),
        ],
        HelpFor::Drill => vec![
            tr!(
                "照着原文打字，第一个字开始计时",
                "Type the text; the clock starts at the first key"
            ),
            tr!(
                "Enter     原文换行处换行",
                "Enter     where the text has a line break"
            ),
            tr!(
                "Backspace 改错（严格模式除外）",
                "Backspace fix a mistake (not in strict mode)"
            ),
            tr!(
                "Esc       离开（有输入则保存为未完成；考试先问一句）",
                "Esc       leave (saved as not completed if typed; an exam asks first)"
            ),
        ],
        HelpFor::Phrases => vec![
            tr!(
                "照着短句一句句打，第一个字开始计时",
                "Type each phrase; the clock starts at the first key"
            ),
            tr!(
                "打完一句自动换下一句，不用按 Enter",
                "Each finished phrase moves on by itself: no Enter needed"
            ),
            tr!(
                "Backspace 改错（严格模式除外；打完的句子不能再改）",
                "Backspace fix a mistake in the phrase (not strict mode)"
            ),
            tr!(
                "Esc       离开（有输入则保存为未完成）",
                "Esc       leave (saved as not completed if typed)"
            ),
        ],
        HelpFor::Chat => vec![
            tr!(
                "像在千牛里一样回复顾客，消息出现就开始计时",
                "Answer the customer as in 千牛; the clock runs from each message"
            ),
            tr!(
                "/         打开快捷短语（行首；// 输入斜杠）",
                "/         phrase list (at the start; // types a slash)"
            ),
            tr!(
                "↑/↓       在短语列表或订单信息里选择",
                "↑/↓       choose in the phrase list or order card"
            ),
            tr!(
                "Enter     插入选中的短语；否则发送回复",
                "Enter     insert the chosen phrase; else send the reply"
            ),
            tr!(
                "Tab       跳到下一个待填空位",
                "Tab       next placeholder to fill"
            ),
            tr!(
                "Ctrl-O    插入订单信息里的一项",
                "Ctrl-O    insert a field of the order card"
            ),
            tr!(
                "Esc       关闭列表；放弃这条消息；都答完后离开",
                "Esc       close the list; skip this message; leave when none is open"
            ),
        ],
        HelpFor::Shift => vec![
            tr!(
                "几位顾客同时来问，像千牛接待中心一样轮流回复；每条消息出现就开始计时",
                "Several buyers at once, as in 千牛's 接待中心; each message's clock runs from when it came"
            ),
            tr!(
                "Ctrl-N/PgDn 下一位 · Ctrl-P/PgUp 上一位 · Ctrl-G 等得最久的",
                "Ctrl-N/PgDn next buyer · Ctrl-P/PgUp previous · Ctrl-G the longest wait"
            ),
            tr!(
                "/ 快捷短语 · Tab 下一空 · Ctrl-O 订单信息 · Enter 发送",
                "/ phrases · Tab next blank · Ctrl-O order card · Enter send"
            ),
            tr!(
                "Ctrl-T    转接给同事：先在回复框写转接备注，再按 Ctrl-T（售后、投诉等该转的才转）",
                "Ctrl-T    pass the buyer to a colleague: write the note in the reply box, then Ctrl-T (only what is theirs)"
            ),
            tr!(
                "Ctrl-F    待付款订单：↑↓ 选、Enter 打开，在那里发催付（看下单多久、休息时段、只催一次）",
                "Ctrl-F    unpaid orders: ↑↓ choose, Enter opens one to send its 催付 (mind the time, quiet hours, once)"
            ),
            tr!(
                "Ctrl-R    催付后在回复框写结果备注，按 Ctrl-R 保存",
                "Ctrl-R    after a 催付, write the result note in the reply box and press Ctrl-R"
            ),
            tr!(
                "每位顾客的回复框各自保留草稿；别处来消息不会打断你",
                "Each buyer keeps their own draft; a message elsewhere never takes your typing"
            ),
            tr!(
                "等太久不回，顾客会催，再久就走了（未回复流失）",
                "Leave a buyer too long and they nudge, then leave (lost)"
            ),
            tr!(
                "Esc       关闭列表；否则问是否结束班次",
                "Esc       close the list; else asks whether to end the shift"
            ),
        ],
        HelpFor::Recall => vec![
            tr!(
                "看回复（或顾客的话），打出它的快捷编码",
                "Read the reply (or the customer's words) and type its code"
            ),
            tr!(
                "Enter     确认；不记得就直接 Enter，会显示正确编码",
                "Enter     answer; Enter alone shows the right code"
            ),
            tr!("Backspace 改编码", "Backspace fix the code"),
            tr!(
                "Esc       离开（有作答则保存为未完成）",
                "Esc       leave (saved as not completed if answered)"
            ),
        ],
        HelpFor::Recite => vec![
            tr!(
                "看编码，凭记忆打出整条短语；表情和占位符不用打",
                "Type the code's whole reply from memory; 表情 and placeholders are not typed"
            ),
            tr!(
                "Tab       看答案（这条算没记住）",
                "Tab       show the reply (counts as missed)"
            ),
            tr!(
                "Backspace 改错（严格模式除外）",
                "Backspace fix a mistake (not in strict mode)"
            ),
            tr!(
                "Esc       离开（有输入则保存为未完成）",
                "Esc       leave (saved as not completed if typed)"
            ),
        ],
        HelpFor::Results => vec![
            tr!("r / Enter 再练一次", "r / Enter retry"),
            tr!("n         下一个练习", "n         next drill"),
            tr!("h / Esc   返回首页", "h / Esc   home"),
            tr!(
                "成绩卡    截图即可发到班级群",
                "the card  screenshot it for your class group"
            ),
        ],
        HelpFor::Stats => vec![
            tr!(
                "←/→ Tab   曲线换练习：全部或某一个（有及格线就画出）",
                "←/→ Tab   trend: all drills / one drill (with its pass line)"
            ),
            tr!(
                "每日目标  kuaida config set goal.minutes 分钟数",
                "daily goal: kuaida config set goal.minutes MINUTES"
            ),
            tr!(
                "w         练我的弱字",
                "w         practise my weak characters"
            ),
            tr!("Esc       返回首页", "Esc       home"),
        ],
        HelpFor::History => vec![
            tr!("↑/↓       选择", "↑/↓       choose"),
            tr!("Enter     查看这次的成绩", "Enter     open its results"),
            tr!("Tab ←/→   按练习包筛选", "Tab ←/→   filter by pack"),
            tr!("Esc       返回首页", "Esc       home"),
        ],
    };
    l.push(tr!("Ctrl-C    保存并退出", "Ctrl-C    save and quit"));
    l.push(tr!("F1        关闭帮助", "F1        close help"));
    l
}

/// The keys over the screen, each line wrapped to the box (as wide as the window allows,
/// up to 76 columns), a wrapped line's rest indented under its text.
pub fn render(frame: &mut Frame, of: HelpFor) {
    let width = frame.area().width.saturating_sub(4).clamp(20, 76);
    let inner = usize::from(width - 2);
    let mut rows: Vec<Line> = Vec::new();
    for text in lines(of) {
        for (i, row) in wrap(&text, inner.saturating_sub(2), AmbiWidth::Narrow)
            .into_iter()
            .enumerate()
        {
            rows.push(Line::from(if i == 0 { row } else { format!("  {row}") }));
        }
    }
    let area = centered(frame.area(), width, rows.len() as u16 + 2);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(rows).block(
            Block::default()
                .borders(Borders::ALL)
                .title(tr!(" 按键 ", " Keys ")),
        ),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_wrap_inside_the_box_in_a_narrow_window() {
        crate::i18n::set_lang(crate::i18n::Lang::Zh);
        let mut term = crate::tui::screens::testing::terminal(80, 24);
        let frame = term.draw(|f| render(f, HelpFor::Shift)).expect("draws");
        let shown = crate::tui::screens::testing::text(frame.buffer);
        // The end of the longest lines is there, on a row of its own.
        assert!(shown.contains("转的才转）"), "{shown}");
        assert!(shown.contains("时段、只催一次）"), "{shown}");
    }

    #[test]
    fn a_phrases_drill_says_no_enter_is_needed_and_a_text_drill_where_it_is() {
        crate::i18n::set_lang(crate::i18n::Lang::Zh);
        let phrases = lines(HelpFor::Phrases).join("\n");
        assert!(phrases.contains("不用按 Enter"), "{phrases}");
        assert!(!phrases.contains("换行处换行"), "{phrases}");
        let text = lines(HelpFor::Drill).join("\n");
        assert!(text.contains("Enter     原文换行处换行"), "{text}");
    }
}
