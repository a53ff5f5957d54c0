//! Who is practising on a shared PC, as the trainer sees it: the current student (sessions
//! are recorded under them), the 学号/姓名 form, and the exports — on `e` from home, and
//! into `export.dir` on quit. Settings and files are written here, never from a screen.

use super::student_form::{FormKey, FormOutcome, Purpose, StudentForm};
use crate::config::Config;
use crate::export::export_to_dir;
use crate::paths::DataDir;
use crate::record::Student;
use crate::{Result, tr};
use std::path::{Path, PathBuf};

/// What the app should do after a key on the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormDone {
    /// Still editing, or closed with nothing to say.
    Nothing,
    /// Closed: show this on home.
    Notice(String),
    /// Ctrl-C.
    Quit,
}

/// Where an export went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub path: PathBuf,
    /// Folders tried before it that could not be written, with why.
    pub failed: Vec<(PathBuf, String)>,
}

#[derive(Debug, Clone)]
pub struct Students {
    pub current: Student,
    /// The form, when open (it sits over home and takes every key).
    pub form: Option<StudentForm>,
    /// `export.dir`: where the export goes on quit (and first on `e`).
    export_dir: Option<PathBuf>,
}

impl Students {
    pub fn new(config: &Config) -> Students {
        Students {
            current: config.student(),
            form: None,
            export_dir: config
                .export
                .dir
                .as_deref()
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(PathBuf::from),
        }
    }

    /// Who is practising, for the home screen: `姓名（学号）`, or `None` when nobody is set.
    pub fn label(&self) -> Option<String> {
        match (&self.current.name, &self.current.id) {
            (Some(n), Some(i)) => Some(tr!("{n}（{i}）", "{n} ({i})")),
            (Some(s), None) | (None, Some(s)) => Some(s.clone()),
            (None, None) => None,
        }
    }

    /// `u` on home: the form, filled with the current student.
    pub fn open(&mut self, purpose: Purpose) {
        self.form = Some(StudentForm::new(purpose, &self.current));
    }

    /// `e` on home: export now, or ask for 学号 and 姓名 first when either is missing.
    pub fn export_key(&mut self, data: &DataDir) -> Option<String> {
        if self.current.id.is_none() || self.current.name.is_none() {
            self.open(Purpose::Export);
            return None;
        }
        Some(self.export_notice(data))
    }

    fn export_notice(&self, data: &DataDir) -> String {
        match self.export(data) {
            Ok(done) => exported_line(&done),
            Err(e) => tr!(
                "导出失败：{}（练习记录都还在历史里）",
                "export failed: {} (every session is still in history)",
                e
            ),
        }
    }

    /// One key on the open form.
    pub fn on_form(&mut self, data: &DataDir, key: FormKey) -> FormDone {
        let Some(form) = self.form.as_mut() else {
            return FormDone::Nothing;
        };
        let purpose = form.purpose;
        match form.apply(key) {
            FormOutcome::Editing => FormDone::Nothing,
            FormOutcome::Cancelled => {
                self.form = None;
                FormDone::Nothing
            }
            FormOutcome::Quit => {
                self.form = None;
                FormDone::Quit
            }
            FormOutcome::Done(student) => {
                self.form = None;
                // Sessions follow the student in memory even if the settings file cannot
                // be written; the notice says so.
                self.current = student;
                let saved = save_student(&data.config(), &self.current);
                let mut notice = match (&saved, purpose) {
                    (Err(e), _) => tr!(
                        "已换成 {}，但设置没能保存：{}",
                        "switched to {}, but the settings could not be saved: {}",
                        self.label().unwrap_or_default(),
                        e
                    ),
                    (Ok(()), _) => tr!(
                        "现在练习的是 {}",
                        "now practising: {}",
                        self.label().unwrap_or_default()
                    ),
                };
                if purpose == Purpose::Export {
                    notice = self.export_notice(data);
                    if let Err(e) = saved {
                        notice.push_str(&tr!("；设置没能保存：{}", "; settings not saved: {}", e));
                    }
                }
                FormDone::Notice(notice)
            }
        }
    }

    /// Folders an export may go to, in order: `export.dir`, then on `e` the desktop
    /// (where a student finds the file to upload) and the folder kuaida was started in,
    /// and last the data dir (it holds history, so it can be written).
    fn export_dirs(&self, data: &DataDir, on_quit: bool) -> Vec<PathBuf> {
        let (desktop, here) = if on_quit {
            (None, None)
        } else {
            let desktop = directories::UserDirs::new()
                .and_then(|u| u.desktop_dir().map(Path::to_path_buf))
                .filter(|d| d.is_dir());
            (desktop, std::env::current_dir().ok())
        };
        let mut dirs: Vec<PathBuf> = Vec::new();
        for d in [
            self.export_dir.clone(),
            desktop,
            here,
            Some(data.root.clone()),
        ]
        .into_iter()
        .flatten()
        {
            if !dirs.contains(&d) {
                dirs.push(d);
            }
        }
        dirs
    }

    /// The current student's export, in the first folder of [`Self::export_dirs`] that
    /// takes it.
    pub fn export(&self, data: &DataDir) -> Result<Exported> {
        export_first(data, &self.current, &self.export_dirs(data, false))
    }

    /// On quit with `export.dir` set: the student's export, if they have any session.
    /// `None` when there is nothing to do.
    pub fn export_on_quit(&self, data: &DataDir) -> Option<Result<Exported>> {
        self.export_dir.as_ref()?;
        match crate::export::sessions_of(data, &self.current) {
            Ok(s) if s.is_empty() => None,
            Ok(_) => Some(export_first(
                data,
                &self.current,
                &self.export_dirs(data, true),
            )),
            Err(e) => Some(Err(e)),
        }
    }
}

/// Try each folder in turn; the error of the last when none takes the file.
fn export_first(data: &DataDir, student: &Student, dirs: &[PathBuf]) -> Result<Exported> {
    let mut failed = Vec::new();
    let mut last = None;
    for dir in dirs {
        match export_to_dir(data, student, dir) {
            Ok(path) => return Ok(Exported { path, failed }),
            // History itself could not be read: another folder will not help.
            Err(e @ crate::Error::Store(_)) => return Err(e),
            Err(e) => {
                failed.push((dir.clone(), e.to_string()));
                last = Some(e);
            }
        }
    }
    Err(last
        .unwrap_or_else(|| crate::Error::Usage(tr!("没有可写的文件夹", "no folder to write to"))))
}

/// "exported to PATH", with the folders that failed first.
pub fn exported_line(done: &Exported) -> String {
    let path = crate::report::clean(&done.path.display().to_string());
    let mut line = tr!("已导出到 {path}", "exported to {path}");
    if let Some((dir, why)) = done.failed.first() {
        let dir = crate::report::clean(&dir.display().to_string());
        let why = crate::report::clean(why);
        line.push_str(&tr!(
            "（{dir} 写不进去：{why}）",
            " ({dir} could not be written: {why})"
        ));
    }
    line
}

/// Put the student into `config.toml`, keeping every other setting as the file has it now.
fn save_student(path: &Path, student: &Student) -> Result<()> {
    let mut config = Config::load(path)?;
    config.student.name = student.name.clone();
    config.student.id = student.id.clone();
    config.save(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill(s: &mut Students, data: &DataDir, id: &str, name: &str) -> FormDone {
        let mut last = FormDone::Nothing;
        for c in id.chars() {
            s.on_form(data, FormKey::Char(c));
        }
        s.on_form(data, FormKey::Enter);
        for c in name.chars() {
            s.on_form(data, FormKey::Char(c));
        }
        if s.form.is_some() {
            last = s.on_form(data, FormKey::Enter);
        }
        last
    }

    #[test]
    fn switching_saves_the_student_and_keeps_other_settings() {
        crate::i18n::set_lang(crate::i18n::Lang::Zh);
        let tmp = tempfile::TempDir::new().unwrap();
        let data = DataDir::new(tmp.path().to_path_buf());
        let mut config = Config::default();
        config.set("theme", "light").unwrap();
        config.set("student.name", "旧名").unwrap();
        config.save(&data.config()).unwrap();
        let mut s = Students::new(&config);
        assert_eq!(s.label().as_deref(), Some("旧名"));
        s.open(Purpose::Switch);
        // The old name is there; clear it first.
        s.on_form(&data, FormKey::Next);
        for _ in 0..2 {
            s.on_form(&data, FormKey::Backspace);
        }
        s.on_form(&data, FormKey::Prev);
        let done = fill(&mut s, &data, "2026002", "李四");
        assert_eq!(
            done,
            FormDone::Notice("现在练习的是 李四（2026002）".into())
        );
        let saved = Config::load(&data.config()).unwrap();
        assert_eq!(saved.student.id.as_deref(), Some("2026002"));
        assert_eq!(saved.student.name.as_deref(), Some("李四"));
        assert_eq!(saved.theme.as_deref(), Some("light"));
    }

    #[test]
    fn export_asks_first_then_writes_into_export_dir() {
        crate::i18n::set_lang(crate::i18n::Lang::Zh);
        let tmp = tempfile::TempDir::new().unwrap();
        let data = DataDir::new(tmp.path().join("data"));
        let out = tmp.path().join("交作业");
        let mut config = Config::default();
        config
            .set("export.dir", &out.display().to_string())
            .unwrap();
        let mut s = Students::new(&config);
        assert_eq!(s.export_key(&data), None);
        assert!(s.form.is_some());
        let FormDone::Notice(n) = fill(&mut s, &data, "7", "王五") else {
            panic!("no notice");
        };
        assert!(n.starts_with("已导出到 "), "{n}");
        let date = chrono::Local::now().format("%Y%m%d");
        assert!(out.join(format!("7_王五_{date}.json")).is_file(), "{n}");
        // Set now: `e` exports straight away.
        let again = s.export_key(&data).expect("exports");
        assert!(again.contains("7_王五_"), "{again}");
    }

    #[test]
    fn an_unwritable_folder_falls_back_and_says_so() {
        let tmp = tempfile::TempDir::new().unwrap();
        let data = DataDir::new(tmp.path().join("data"));
        // A file where the folder should be: it cannot be created.
        let blocked = tmp.path().join("blocked");
        std::fs::write(&blocked, "x").unwrap();
        let ok = tmp.path().join("ok");
        let student = Student {
            name: Some("赵六".into()),
            id: Some("9".into()),
        };
        let done = export_first(&data, &student, &[blocked.join("sub"), ok.clone()]).unwrap();
        assert!(done.path.starts_with(&ok));
        assert_eq!(done.failed.len(), 1);
        assert!(export_first(&data, &student, &[blocked.join("sub")]).is_err());
    }

    #[test]
    fn nothing_to_export_on_quit_without_export_dir_or_sessions() {
        let tmp = tempfile::TempDir::new().unwrap();
        let data = DataDir::new(tmp.path().join("data"));
        let s = Students::new(&Config::default());
        assert!(s.export_on_quit(&data).is_none());
        let mut config = Config::default();
        config
            .set("export.dir", &tmp.path().display().to_string())
            .unwrap();
        assert!(Students::new(&config).export_on_quit(&data).is_none());
    }
}
