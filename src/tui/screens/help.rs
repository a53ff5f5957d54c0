//! F1: the keys of the current screen, over it.

use super::centered;
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
    Results,
    Stats,
    History,
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
            tr!("Esc       返回", "Esc       back"),
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
                "Esc       离开（有输入则保存为未完成）",
                "Esc       leave (saved as not completed if typed)"
            ),
        ],
        HelpFor::Results => vec![
            tr!("r / Enter 再练一次", "r / Enter retry"),
            tr!("n         下一个练习", "n         next drill"),
            tr!("h / Esc   返回首页", "h / Esc   home"),
        ],
        HelpFor::Stats => vec![
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

pub fn render(frame: &mut Frame, of: HelpFor) {
    let lines: Vec<Line> = lines(of).into_iter().map(Line::from).collect();
    let area = centered(frame.area(), 60, lines.len() as u16 + 2);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(tr!(" 按键 ", " Keys ")),
        ),
        area,
    );
}
