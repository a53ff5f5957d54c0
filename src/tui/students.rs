//! Who is practising on a shared PC, as the trainer sees it: the current student (sessions
//! are recorded under them), the 学号/姓名 form, and where exports go — on `e` from home,
//! and into `export.dir` on quit. The settings file and the exports are written by the
//! loop's world (`super::world`), never from here or a screen.

use super::student_form::{FormKey, FormOutcome, Purpose, StudentForm};
use crate::config::Config;
use crate::paths::DataDir;
use crate::record::{SessionRecord, Student};
use crate::{Result, tr};
use std::path::{Path, PathBuf};

/// What the app should do after a key on the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormDone {
    /// Still editing, or closed with nothing to do.
    Nothing,
    /// Closed on a student: save them (and export, when the form was asked for by `e`).
    Save { student: Student, then_export: bool },
    /// Ctrl-C.
    Quit,
}

/// What `e` on home asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportAsk {
    /// 学号 or 姓名 is missing: the form is open.
    Form,
    /// Export the current student into the first of these folders that takes it.
    Now(Vec<PathBuf>),
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
    pub export_dir: Option<PathBuf>,
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
        label_of(&self.current)
    }

    /// `u` on home: the form, filled with the current student.
    pub fn open(&mut self, purpose: Purpose) {
        self.form = Some(StudentForm::new(purpose, &self.current));
    }

    /// The form with empty fields (someone else sits at the PC now).
    pub fn open_empty(&mut self, purpose: Purpose) {
        self.form = Some(StudentForm::new(purpose, &Student::default()));
    }

    /// `e` on home: export now, or ask for 学号 and 姓名 first when either is missing.
    pub fn export_key(&mut self, data: &DataDir) -> ExportAsk {
        if self.current.id.is_none() || self.current.name.is_none() {
            self.open(Purpose::Export);
            return ExportAsk::Form;
        }
        ExportAsk::Now(export_dirs(self.export_dir.as_ref(), data, false))
    }

    /// One key on the open form. A student entered becomes the current one at once:
    /// sessions follow them even if the settings file cannot be written.
    pub fn on_form(&mut self, key: FormKey) -> FormDone {
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
                self.current = student.clone();
                FormDone::Save {
                    student,
                    then_export: purpose == Purpose::Export,
                }
            }
        }
    }
}

/// `姓名（学号）`, either alone, or `None`.
pub fn label_of(s: &Student) -> Option<String> {
    match (&s.name, &s.id) {
        (Some(n), Some(i)) => Some(tr!("{n}（{i}）", "{n} ({i})")),
        (Some(s), None) | (None, Some(s)) => Some(s.clone()),
        (None, None) => None,
    }
}

/// Folders an export may go to, in order: `export.dir`, then on `e` the desktop (where a
/// student finds the file to upload) and the folder kuaida was started in, and last the
/// data dir (it holds history, so it can be written).
pub fn export_dirs(export_dir: Option<&PathBuf>, data: &DataDir, on_quit: bool) -> Vec<PathBuf> {
    let (desktop, here) = if on_quit {
        (None, None)
    } else {
        let desktop = directories::UserDirs::new()
            .and_then(|u| u.desktop_dir().map(Path::to_path_buf))
            .filter(|d| d.is_dir());
        (desktop, std::env::current_dir().ok())
    };
    let mut dirs: Vec<PathBuf> = Vec::new();
    for d in [export_dir.cloned(), desktop, here, Some(data.root.clone())]
        .into_iter()
        .flatten()
    {
        if !dirs.contains(&d) {
            dirs.push(d);
        }
    }
    dirs
}

/// Write `sessions` as `student`'s export into the first folder that takes it; the error
/// of the last when none does.
pub fn export_first(
    sessions: &[SessionRecord],
    student: &Student,
    dirs: &[PathBuf],
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Result<Exported> {
    let mut failed = Vec::new();
    let mut last = None;
    for dir in dirs {
        match crate::export::write_to_dir(sessions.to_vec(), student, dir, now) {
            Ok(path) => return Ok(Exported { path, failed }),
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
pub fn save_student(path: &Path, student: &Student) -> Result<()> {
    let mut config = Config::load(path)?;
    config.student.name = student.name.clone();
    config.student.id = student.id.clone();
    config.save(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill(s: &mut Students, id: &str, name: &str) -> FormDone {
        let mut last = FormDone::Nothing;
        for c in id.chars() {
            s.on_form(FormKey::Char(c));
        }
        s.on_form(FormKey::Enter);
        for c in name.chars() {
            s.on_form(FormKey::Char(c));
        }
        if s.form.is_some() {
            last = s.on_form(FormKey::Enter);
        }
        last
    }

    #[test]
    fn the_form_gives_the_student_to_save_and_keeps_them_current() {
        crate::i18n::set_lang(crate::i18n::Lang::Zh);
        let mut config = Config::default();
        config.set("student.name", "旧名").unwrap();
        let mut s = Students::new(&config);
        assert_eq!(s.label().as_deref(), Some("旧名"));
        s.open(Purpose::Switch);
        // The old name is there; clear it first.
        s.on_form(FormKey::Next);
        for _ in 0..2 {
            s.on_form(FormKey::Backspace);
        }
        s.on_form(FormKey::Prev);
        let student = Student {
            name: Some("李四".into()),
            id: Some("2026002".into()),
        };
        assert_eq!(
            fill(&mut s, "2026002", "李四"),
            FormDone::Save {
                student: student.clone(),
                then_export: false
            }
        );
        assert_eq!(s.current, student);
        assert_eq!(s.label().as_deref(), Some("李四（2026002）"));
    }

    #[test]
    fn saving_the_student_keeps_other_settings() {
        let tmp = tempfile::TempDir::new().unwrap();
        let data = DataDir::new(tmp.path().to_path_buf());
        let mut config = Config::default();
        config.set("theme", "light").unwrap();
        config.save(&data.config()).unwrap();
        let student = Student {
            name: Some("李四".into()),
            id: Some("2026002".into()),
        };
        save_student(&data.config(), &student).unwrap();
        let saved = Config::load(&data.config()).unwrap();
        assert_eq!(saved.student.id.as_deref(), Some("2026002"));
        assert_eq!(saved.theme.as_deref(), Some("light"));
    }

    #[test]
    fn export_asks_first_then_goes_to_export_dir_first() {
        let tmp = tempfile::TempDir::new().unwrap();
        let data = DataDir::new(tmp.path().join("data"));
        let out = tmp.path().join("交作业");
        let mut config = Config::default();
        config
            .set("export.dir", &out.display().to_string())
            .unwrap();
        let mut s = Students::new(&config);
        assert_eq!(s.export_key(&data), ExportAsk::Form);
        assert!(s.form.is_some());
        let FormDone::Save { then_export, .. } = fill(&mut s, "7", "王五") else {
            panic!("no student");
        };
        assert!(then_export);
        let ExportAsk::Now(dirs) = s.export_key(&data) else {
            panic!("set now: exports straight away")
        };
        assert_eq!(dirs.first(), Some(&out));
        assert_eq!(dirs.last(), Some(&data.root));
    }

    #[test]
    fn an_unwritable_folder_falls_back_and_says_so() {
        let tmp = tempfile::TempDir::new().unwrap();
        // A file where the folder should be: it cannot be created.
        let blocked = tmp.path().join("blocked");
        std::fs::write(&blocked, "x").unwrap();
        let ok = tmp.path().join("ok");
        let student = Student {
            name: Some("赵六".into()),
            id: Some("9".into()),
        };
        let now = chrono::DateTime::parse_from_rfc3339("2026-12-07T09:00:00+08:00").unwrap();
        let done = export_first(&[], &student, &[blocked.join("sub"), ok.clone()], now).unwrap();
        assert!(done.path.starts_with(&ok));
        assert!(done.path.ends_with("9_赵六_20261207.json"));
        assert_eq!(done.failed.len(), 1);
        assert!(export_first(&[], &student, &[blocked.join("sub")], now).is_err());
    }
}
